import CLibBSON

extension BSONDocument {
    /// Calls `body` with a read-only `bson_t` over the document's own bytes, for C functions
    /// that take `const bson_t *`. Nothing is copied.
    ///
    /// The `bson_t` is libbson's static form (`bson_init_static`) over the document's storage,
    /// in stack memory of this call; an embedded document (a slice of its parent's bytes) is
    /// borrowed in place like any other. libbson refuses to append to it (it is read-only).
    ///
    /// ```swift
    /// let filter: BSONDocument = ["status": "paid"]
    /// let count = try filter.withUnsafeBSONPointer { filter in
    ///     mongoc_collection_count_documents(collection, filter, nil, nil, nil, &error)
    /// }
    /// ```
    ///
    /// - Important: The pointer, and anything C derives from it (`bson_get_data`, a
    ///   `bson_iter_t`), is valid only until `body` returns: do not store it, and do not give
    ///   it to C code that keeps it. The C code must not write to the bytes. libmongoc copies
    ///   what it keeps (a cursor copies its filter and options), so its calls are safe.
    /// - Parameter body: a closure that receives the `bson_t *` (Swift's `OpaquePointer`).
    /// - Returns: what `body` returns.
    @inlinable
    public func withUnsafeBSONPointer<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { bytes in
            try BSONTStorage.withTemporary { bson in
                Self.initStatic(bson, over: bytes)
                return try body(bson)
            }
        }
    }

    /// Calls `body` with an array of read-only `bson_t` pointers, one per document in order,
    /// for C functions that take `const bson_t **` and a count (libmongoc's
    /// `mongoc_collection_insert_many`). Nothing is copied.
    ///
    /// ```swift
    /// let reply = try BSONDocument.withUnsafeBSONPointers(to: orders) { documents, count in
    ///     try BSONDocument.reply { reply, error in
    ///         mongoc_collection_insert_many(collection, documents, count, nil, reply, error)
    ///     }
    /// }
    /// ```
    ///
    /// The `bson_t` structs (128 bytes each) live in one heap allocation, freed when `body`
    /// returns; each one is libbson's static form over its document's own storage.
    ///
    /// - Important: The same rules as ``withUnsafeBSONPointer(_:)``: valid only until `body`
    ///   returns, read-only.
    /// - Parameters:
    ///   - documents: the documents to lend.
    ///   - body: a closure that receives the pointers (`const bson_t **`) and their count.
    /// - Returns: what `body` returns.
    public static func withUnsafeBSONPointers<R>(
        to documents: [BSONDocument],
        _ body: (UnsafeMutablePointer<OpaquePointer?>, Int) throws -> R
    ) rethrows -> R {
        let count = documents.count
        let structs = UnsafeMutableRawPointer.allocate(
            byteCount: Swift.max(count, 1) * BSONTStorage.size, alignment: BSONTStorage.alignment)
        defer { structs.deallocate() }
        let pointers = UnsafeMutablePointer<OpaquePointer?>.allocate(capacity: Swift.max(count, 1))
        defer { pointers.deallocate() }
        // Every document's storage must stay put while C reads all of them at once, so the
        // pointers leave their withUnsafeBytes closures. That rests on the standard library's
        // behaviour rather than a documented guarantee: a document's storage is an ArraySlice
        // over a native array buffer (every initialiser makes it from a Swift array; an array
        // bridged from NSArray is converted eagerly), whose elements stay at one address for as
        // long as the buffer lives; `documents` is immutable here (no copy-on-write can move a
        // buffer) and withExtendedLifetime keeps every buffer alive until `body` returns.
        // Nesting one withUnsafeBytes per document instead would need stack in proportion to
        // the number of documents.
        return try withExtendedLifetime(documents) {
            for (index, document) in documents.enumerated() {
                let bson = OpaquePointer(structs + index * BSONTStorage.size)
                document.storage.withUnsafeBytes { initStatic(bson, over: $0) }
                pointers[index] = bson
            }
            return try body(pointers, count)
        }
    }

    /// `bson_init_static` over a well-formed document's bytes.
    @inlinable
    static func initStatic(_ bson: OpaquePointer, over bytes: UnsafeRawBufferPointer) {
        // A BSONDocument always holds one well-formed document (at least 5 bytes, its length
        // field equal to its size, a final NUL), which is all bson_init_static checks.
        let ok = bson_init_static(bson, bytes.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self), bytes.count)
        precondition(ok, "BSONDocument invariant broken: bson_init_static refused its bytes")
    }
}
