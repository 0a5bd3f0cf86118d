import CLibBSON

extension BSONDocument {
    /// Copies the document a C library owns (a `const bson_t *`) and validates the copy.
    ///
    /// Use it for documents C lends you: a cursor's current document
    /// (`mongoc_cursor_next`), a `bson_t` inside a C structure, a reply you will destroy
    /// yourself. C keeps ownership; the pointer is not used after this returns.
    ///
    /// Bytes from C are untrusted: the `len` of the `bson_t` is checked against the size limit
    /// and against the document's own length field before anything is copied (a `len` that
    /// disagrees with it is refused), then the copy is validated in full, exactly as
    /// ``init(fromBSON:options:context:)-([UInt8],_,_)`` does. For bytes you know to be
    /// well-formed, ``init(unsafeCopyingTrusted:)`` skips the element checks.
    ///
    /// ```swift
    /// var current: OpaquePointer?
    /// while mongoc_cursor_next(cursor, &current), let current {
    ///     let document = try BSONDocument(copying: current)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - bson: a `const bson_t *` (Swift's `OpaquePointer`), valid for the call; NULL throws.
    ///   - options: the limits to apply; when nil, those of `context`.
    ///   - context: the state to use; when nil, the bound context or ``BSONContext/global``.
    /// - Throws: ``BSONError`` naming the rule, the byte offset and the key path.
    public init(copying bson: OpaquePointer?, options: BSONValidationOptions? = nil, context: BSONContext? = nil) throws {
        let options = options ?? BSONContext.resolve(context).validation
        // The size limit is applied to `len` before the copy; then the one validation path.
        try self.init(fromBSON: Self.copyBytes(of: bson, maxSize: options.maxDocumentSize), options: options)
    }

    /// Copies the document a C library owns without checking its elements: for bytes you
    /// know to be well-formed (a document that libbson built, or that was validated before).
    ///
    /// Only the framing is checked: the `len` of the `bson_t` (at least 5 bytes, at most
    /// 2 GiB), the length field of the bytes equal to it, and the final NUL.
    ///
    /// - Important: Reading a document whose elements are malformed is undefined behaviour
    ///   (lengths inside it are trusted). Use ``init(copying:options:context:)`` for anything
    ///   that came from the network, a file or another process.
    /// - Throws: ``BSONError`` when the framing is wrong.
    public init(unsafeCopyingTrusted bson: OpaquePointer?) throws {
        let bytes = try Self.copyBytes(of: bson, maxSize: Int(Int32.max))
        guard bytes[bytes.count - 1] == 0 else {
            throw BSONError(.missingTerminator, "bson_t from C: the document does not end with a NUL byte", offset: bytes.count - 1)
        }
        self.init(trusted: bytes[...])
    }

    /// Takes ownership of a `bson_t *` that a C library hands over, copies it once, validates
    /// the copy, and destroys the `bson_t` (`bson_destroy`), exactly once, whether or not this
    /// throws.
    ///
    /// Use it for functions whose documentation says the caller must destroy the result
    /// (`bson_new_from_json`, `mongoc_collection_get_index_keys` ...). Do not use the pointer
    /// again afterwards. It works for heap `bson_t` (`bson_new`, freed) and for `bson_t`
    /// storage you own (`bson_init`; only the data is freed).
    ///
    /// ```swift
    /// var error = bson_error_t()
    /// guard let parsed = bson_new_from_json(text, -1, &error) else { throw BSONError(error) }
    /// let document = try BSONDocument(taking: parsed)
    /// ```
    ///
    /// The copy is the only one: ``BSONDocument`` stores its bytes in a Swift array, which
    /// cannot adopt memory libbson allocated (see the C interop guide).
    ///
    /// - Parameters:
    ///   - bson: the `bson_t *` to take; destroyed before this returns or throws. NULL throws
    ///     (keep the C function's own `bson_error_t` for that case, as in the example).
    ///   - options: the limits to apply; when nil, those of `context`.
    ///   - context: the state to use; when nil, the bound context or ``BSONContext/global``.
    /// - Throws: ``BSONError`` naming the rule, the byte offset and the key path.
    public init(taking bson: OpaquePointer?, options: BSONValidationOptions? = nil, context: BSONContext? = nil) throws {
        defer { if let bson { bson_destroy(bson) } }
        try self.init(copying: bson, options: options, context: context)
    }

    /// Takes ownership of a `bson_t *` whose bytes you know to be well-formed, copies it once
    /// without checking its elements, and destroys it exactly once, whether or not this throws.
    ///
    /// - Important: The same rule as ``init(unsafeCopyingTrusted:)``: only for bytes known to
    ///   be well-formed.
    /// - Throws: ``BSONError`` when the framing is wrong.
    public init(unsafeTakingTrusted bson: OpaquePointer?) throws {
        defer { if let bson { bson_destroy(bson) } }
        try self.init(unsafeCopyingTrusted: bson)
    }

    /// Copies the bytes of a `bson_t`, refusing a `len` outside 5...`maxSize` or one that
    /// disagrees with the document's length field before any copy.
    private static func copyBytes(of bson: OpaquePointer?, maxSize: Int) throws -> [UInt8] {
        // C functions that return NULL on failure import as implicitly unwrapped optionals;
        // taking them as optionals makes a NULL a typed error here, not a trap at the call.
        guard let bson else {
            throw BSONError(.invalidValue, "bson_t from C is NULL")
        }
        let length = Int(clibbson_length(bson))
        guard length >= 5 else {
            throw BSONError(.invalidLength, "bson_t from C has a length of \(length) bytes, below the 5-byte minimum", offset: 0)
        }
        guard length <= maxSize else {
            throw BSONError(.sizeLimitExceeded, "bson_t from C has a length of \(length) bytes, above the limit of \(maxSize)", offset: 0)
        }
        guard let data = bson_get_data(bson) else {
            throw BSONError(.invalidValue, "bson_t from C has no data", offset: 0)
        }
        // A len larger than the bytes behind it would be read past their end: check it against
        // the length field (the first 4 bytes, there whenever the bytes are a document) first.
        let declared = UnsafeRawPointer(data).length(at: 0)
        if declared != length {
            throw lengthFieldMismatch(declared: declared, length: length, maxSize: maxSize)
        }
        // Array(UnsafeBufferPointer) allocates through code specialised here;
        // [UInt8](unsafeUninitializedCapacity:) looked the array type's metadata up in the
        // standard library on every call (about 350 instructions, callgrind).
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    /// The error for a length field that disagrees with the `bson_t`'s len: the code and offset
    /// `init(fromBSON:)` gives for `len` bytes starting with that length field.
    private static func lengthFieldMismatch(declared: Int, length: Int, maxSize: Int) -> BSONError {
        let reason = "bson_t from C: the document's length field says \(declared) bytes but its len is \(length)"
        if declared > maxSize { return BSONError(.sizeLimitExceeded, reason, offset: 0) }
        if declared < 5 { return BSONError(.invalidLength, reason, offset: 0) }
        if declared > length { return BSONError(.truncated, reason, offset: 0) }
        return BSONError(.invalidLength, reason, offset: declared)
    }
}
