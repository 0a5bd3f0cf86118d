/// A path to a value inside nested documents and arrays, in MongoDB's dotted notation.
///
/// Each component is a key of a document, or the index of an array element written in decimal
/// (`"0"`, `"12"`): `"address.city"` is the `city` of the `address` document, and
/// `"tags.0"` is the first element of the `tags` array. As in MongoDB, a numeric component is an
/// index where the value is an array and a key where it is a document.
///
/// A string literal is split at every dot. A key that contains a dot needs the components
/// given one by one, as an array literal or with ``init(_:)``:
///
/// ```swift
/// doc[path: "address.city"]              // components "address", "city"
/// doc[path: ["example.com", "visits"]]   // the key "example.com", then "visits"
/// ```
public struct BSONPath: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The keys and array indices, from the outermost document in.
    public var components: [String]

    /// A path of the given components, each a key or a decimal array index, used as given
    /// (dots included).
    public init(_ components: [String]) {
        self.components = components
    }

    /// A path from dotted notation: `dotted` split at every dot (`"a..b"` has an empty key in
    /// the middle, as BSON allows).
    public init(dotted: String) {
        components = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// A path from dotted notation; see ``init(dotted:)``.
    public init(stringLiteral value: String) {
        self.init(dotted: value)
    }

    /// A path of the given components, used as given (dots included).
    public init(arrayLiteral elements: String...) {
        self.init(elements)
    }

    /// The components joined with dots (a component that contains a dot is shown as it is).
    public var description: String { components.joined(separator: ".") }

    /// The array index that `component` names, or nil when it is not a plain decimal index:
    /// digits only, no sign, no leading zero (`"0"` is the only index that starts with one),
    /// and at most 9 digits (an array in a 16 MiB document holds far fewer elements).
    static func arrayIndex(_ component: String) -> Int? {
        let utf8 = component.utf8
        guard let first = utf8.first, utf8.count <= 9, first != UInt8(ascii: "0") || utf8.count == 1 else { return nil }
        var n = 0
        for c in utf8 {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(c - UInt8(ascii: "0"))
        }
        return n
    }
}
