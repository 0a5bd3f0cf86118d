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
        storage.withUnsafeBytes { p in
            var pos = 4
            let end = p.count - 1
            while pos < end {
                let type = BSONType(validated: p[pos])
                let keyEnd = ByteScan.cstringEnd(p, pos + 1)
                let valueAt = keyEnd + 1
                if !body(type, pos + 1, keyEnd, valueAt) { return }
                pos = valueAt + BSONValueLayout.size(p, type, at: valueAt)
            }
        }
    }

    /// The element range (type byte to end of value) of the first element named `key`.
    func elementRange(forKey key: String) -> (start: Int, end: Int, type: BSONType, valueAt: Int)? {
        var key = key
        return key.withUTF8 { k -> (Int, Int, BSONType, Int)? in
            storage.withUnsafeBytes { p -> (Int, Int, BSONType, Int)? in
                var found: (Int, Int, BSONType, Int)?
                forEachElement { type, keyStart, keyEnd, valueAt in
                    if keyEnd - keyStart == k.count,
                       memcmpEqual(p.baseAddress! + keyStart, k.baseAddress, k.count) {
                        found = (keyStart - 1, valueAt + BSONValueLayout.size(p, type, at: valueAt), type, valueAt)
                        return false
                    }
                    return true
                }
                return found
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
