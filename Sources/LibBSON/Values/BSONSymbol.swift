/// A symbol (type 0x0E, deprecated by the BSON specification): a string kept distinct from `string`.
public struct BSONSymbol: Sendable, Hashable, CustomStringConvertible {
    /// The symbol's text.
    public var stringValue: String
    /// Creates a symbol.
    public init(_ stringValue: String) { self.stringValue = stringValue }
    public var description: String { stringValue }
}
