import Foundation

extension BSONDocument: Sequence {
    /// One element of a document.
    public typealias Element = (key: String, value: BSON)

    /// Iterates over a document's elements in order, materialising each value once.
    public struct Iterator: IteratorProtocol {
        // Inlinable, with what it uses, so that a loop over a document in another module
        // runs the scan and the fixed-size values in place instead of calling out per element.
        @usableFromInline let storage: ArraySlice<UInt8>
        @usableFromInline var position: Int   // offset from storage.startIndex
        @usableFromInline let end: Int        // offset of the terminating NUL
        /// SmallASCIIString.isAvailable, read once per document rather than once per key.
        @usableFromInline let smallStrings: Bool

        @inlinable
        init(_ storage: ArraySlice<UInt8>) {
            self.storage = storage
            self.position = 4
            self.end = storage.count - 1
            self.smallStrings = SmallASCIIString.isAvailable
        }

        @inlinable @inline(__always)
        public mutating func next() -> (key: String, value: BSON)? {
            guard position < end else { return nil }
            let storage = self.storage
            return storage.withUnsafeBytes { p in
                let type = BSONType(validated: p[position])
                let keyEnd = ByteScan.cstringEnd(p, position + 1)
                let key = BSONElementReader.string(p, position + 1, keyEnd, small: smallStrings)
                return (key, BSONElementReader.value(p, type, keyEnd + 1, owner: storage, end: &position))
            }
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(storage) }

    /// The number of elements (counted by walking the document).
    public var count: Int {
        var n = 0
        forEachElement { _, _, _, _ in n += 1; return true }
        return n
    }

    /// True when the document has no elements.
    public var isEmpty: Bool { storage.count <= 5 }

    public var underestimatedCount: Int { isEmpty ? 0 : 1 }

    /// The keys, in order.
    public var keys: [String] {
        var result: [String] = []
        storage.withUnsafeBytes { p in
            forEachElement { _, keyStart, keyEnd, _ in
                result.append(BSONElementReader.string(p, keyStart, keyEnd))
                return true
            }
        }
        return result
    }

    /// The values, in order.
    public var values: [BSON] { map(\.value) }

    /// Walks the elements without materialising them: `body(type, keyStart, keyEnd, valueAt)`
    /// with offsets into the document's bytes; return false to stop.
    func forEachElement(_ body: (BSONType, Int, Int, Int) -> Bool) {
        storage.withUnsafeBytes { p in Self.walkElements(p, from: 4, to: p.count - 1, body) }
    }

    /// Walks the elements of the document `p` from the one that starts at `start` up to
    /// `end` (an element boundary, or the terminator's offset): `body(type, keyStart, keyEnd,
    /// valueAt)`; return false to stop.
    static func walkElements(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int, _ body: (BSONType, Int, Int, Int) -> Bool) {
        var pos = start
        while pos < end {
            let type = BSONType(validated: p[pos])
            let keyEnd = ByteScan.cstringEnd(p, pos + 1)
            let valueAt = keyEnd + 1
            if !body(type, pos + 1, keyEnd, valueAt) { return }
            pos = valueAt + BSONValueLayout.size(p, type, at: valueAt)
        }
    }

    /// True when the document has more than ``BSONKeyIndex/wideElementCount`` elements
    /// (a walk that stops there: O(1) whatever the size).
    var isWide: Bool {
        storage.withUnsafeBytes { p in
            var pos = 4
            var n = 0
            while pos < p.count - 1 {
                if n == BSONKeyIndex.wideElementCount { return true }
                n += 1
                let type = BSONType(validated: p[pos])
                let valueAt = ByteScan.cstringEnd(p, pos + 1) + 1
                pos = valueAt + BSONValueLayout.size(p, type, at: valueAt)
            }
            return false
        }
    }

    /// Where the first element named `key` is: its range (type byte to end of value), type
    /// and value offset.
    typealias ElementRange = (start: Int, end: Int, type: BSONType, valueAt: Int)

    /// The first element named `key`: through the key index when the document has one
    /// (O(1)), else by a scan.
    func elementRange(forKey key: String) -> ElementRange? {
        lookUp(key).range
    }

    /// ``elementRange(forKey:)`` for a change, with the key's ``KeyHash`` when the index was
    /// used (so that an insertion need not hash the key again). A scan that passes more than
    /// ``BSONKeyIndex/wideElementCount`` elements builds the key index, so the next lookup of
    /// a wide document is O(1) (see ``BSONKeyIndex`` for why only here).
    mutating func elementRangeForChange(forKey key: String) -> (range: ElementRange?, insertion: BSONKeyTable.Insertion?) {
        let (range, scanned, hash) = lookUp(key)
        if keyIndex == nil, scanned > BSONKeyIndex.wideElementCount { buildKeyIndex() }
        return (range, hash)
    }

    /// The lookup, how many elements it scanned (0 through the index), and the key's hash
    /// (through the index only).
    private func lookUp(_ key: String) -> (range: ElementRange?, scanned: Int, insertion: BSONKeyTable.Insertion?) {
        var key = key
        return key.withUTF8 { k in
            storage.withUnsafeBytes { p in
                if let keyIndex {
                    let key = UnsafeRawBufferPointer(k)
                    let hash = KeyHash.hash(key)
                    let (found, insertion) = keyIndex.find(key, hash: hash, in: p)
                    guard let (start, keyEnd) = found else { return (nil, 0, insertion) }
                    let type = BSONType(validated: p[start])
                    let valueAt = keyEnd + 1
                    return ((start, valueAt + BSONValueLayout.size(p, type, at: valueAt), type, valueAt), 0, nil)
                }
                var found: ElementRange?
                var scanned = 0
                Self.walkElements(p, from: 4, to: p.count - 1) { type, keyStart, keyEnd, valueAt in
                    scanned += 1
                    if keyEnd - keyStart == k.count,
                       memcmpEqual(p.baseAddress! + keyStart, k.baseAddress, k.count) {
                        found = (keyStart - 1, valueAt + BSONValueLayout.size(p, type, at: valueAt), type, valueAt)
                        return false
                    }
                    return true
                }
                KeyLookupCounting.count(scanned)
                return (found, scanned, nil)
            }
        }
    }
}

/// True when the `n` bytes at `a` and `b` are equal (true for `n` 0).
@inline(__always)
func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
    guard n > 0, let b else { return true }
    return memcmp(a, b, n) == 0
}
