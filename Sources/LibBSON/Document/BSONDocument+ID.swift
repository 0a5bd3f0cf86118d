extension BSONDocument {
    /// The bytes a new ObjectId `_id` adds to a document: its type byte, the key `_id` with
    /// its NUL, and the 12 bytes of the ObjectId.
    static let objectIDElementSize = 1 + 4 + 12

    /// The document with an `_id` first, as MongoDB stores it: the existing `_id` moved to the
    /// front if there is one, else a new ``BSONObjectID`` from the current context's generator.
    ///
    /// ```swift
    /// let doc: BSONDocument = ["name": "Ada"]
    /// let stored = try doc.withID()   // {"_id": {"$oid": "…"}, "name": "Ada"}
    /// ```
    ///
    /// A document that has an `_id` keeps its size (moving the element changes no byte count);
    /// one that has none grows by 17 bytes. That can take a document that was within the size
    /// limit over it, so the limit is checked here: the result is never larger than the
    /// ``BSONValidationOptions/maxDocumentSize`` of the current context's
    /// ``BSONContext/validation``, the limit ``init(fromBSON:options:context:)-([UInt8],_,_)``
    /// applies by default. The current context is the bound one or ``BSONContext/global``
    /// (see ``BSONContext/resolve(_:)``); bind another with
    /// ``BSONContext/withCurrent(_:_:)`` to use its generator and its limit.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/sizeLimitExceeded`` when the result would be
    ///   larger than that limit (also when the document is already larger and has its `_id`
    ///   in place). The check comes first: no ObjectId is generated for a document that is
    ///   refused.
    public func withID() throws -> BSONDocument {
        let context = BSONContext.resolve()
        let limit = context.validation.maxDocumentSize
        let existing = elementRange(forKey: "_id")
        let size = existing == nil ? byteCount + Self.objectIDElementSize : byteCount
        guard size <= limit else {
            let what = existing == nil ? "with a new _id the document would be" : "the document is"
            throw BSONError(.sizeLimitExceeded, "\(what) \(size) bytes, above the limit of \(limit)")
        }
        // The first element starts after the 4-byte length.
        if let existing, existing.start == 4 { return self }

        let base = storage.startIndex
        var writer = BSONByteWriter(capacity: size)
        let start = writer.beginDocument()
        if let existing {
            // Move the element's bytes as they are; the others keep their order.
            writer.append(contentsOf: storage[(base + existing.start)..<(base + existing.end)])
            writer.append(contentsOf: storage[(base + 4)..<(base + existing.start)])
            writer.append(contentsOf: storage[(base + existing.end)..<(storage.endIndex - 1)])
        } else {
            // "_id" has no NUL: this does not throw.
            try writer.appendElement(key: "_id", value: .objectID(context.objectIDGenerator.next()))
            writer.append(contentsOf: storage[(base + 4)..<(storage.endIndex - 1)])
        }
        try writer.endDocument(start)
        return BSONDocument(trusted: writer.toArray()[...])
    }
}
