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
            elementRange(forKey: key).map(value(of:))
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
            // write-back encodes the value, lets go of it, then splices this document's bytes
            // in place.
            var value = self[key]
            let wasPresent = value != nil
            defer {
                if wasPresent || value != nil { writeBack(key, &value) }
            }
            yield &value
        }
    }

    /// Sets `key` to `value` (removes it when nil) for a `_modify` accessor. The value is
    /// encoded first and released before the splice: a value read from this document holds
    /// windows on its bytes (embedded documents, and the documents inside a changed array),
    /// and while anything holds them the splice would have to copy the whole document.
    mutating func writeBack(_ key: String, _ value: inout BSON?) {
        guard let newValue = value.take() else {
            removeValue(forKey: key)
            return
        }
        var writer = BSONByteWriter()
        do {
            try writer.appendElement(key: key, value: newValue)
            _ = consume newValue
            try writer.withUnsafeBytes { try setElement($0, forKey: key) }
        } catch {
            preconditionFailure("BSONDocument subscript: \(error); use setValue(_:forKey:) to handle it")
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
    ///
    /// On a wide document the key is found through its key index (built by the first such
    /// call that scans more than 16 elements), so setting n keys costs O(n) in all.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when the key contains NUL.
    public mutating func setValue(_ value: BSON, forKey key: String) throws {
        try Self.withElement(key: key, value: value) { try setElement($0, forKey: key) }
    }

    /// Replaces the first element named `key` with `element` (its bytes: type, key, value), or
    /// appends it.
    private mutating func setElement(_ element: UnsafeRawBufferPointer, forKey key: String) throws {
        let (existing, insertion) = elementRangeForChange(forKey: key)
        if let existing {
            try replaceStorage(bytesIn: existing.start..<existing.end, with: element, .keysUnchanged)
        } else {
            try replaceStorage(bytesIn: terminatorOffset..<terminatorOffset, with: element,
                               insertion.map { .insertedElement($0) } ?? .wholeElements)
        }
    }

    /// Appends an element without looking for an existing one of the same name (BSON allows
    /// duplicate keys; most readers see only the first).
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when the key contains NUL.
    public mutating func append(key: String, value: BSON) throws {
        try Self.withElement(key: key, value: value) { element in
            try replaceStorage(bytesIn: terminatorOffset..<terminatorOffset, with: element, .wholeElements)
        }
    }

    /// Removes the first element named `key` and returns its value, or nil when there is none.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> BSON? {
        guard let r = elementRangeForChange(forKey: key).range else { return nil }
        // Read from a copy of the element's bytes, so the splice below is in place.
        let old = Self.detachedValue(storage, r.type, r.valueAt, r.end)
        // Removing bytes cannot make the document too long: this does not throw.
        try? replaceStorage(bytesIn: r.start..<r.end, with: UnsafeRawBufferPointer(start: nil, count: 0), .wholeElements)
        return old
    }

    /// True when the document has an element named `key`.
    public func hasKey(_ key: String) -> Bool { elementRange(forKey: key) != nil }

    /// The value of the element at `r` (a document or array value is a slice of `storage`).
    private func value(of r: ElementRange) -> BSON {
        let storage = self.storage
        return storage.withUnsafeBytes { BSONElementReader.value($0, r.type, r.valueAt, owner: storage) }
    }

    /// The value of `type` at `valueAt..<end` of `storage`, read from a copy of its bytes (an
    /// embedded document or array in it is a window on the copy, not on `storage`): for a
    /// value that is removed, so that it does not hold the document's buffer during the splice.
    static func detachedValue(_ storage: ArraySlice<UInt8>, _ type: BSONType, _ valueAt: Int, _ end: Int) -> BSON {
        let base = storage.startIndex
        let copy = Array(storage[(base + valueAt)..<(base + end)])[...]
        return copy.withUnsafeBytes { BSONElementReader.value($0, type, 0, owner: copy) }
    }

    /// Calls `body` with the bytes of one element (type byte, key, value), written first
    /// into a stack buffer so that a small element allocates nothing.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when the key contains NUL, before `body` runs.
    private static func withElement(key: String, value: BSON, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withUnsafeTemporaryAllocation(byteCount: 256, alignment: 8) { scratch in
            var writer = BSONByteWriter(borrowing: scratch)
            try writer.appendElement(key: key, value: value)
            try writer.withUnsafeBytes(body)
        }
    }

    /// The offset of the terminating NUL, where an appended element goes.
    private var terminatorOffset: Int { storage.count - 1 }
}
