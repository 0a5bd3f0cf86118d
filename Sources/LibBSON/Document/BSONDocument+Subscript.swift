extension BSONDocument {
    /// The value of the first element named `key`, or nil.
    ///
    /// Setting a value replaces the element in place (keeping its position) or appends a new
    /// one; setting nil removes the element. Keys must not contain NUL, and the document must
    /// stay under BSON's 2 GiB: breaking either is a programming error here and stops the
    /// program, so use ``setValue(_:forKey:)``, which throws, for keys or values from input.
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
    }

    /// Sets the value of `key`: replaces the first element of that name in place, or appends.
    ///
    /// On a wide document the key is found through its key index (built by the first such
    /// call that scans more than 16 elements), so setting n keys costs O(n) in all.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when the key contains NUL.
    public mutating func setValue(_ value: BSON, forKey key: String) throws {
        try Self.withElement(key: key, value: value) { element in
            let (existing, keyHash) = elementRangeForChange(forKey: key)
            if let existing {
                try replaceStorage(bytesIn: existing.start..<existing.end, with: element, .keysUnchanged)
            } else {
                try replaceStorage(bytesIn: terminatorOffset..<terminatorOffset, with: element,
                                   keyHash.map { .insertedElement(keyHash: $0) } ?? .wholeElements)
            }
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
        let old = value(of: r)
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
