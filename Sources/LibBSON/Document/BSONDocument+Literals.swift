extension BSONDocument: ExpressibleByDictionaryLiteral {
    /// A document literal; keys keep their written order.
    ///
    /// ```swift
    /// let doc: BSONDocument = ["name": "Ada", "age": 36]
    /// ```
    ///
    /// A key written twice (`["a": 1, "a": 2]`) is a programming error and stops the program,
    /// as it does in a Swift `Dictionary` literal; so does a key containing NUL. BSON itself
    /// allows repeated keys: to build such a document on purpose, use ``init(elements:)-(S)``
    /// or ``BSONDocumentBuilder``, which write keys as given.
    public init(dictionaryLiteral elements: (String, BSON)...) {
        self.init(literalElements: elements)
    }

    /// A document from the elements of a literal (this one's, or a ``BSON`` dictionary
    /// literal's), stopping the program on a repeated key or a key containing NUL.
    init(literalElements elements: [(String, BSON)]) {
        if let key = Self.firstRepeatedKey(in: elements) {
            preconditionFailure("BSONDocument literal contains the key \"\(key)\" more than once; use BSONDocument(elements:) or BSONDocumentBuilder to write repeated keys on purpose")
        }
        do {
            try self.init(elements: elements.lazy.map { (key: $0.0, value: $0.1) })
        } catch {
            preconditionFailure("BSONDocument literal: \(error)")
        }
    }

    /// The first key of `elements` that an earlier element already has, byte for byte (as
    /// document lookups compare keys: `"é"` and `"e\u{301}"` are two keys), or nil when every
    /// key is different.
    static func firstRepeatedKey(in elements: [(String, BSON)]) -> String? {
        // Literals are mostly small: comparing pairs costs less than hashing every key.
        if elements.count <= 16 {
            for i in elements.indices.dropFirst() {
                let key = elements[i].0.utf8
                for j in 0..<i where elements[j].0.utf8.elementsEqual(key) { return elements[i].0 }
            }
            return nil
        }
        var seen = Set<[UInt8]>(minimumCapacity: elements.count)
        for (key, _) in elements where !seen.insert(Array(key.utf8)).inserted { return key }
        return nil
    }
}
