/// An error thrown by swift-libbson: what went wrong, which rule failed, and where.
///
/// Every error that untrusted input can cause is a `BSONError`. It carries a ``Code`` that
/// names the rule that failed, a human-readable ``reason``, and, where it applies, the
/// ``offset`` of the offending byte in the input and the ``keyPath`` of the element being read.
///
/// ```swift
/// do {
///     let doc = try BSONDocument(fromBSON: untrustedBytes)
/// } catch let error as BSONError {
///     print(error)  // "invalid UTF-8 in string value at byte 37 (key path: user.name)"
/// }
/// ```
public struct BSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule that failed.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input ends before the structure it announces (a length points past the buffer).
        public static let truncated = Code(rawValue: "truncated")
        /// A length field is negative, too small, or disagrees with the bytes it frames.
        public static let invalidLength = Code(rawValue: "invalidLength")
        /// A document or string is missing its terminating NUL byte, or has bytes after it.
        public static let missingTerminator = Code(rawValue: "missingTerminator")
        /// An element has a type byte that is not a BSON type.
        public static let unknownType = Code(rawValue: "unknownType")
        /// A key, string, regular expression or code value is not valid UTF-8; or Extended JSON
        /// text given as bytes is not UTF-8 (``BSONDocument/init(fromJSON:context:)-([UInt8],_)``).
        public static let invalidUTF8 = Code(rawValue: "invalidUTF8")
        /// A value is outside its type's domain (for example a boolean byte other than 0 or 1).
        public static let invalidValue = Code(rawValue: "invalidValue")
        /// Documents are nested deeper than the configured limit.
        public static let depthLimitExceeded = Code(rawValue: "depthLimitExceeded")
        /// A document is larger than the configured maximum size.
        public static let sizeLimitExceeded = Code(rawValue: "sizeLimitExceeded")
        /// Extended JSON text could not be parsed.
        public static let invalidJSON = Code(rawValue: "invalidJSON")
        /// A key, regular expression pattern or options string contains a NUL byte and cannot be encoded.
        public static let embeddedNUL = Code(rawValue: "embeddedNUL")
        /// A string could not be parsed as the requested value (ObjectId hex, Decimal128, UUID...).
        public static let invalidString = Code(rawValue: "invalidString")
        /// A ``BSONPath`` cannot be followed: it goes through a value that is not a document or
        /// an array, names an array element with a component that is not an index, or is empty.
        public static let invalidPath = Code(rawValue: "invalidPath")
    }

    /// The rule that failed.
    public var code: Code
    /// A sentence saying what went wrong.
    public var reason: String
    /// The byte offset in the input where the problem was found, when the input was bytes.
    public var offset: Int?
    /// The keys leading to the element being read, outermost first (array indexes as strings).
    public var keyPath: [String]
    /// When reading a stream of documents (``BSONReader``), the zero-based index of the
    /// document the error is about; ``offset`` is then counted from the start of the stream.
    public var documentIndex: Int? = nil
    /// When the error came from a C library as a `bson_error_t` (code ``Code-swift.struct/cError``):
    /// its domain, code and message, and the reply document the call left, if any.
    public var cError: CError? = nil

    /// Creates an error.
    public init(_ code: Code, _ reason: String, offset: Int? = nil, keyPath: [String] = []) {
        self.code = code
        self.reason = reason
        self.offset = offset
        self.keyPath = keyPath
    }

    /// The key path joined with dots, or an empty string at the top level.
    public var keyPathString: String { keyPath.joined(separator: ".") }

    public var description: String {
        var text = reason
        if let offset { text += " at byte \(offset)" }
        if !keyPath.isEmpty { text += " (key path: \(keyPathString))" }
        if let documentIndex { text += " (document index \(documentIndex))" }
        if let cError { text += " (C error domain \(cError.domain), code \(cError.code))" }
        return text
    }
}
