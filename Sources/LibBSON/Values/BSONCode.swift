/// JavaScript code (type 0x0D).
public struct BSONCode: Sendable, Hashable, CustomStringConvertible {
    /// The source text.
    public var code: String
    /// Creates a code value.
    public init(code: String) { self.code = code }
    public var description: String { code }
}
