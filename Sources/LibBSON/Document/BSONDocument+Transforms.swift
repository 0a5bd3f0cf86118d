extension BSONDocument {
    /// The elements that satisfy `isIncluded`, in order, as a document.
    ///
    /// Kept elements are copied as bytes, not re-encoded; a repeated key stays repeated.
    ///
    /// ```swift
    /// let doc: BSONDocument = ["a": 1, "b": "x", "c": 3]
    /// doc.filter { $0.value.type == .int32 }   // ["a": 1, "c": 3]
    /// ```
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> BSONDocument {
        var writer = BSONByteWriter(capacity: storage.count)
        let start = writer.beginDocument()
        let base = storage.startIndex
        for element in elementLayouts where try isIncluded((element.key, element.value)) {
            writer.append(contentsOf: storage[(base + element.elementRange.lowerBound)..<(base + element.elementRange.upperBound)])
        }
        // The result is no longer than this document, so its length fits.
        try? writer.endDocument(start)
        return BSONDocument(trusted: writer.toArray()[...])
    }

    /// The same keys, in the same order, with each value replaced by `transform(value)`.
    ///
    /// The new document must stay under BSON's 2 GiB limit: a larger result stops the program,
    /// as a subscript assignment does (build it with ``BSONDocumentBuilder`` to handle that
    /// case as an error).
    ///
    /// ```swift
    /// let doc: BSONDocument = ["a": 1, "b": 2]
    /// doc.mapValues { .int64(Int64($0.toInt() ?? 0) * 10) }   // ["a": .int64(10), "b": .int64(20)]
    /// ```
    public func mapValues(_ transform: (BSON) throws -> BSON) rethrows -> BSONDocument {
        var writer = BSONByteWriter(capacity: storage.count)
        let start = writer.beginDocument()
        for element in elementLayouts {
            let value = try transform(element.value)
            let base = storage.startIndex
            // The key comes from a validated document: it has no NUL, so only size can fail.
            writer.append(value.type.rawValue)
            writer.append(contentsOf: storage[(base + element.keyRange.lowerBound)..<(base + element.keyRange.upperBound + 1)])
            do {
                try writer.appendValue(value)
            } catch {
                preconditionFailure("BSONDocument.mapValues: \(error)")
            }
        }
        do {
            try writer.endDocument(start)
        } catch {
            preconditionFailure("BSONDocument.mapValues: \(error)")
        }
        return BSONDocument(trusted: writer.toArray()[...])
    }

    /// The results of `transform` on each element, in order, read in one pass over the bytes
    /// (`Collection`'s own `map` would walk them twice: once to count, once to read).
    public func map<T, E: Error>(_ transform: (Element) throws(E) -> T) throws(E) -> [T] {
        var result: [T] = []
        result.reserveCapacity(underestimatedCount)
        for element in self {
            result.append(try transform(element))
        }
        return result
    }
}
