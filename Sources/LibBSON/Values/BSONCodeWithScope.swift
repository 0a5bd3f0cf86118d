/// JavaScript code with a scope document (type 0x0F, deprecated by the BSON specification).
public struct BSONCodeWithScope: Sendable, Hashable, CustomStringConvertible {
    /// The source text.
    public var code: String
    /// The variables in scope.
    public var scope: BSONDocument {
        get { BSONDocument(trusted: scopeBytes) }
        set { scopeBytes = newValue.storage }
    }
    /// The scope's bytes, without the document's key index: a ``BSONDocument`` is a slice and
    /// a reference (40 bytes), and holding one here would make this value 56 bytes and every
    /// ``BSON`` value, whose largest case this is, 8 bytes larger (decoding measured 15-35%
    /// slower with it). A scope is small and read rarely; it needs no index.
    private var scopeBytes: ArraySlice<UInt8>

    /// Creates a code-with-scope value.
    public init(code: String, scope: BSONDocument) {
        self.code = code
        self.scopeBytes = scope.storage
    }

    public var description: String { "\(code) with scope \(scope)" }

    /// Equal when the code and the scope's bytes are equal (as documents compare).
    public static func == (lhs: BSONCodeWithScope, rhs: BSONCodeWithScope) -> Bool {
        lhs.code == rhs.code && lhs.scope == rhs.scope
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(scope)
    }
}
