extension BSONDocument {
    /// The value of the first element named `key`, or nil.
    ///
    /// Setting a value replaces the element in place (keeping its position) or appends a new
    /// one; setting nil removes the element. Keys must not contain NUL, and the document must
    /// stay under BSON's 2 GiB: breaking either is a programming error here and stops the
    /// program, so use ``setValue(_:forKey:)``, which throws, for keys or values from input.
    ///
    /// Nested values can be changed through the subscript, as in a `Dictionary` of
    /// dictionaries; the changed element is spliced into this document's bytes, and nothing
    /// else is re-encoded:
    ///
    /// ```swift
    /// var doc: BSONDocument = ["address": ["city": "Boston"], "tags": ["math"]]
    /// doc["address"]?["city"] = "Cambridge"
    /// doc["tags"]?.arrayValue?.append("chess")
    /// ```
    ///
    /// See ``BSON/subscript(_:)-(String)`` for what a change through a value that is not a document
    /// does, and ``subscript(path:)`` for dotted paths.
    public subscript(key: String) -> BSON? {
        get {
            guard let r = elementRange(forKey: key) else { return nil }
            let storage = self.storage
            return storage.withUnsafeBytes { BSONElementReader.value($0, r.type, r.valueAt, owner: storage) }
        }
        set {
            if let newValue {
                do {
                    try setValue(newValue, forKey: key)
                } catch {
                    preconditionFailure("BSONDocument subscript: \(error); use setValue(_:forKey:) to handle it")
                }
            } else {
                removeValue(forKey: key)
            }
        }
        _modify {
            // Read, let the caller change the value, write back once. An embedded document is
            // a window on these bytes, so its first change copies that document only; the
            // write-back is one splice of this document's bytes.
            var value = self[key]
            let wasPresent = value != nil
            defer {
                if wasPresent || value != nil { self[key] = value }
            }
            yield &value
        }
    }

    /// The value of the first element named `key`, or `defaultValue` when there is none.
    ///
    /// Setting through it sets the element, as ``subscript(_:)-(String)`` does, so a missing key can be
    /// given a value and changed in one step:
    ///
    /// ```swift
    /// var doc: BSONDocument = [:]
    /// doc["tags", default: []].arrayValue?.append("chess")   // doc is ["tags": ["chess"]]
    /// ```
    public subscript(key: String, default defaultValue: @autoclosure () -> BSON) -> BSON {
        get { self[key] ?? defaultValue() }
        set { self[key] = newValue }
        _modify {
            var value = self[key] ?? defaultValue()
            defer { self[key] = value }
            yield &value
        }
    }

    /// Sets the value of `key`: replaces the first element of that name in place, or appends.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when the key contains NUL.
    public mutating func setValue(_ value: BSON, forKey key: String) throws {
        var writer = BSONByteWriter()
        try writer.appendElement(key: key, value: value)
        let base = storage.startIndex
        if let r = elementRange(forKey: key) {
            try checkLength(storage.count - (r.end - r.start) + writer.count)
            writer.withUnsafeBytes { storage.replaceSubrange((base + r.start)..<(base + r.end), with: $0) }
        } else {
            try checkLength(storage.count + writer.count)
            writer.withUnsafeBytes { storage.insert(contentsOf: $0, at: storage.endIndex - 1) }
        }
        try writeLength()
    }

    /// Appends an element without looking for an existing one of the same name (BSON allows
    /// duplicate keys; most readers see only the first).
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when the key contains NUL.
    public mutating func append(key: String, value: BSON) throws {
        var writer = BSONByteWriter()
        try writer.appendElement(key: key, value: value)
        try checkLength(storage.count + writer.count)
        writer.withUnsafeBytes { storage.insert(contentsOf: $0, at: storage.endIndex - 1) }
        try writeLength()
    }

    /// Removes the first element named `key` and returns its value, or nil when there is none.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> BSON? {
        guard let r = elementRange(forKey: key) else { return nil }
        let old = self[key]
        let base = storage.startIndex
        storage.removeSubrange((base + r.start)..<(base + r.end))
        // Removing bytes cannot overflow the length field.
        try? writeLength()
        return old
    }

    /// True when the document has an element named `key`.
    public func hasKey(_ key: String) -> Bool { elementRange(forKey: key) != nil }

    /// Throws, before anything is changed, when the document would be over 2 GiB.
    func checkLength(_ newCount: Int) throws {
        _ = try BSONLengthPrefixed.document.field(newCount)
    }

    /// Writes the document's length field (checked by ``checkLength(_:)`` before the change).
    private mutating func writeLength() throws {
        let length = try BSONLengthPrefixed.document.field(storage.count)
        storage.withUnsafeMutableBytes { $0.baseAddress?.storeLittleEndian(length) }
    }
}
