extension BSONDocument: Collection {
    /// A position in a document: the byte offset of an element's type byte.
    ///
    /// Offsets count from the document's first byte (its length field), as in
    /// ``BSONElementLayout``; ``BSONDocument/endIndex`` is the offset of the terminating NUL.
    /// As with `Dictionary`, an index is valid only for the document it came from and only
    /// until that document changes: a mutation may move elements. Using it elsewhere stops the
    /// program (see ``BSONDocument/subscript(_:)-(Index)``).
    public struct Index: Comparable, Hashable, Sendable {
        /// The element's byte offset from the document's first byte.
        public let byteOffset: Int
        /// The address and size of the bytes the index was made for: an index is accepted only
        /// by a document whose bytes are at the same address with the same size, which catches
        /// an index of another document or of an earlier version of this one.
        let bytesAddress: UInt
        let bytesCount: Int

        init(byteOffset: Int, bytesAddress: UInt, bytesCount: Int) {
            self.byteOffset = byteOffset
            self.bytesAddress = bytesAddress
            self.bytesCount = bytesCount
        }

        /// Indices compare by offset alone, as `<` does (the address and size only check, at
        /// use, that the index belongs to the document).
        public static func == (lhs: Index, rhs: Index) -> Bool { lhs.byteOffset == rhs.byteOffset }

        public static func < (lhs: Index, rhs: Index) -> Bool { lhs.byteOffset < rhs.byteOffset }

        public func hash(into hasher: inout Hasher) { hasher.combine(byteOffset) }
    }

    /// An index at `byteOffset` into these bytes.
    private func index(at byteOffset: Int) -> Index {
        let (address, count) = storage.withUnsafeBytes { (UInt(bitPattern: $0.baseAddress), $0.count) }
        return Index(byteOffset: byteOffset, bytesAddress: address, bytesCount: count)
    }

    /// The position of the first element (byte offset 4, just after the length field).
    public var startIndex: Index { index(at: 4) }

    /// The position after the last element: the offset of the document's terminating NUL.
    public var endIndex: Index { index(at: storage.count - 1) }

    /// The position of the element after `i`.
    ///
    /// `i` must be a valid index of this document other than ``endIndex``; anything else stops
    /// the program, as an out-of-range `Array` index does.
    public func index(after i: Index) -> Index {
        index(at: elementEnd(at: i))
    }

    /// The element at `position`, read from the document's bytes (an embedded document is a
    /// window on them, not a copy).
    ///
    /// `position` must be a valid index of this document other than ``endIndex``: an index of
    /// another document, or of this one before a change, stops the program, as an index of
    /// another `Dictionary` does.
    public subscript(position: Index) -> Element {
        let end = elementEnd(at: position)
        let storage = self.storage
        return storage.withUnsafeBytes { p in
            let start = position.byteOffset
            let keyEnd = ByteScan.cstringEnd(p, start + 1)
            var valueEnd = keyEnd + 1
            let value = BSONElementReader.value(p, BSONType(validated: p[start]), keyEnd + 1, owner: storage, end: &valueEnd)
            precondition(valueEnd == end, "BSONDocument index \(start) does not start an element")
            return (BSONElementReader.string(p, start + 1, keyEnd), value)
        }
    }

    /// The offset just past the element at `i`, after checking that `i` was made for these
    /// bytes (same address, same size) and starts an element of them: in range, a known type
    /// byte, a key that ends in the document, a value that ends before the terminating NUL.
    private func elementEnd(at i: Index) -> Int {
        let start = i.byteOffset
        return storage.withUnsafeBytes { p in
            let end = p.count - 1
            precondition(i.bytesAddress == UInt(bitPattern: p.baseAddress) && i.bytesCount == p.count,
                         "BSONDocument index \(start) belongs to another document, or to this one before a change")
            precondition(start >= 4 && start < end, "BSONDocument index \(start) is out of range 4..<\(end)")
            guard let type = BSONType(rawValue: p[start]) else { preconditionFailure("BSONDocument index \(start) does not start an element") }
            let valueAt = ByteScan.cstringEnd(p, start + 1) + 1
            if case .lengthPrefixed = type.layout {
                precondition(valueAt + 4 <= end, "BSONDocument index \(start) does not start an element")
            }
            let valueEnd = valueAt + BSONValueLayout.size(p, type, at: valueAt)
            precondition(valueAt <= end && valueEnd >= valueAt && valueEnd <= end, "BSONDocument index \(start) does not start an element")
            return valueEnd
        }
    }
}
