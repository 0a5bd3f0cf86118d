/// The byte moves behind ``BSONDocument/replaceStorage(bytesIn:with:_:)``: replace the bytes
/// in a range of a document with others, move what follows, write the new length.
///
/// `ArraySlice`'s own `replaceSubrange` is correct but slow here: about 350 instructions in
/// place, and over 1,000 when it has to reallocate, as its out-of-place path moves byte by byte
/// (callgrind, building the data sets by subscript). So a reallocation is done here, with
/// `memcpy` and room to grow, and a wide document's bytes are kept in a padded array that its
/// ``BSONKeyIndex`` owns, where a splice is two `memmove`s.
enum StorageSplice {
    /// Splices `storage` in place when its buffer has room (a document that has no key
    /// index), else into a new buffer of twice the size or more.
    static func splice(_ storage: inout ArraySlice<UInt8>, _ range: Range<Int>, with bytes: UnsafeRawBufferPointer, lengths: SpliceLengths) {
        let oldCount = storage.count
        let newCount = oldCount - range.count + bytes.count
        if newCount > oldCount, storage.capacity < newCount {
            let capacity = Swift.max(newCount, 2 * oldCount, 64)
            storage = storage.withUnsafeBytes { spliced($0, range, with: bytes, lengths: lengths, count: newCount, capacity: capacity) }[...]
            return
        }
        let base = storage.startIndex
        storage.replaceSubrange((base + range.lowerBound)..<(base + range.upperBound), with: bytes.assumingMemoryBound(to: UInt8.self))
        storage.withUnsafeMutableBytes { $0.baseAddress.map(lengths.store) }
    }

    /// Splices the document held in the first bytes of `padded` (an array whose count is its
    /// capacity, the bytes after the document unused), `documentCount` bytes long, in place;
    /// returns false, changing nothing, when the document would not fit.
    static func splice(padded: inout [UInt8], documentCount: Int, _ range: Range<Int>, with bytes: UnsafeRawBufferPointer, lengths: SpliceLengths) -> Bool {
        guard documentCount - range.count + bytes.count <= padded.count else { return false }
        padded.withUnsafeMutableBytes { p in
            guard let base = p.baseAddress else { return }
            (base + range.lowerBound + bytes.count).copyMemory(from: base + range.upperBound, byteCount: documentCount - range.upperBound)
            if let source = bytes.baseAddress { (base + range.lowerBound).copyMemory(from: source, byteCount: bytes.count) }
            lengths.store(base)
        }
        return true
    }

    /// A new array holding the document `old` with the splice made: `count` bytes (the
    /// document, then zeros up to `count`) and room for `capacity`.
    ///
    /// Made by `reserveCapacity` and appends, whose allocation is specialised in this module:
    /// `Array(unsafeUninitializedCapacity:)` allocates through a generic path of the standard
    /// library that looks the array's type metadata up on every call (about 350 instructions
    /// more, callgrind).
    static func spliced(_ old: UnsafeRawBufferPointer, _ range: Range<Int>, with bytes: UnsafeRawBufferPointer, lengths: SpliceLengths, count: Int, capacity: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(Swift.max(count, capacity))
        result.append(contentsOf: UnsafeRawBufferPointer(rebasing: old[..<range.lowerBound]).assumingMemoryBound(to: UInt8.self))
        result.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
        result.append(contentsOf: UnsafeRawBufferPointer(rebasing: old[range.upperBound...]).assumingMemoryBound(to: UInt8.self))
        if result.count < count { result.append(contentsOf: repeatElement(0, count: count - result.count)) }
        result.withUnsafeMutableBytes { $0.baseAddress.map(lengths.store) }
        return result
    }
}

/// The length fields a splice rewrites: the document's own, and those of the embedded
/// documents and arrays that enclose the spliced range (a dotted-path edit), which all lie
/// before the range and so do not move.
struct SpliceLengths {
    /// The document's new length.
    var document: Int32
    /// The offsets of the enclosing length fields (none for an edit of top-level elements).
    var enclosing: [Int] = []
    /// What the splice adds to each enclosing length (new bytes minus replaced bytes).
    var delta = 0

    /// Writes the lengths into the document whose first byte is at `base`.
    func store(_ base: UnsafeMutableRawPointer) {
        base.storeLittleEndian(document)
        for offset in enclosing {
            let old = Int(Int32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
            // Each enclosing document is smaller than the whole, whose length was checked.
            base.storeLittleEndian(Int32(truncatingIfNeeded: old + delta), at: offset)
        }
    }
}
