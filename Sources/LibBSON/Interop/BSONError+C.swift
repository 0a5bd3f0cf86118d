import CLibBSON

extension BSONError.Code {
    /// A C library (libbson, libmongoc, ...) reported an error as a `bson_error_t`;
    /// ``BSONError/cError`` holds its domain, code and message.
    public static let cError = BSONError.Code(rawValue: "cError")
}

extension BSONError {
    /// What a C library built on libbson reported in a `bson_error_t`, kept as it was.
    ///
    /// Domains and codes are the C library's own; compare them with its constants (for
    /// libmongoc, `MONGOC_ERROR_SERVER.rawValue` with the server's own error code when the
    /// client uses error API version 2, `MONGOC_ERROR_STREAM` for network failures,
    /// `MONGOC_ERROR_SERVER_SELECTION` ...).
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
        /// Why the call's reply was not kept as ``reply`` when it was not empty but failed
        /// validation (its ``BSONError`` description, with offset and key path); nil otherwise.
        public var replyError: String?

        /// Creates a C error description.
        public init(domain: UInt32, code: UInt32, message: String, reply: BSONDocument? = nil, replyError: String? = nil) {
            self.domain = domain
            self.code = code
            self.message = message
            self.reply = reply
            self.replyError = replyError
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
    ///   - reply: a `const bson_t *` C still owns, or nil. It is copied and validated;
    ///     ``CError/reply`` is nil when it is empty, and nil with ``CError/replyError`` saying
    ///     why when it is malformed (the C error is still what is thrown).
    ///   - options: the limits applied to the reply; when nil, those of `context`.
    ///   - context: the state to use; when nil, the bound context or ``BSONContext/global``.
    public init(_ error: bson_error_t, reply: OpaquePointer?, options: BSONValidationOptions? = nil, context: BSONContext? = nil) {
        var error = error
        let message = withUnsafeBytes(of: &error.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let text = message.isEmpty ? "C library error (domain \(error.domain), code \(error.code))" : message
        self.init(.cError, text)
        cError = CError(domain: error.domain, code: error.code, message: message)
        if let reply, clibbson_length(reply) > 5 {
            do {
                cError?.reply = try BSONDocument(copying: reply, options: options, context: context)
            } catch {
                cError?.replyError = String(describing: error)
            }
        }
    }
}
