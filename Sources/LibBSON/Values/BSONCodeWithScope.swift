/// JavaScript code with a scope document (type 0x0F, deprecated by the BSON specification).
public struct BSONCodeWithScope: Sendable, Hashable, CustomStringConvertible {
    /// The source text.
    public var code: String
    /// The variables in scope.
    public var scope: BSONDocument
    /// Creates a code-with-scope value.
    public init(code: String, scope: BSONDocument) {
        self.code = code
        self.scope = scope
    }
    public var description: String { "\(code) with scope \(scope)" }
}
