import CLibBSON

extension BSONError.Code {
    /// A C library (libbson, libmongoc, ...) reported an error as a `bson_error_t`;
    /// ``BSONError/cError`` holds its domain, code and message.
    public static let cError = BSONError.Code(rawValue: "cError")
}

extension BSONError {
    /// What a C library built on libbson reported in a `bson_error_t`, kept as it was.
    ///
    /// Domains and codes are the C library's own: for libmongoc, `MONGOC_ERROR_SERVER` (11)
    /// with the server's error code, `MONGOC_ERROR_STREAM` (2) for network failures,
    /// `MONGOC_ERROR_SERVER_SELECTION` (13) and so on.
    public struct CError: Sendable, Hashable {
        /// The error's domain (`bson_error_t.domain`).
        public var domain: UInt32
        /// The error's code within its domain (`bson_error_t.code`).
        public var code: UInt32
        /// The error's message (`bson_error_t.message`).
        public var message: String
        /// The reply document the failed call left, when it left a valid, non-empty one (a
        /// server's error reply, with `writeErrors`, `errorLabels` ...); nil otherwise.
        public var reply: BSONDocument?

        /// Creates a C error description.
        public init(domain: UInt32, code: UInt32, message: String, reply: BSONDocument? = nil) {
            self.domain = domain
            self.code = code
            self.message = message
            self.reply = reply
        }
    }

    /// Converts a `bson_error_t` that a C library filled into a ``BSONError`` with code
    /// ``Code-swift.struct/cError``, keeping its domain, code and message.
    ///
    /// ```swift
    /// var error = bson_error_t()
    /// if mongoc_cursor_error(cursor, &error) { throw BSONError(error) }
    /// ```
    ///
    /// - Parameter error: the filled `bson_error_t`.
    public init(_ error: bson_error_t) {
        self.init(error, reply: nil)
    }

    /// Converts a `bson_error_t` and the reply document a failed C call left (a server's
    /// error reply) into a ``BSONError`` with code ``Code-swift.struct/cError``.
    ///
    /// ```swift
    /// var error = bson_error_t()
    /// var reply: OpaquePointer?
    /// if mongoc_cursor_error_document(cursor, &error, &reply) { throw BSONError(error, reply: reply) }
    /// ```
    ///
    /// - Parameters:
    ///   - error: the filled `bson_error_t`; its message is read up to its first NUL, never
    ///     past the end of its fixed-size buffer.
    ///   - reply: a `const bson_t *` C still owns, or nil. It is copied and validated with the
    ///     bound context's limits; ``CError/reply`` is nil when it is empty or malformed (the
    ///     C error is what the caller needs to see then).
    public init(_ error: bson_error_t, reply: OpaquePointer?) {
        var error = error
        let message = withUnsafeBytes(of: &error.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let text = message.isEmpty ? "C library error (domain \(error.domain), code \(error.code))" : message
        self.init(.cError, text)
        cError = CError(domain: error.domain, code: error.code, message: message)
        if let reply, clibbson_length(reply) > 5 {
            cError?.reply = try? BSONDocument(copying: reply)
        }
    }
}
