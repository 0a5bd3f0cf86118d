import CLibBSON

extension BSONDocument {
    /// Calls a C function of the out-parameter form `bool f(..., bson_t *reply,
    /// bson_error_t *error)` and returns its reply as a document, or throws its error.
    ///
    /// This is libmongoc's common pattern: the caller provides `reply` storage, the function
    /// fills it, and the caller must destroy it whether the call succeeded or not. Here the
    /// `bson_t` lives in stack memory of this call, is initialised empty before `body` runs
    /// (so destroying it is safe even if the function never touches it), and is destroyed
    /// exactly once after `body` returns or throws. The reply is copied once and validated.
    ///
    /// ```swift
    /// let reply = try command.withUnsafeBSONPointer { command in
    ///     try BSONDocument.reply { reply, error in
    ///         mongoc_client_command_simple(client, "admin", command, nil, reply, error)
    ///     }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - options: the limits applied to the reply; when nil, those of `context`.
    ///   - context: the state to use; when nil, the bound context or ``BSONContext/global``.
    ///   - body: the call; it receives the `bson_t *reply` and `bson_error_t *error` to pass
    ///     on, and returns the C function's result (true for success).
    /// - Note: A successful reply is validated after the C call has done its work: a reply that
    ///   fails validation throws although the call (a write, say) succeeded. MongoDB replies can
    ///   exceed 16 MiB by a few kilobytes when they wrap a maximum-size document
    ///   (`findAndModify`); pass `options` with a larger `maxDocumentSize` for such calls.
    /// - Returns: the reply document.
    /// - Throws: when `body` returns false, a ``BSONError`` with code
    ///   ``BSONError/Code-swift.struct/cError`` whose ``BSONError/cError`` keeps the
    ///   `bson_error_t`'s domain, code and message and the reply the call left (when it is
    ///   valid and not empty); a validation ``BSONError`` when the reply is malformed; or what
    ///   `body` throws.
    public static func reply(
        options: BSONValidationOptions? = nil,
        context: BSONContext? = nil,
        _ body: (_ reply: OpaquePointer, _ error: UnsafeMutablePointer<bson_error_t>) throws -> Bool
    ) throws -> BSONDocument {
        try BSONTStorage.withTemporary { reply in
            bson_init(reply)
            defer { bson_destroy(reply) }
            var error = bson_error_t()
            let succeeded = try body(reply, &error)
            guard succeeded else { throw BSONError(error, reply: reply, options: options, context: context) }
            return try BSONDocument(copying: reply, options: options, context: context)
        }
    }
}
