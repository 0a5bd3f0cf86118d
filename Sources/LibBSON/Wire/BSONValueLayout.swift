/// How a value of one BSON type is laid out after its element's key: the one table of value
/// sizes and length prefixes, which the reader, the writer, the validator and the Extended
/// JSON writer all follow.
@usableFromInline
enum BSONValueLayout: Equatable {
    /// Always this many bytes (0 for undefined, null, minKey and maxKey).
    case fixed(Int)
    /// An Int32 length at the value's start, then bytes: the value takes the length plus
    /// `extra` bytes. Documents, arrays and code-with-scope count their own length field
    /// (`extra` 0); a string counts what follows its length field (4); binary data, what
    /// follows its subtype byte (5); a DBPointer is a string and then an ObjectId (4 + 12).
    case lengthPrefixed(extra: Int)
    /// Two C strings (a regular expression's pattern and options).
    case twoCStrings

    /// Bytes of an ObjectId, alone or inside a DBPointer.
    @inlinable static var objectIDSize: Int { 12 }

    /// The size of a ``fixed(_:)`` layout's values; 0 for the others.
    @inlinable
    var fixedSize: Int {
        if case .fixed(let n) = self { return n }
        return 0
    }

    /// The size of a ``fixed(_:)`` or ``lengthPrefixed(extra:)`` value whose length field
    /// holds `length`; 0 for ``twoCStrings``, whose size only its bytes tell.
    @inlinable
    func size(length: Int) -> Int {
        switch self {
        case .fixed(let n): n
        case .lengthPrefixed(let extra): extra + length
        case .twoCStrings: 0
        }
    }

    /// The size in bytes of the value of `type` that starts at `at` in validated bytes.
    @inlinable @inline(__always)
    static func size(_ p: UnsafeRawBufferPointer, _ type: BSONType, at: Int) -> Int {
        switch type.layout {
        case .fixed(let n):
            return n
        case .lengthPrefixed(let extra):
            return extra + p.length(at: at)
        case .twoCStrings:
            let patternEnd = ByteScan.cstringEnd(p, at)
            return ByteScan.cstringEnd(p, patternEnd + 1) + 1 - at
        }
    }
}
