import Foundation

/// A hash table from the keys of one document to where their elements start: what makes
/// lookups in a wide ``BSONDocument`` O(1). ``BSONKeyIndex`` owns it and says when it is
/// built, shared and changed; this type is only the table.
///
/// It holds offsets, not keys, so it allocates one array whatever the keys are: a slot is the
/// low 32 bits of the key's ``KeyHash`` (upper half) and the element's offset + 1 in the
/// document's bytes (lower half; a zero slot is empty; offsets fit as a document is under
/// 2 GiB). The key bytes are compared in the document itself, only when a probe's hash
/// matches. Open addressing with linear probing, at most 3/4 full; a removal moves the
/// entries after it back (no tombstones), so probes stay short after any mix of changes.
///
/// Keys are compared as bytes ("e\u{301}" and "\u{E9}" are two keys), as the linear lookup
/// does. Each key maps to its first element, the one a lookup returns; ``hasDuplicates``
/// says the document has held a key twice since the table was built, so a removal, which
/// would have to find the next element of that name, drops the table instead.
struct BSONKeyTable: Sendable {
    private var slots: [UInt64]
    private var count = 0
    /// True once some key was seen on two elements (never reset: a rebuild starts afresh).
    private(set) var hasDuplicates = false

    private static let minimumCapacity = 32

    /// Indexes every element of the document whose bytes are `p`.
    init(indexing p: UnsafeRawBufferPointer) {
        slots = Array(repeating: 0, count: Self.minimumCapacity)
        var visited = 0
        BSONDocument.walkElements(p, from: 4, to: p.count - 1) { _, keyStart, _, _ in
            visited += 1
            insert(elementAt: keyStart - 1, in: p)
            return true
        }
        KeyLookupCounting.count(visited)
    }

    /// Where a key that is not in the table goes: its ``KeyHash`` and the empty slot its probe
    /// ended on. Valid until the table next changes, so that adding the key's element right
    /// after the lookup (``insert(elementAt:at:)``) does not probe again.
    struct Insertion: Equatable, Sendable {
        var hash: Int
        var slot: Int
    }

    /// The first element named `key`, whose ``KeyHash`` is `hash`: where it starts (its type
    /// byte) and where its key's NUL is; or, when there is none, where it would go.
    func find(_ key: UnsafeRawBufferPointer, hash: Int, in p: UnsafeRawBufferPointer) -> (found: (start: Int, keyEnd: Int)?, insertion: Insertion) {
        let probe = probe(hash, key, in: p)
        guard probe.found else { return (nil, Insertion(hash: hash, slot: probe.slot)) }
        return ((Int(truncatingIfNeeded: slots[probe.slot] & 0xFFFF_FFFF) - 1, probe.keyEnd), Insertion(hash: hash, slot: probe.slot))
    }

    /// Adds the element that starts at `start`, whose key a lookup just missed at `insertion`
    /// (no change to the table since).
    mutating func insert(elementAt start: Int, at insertion: Insertion) {
        slots[insertion.slot] = Self.slot(insertion.hash, start)
        count += 1
        if count * 4 > slots.count * 3 { grow() }
    }

    /// Adds the element that starts at `start` in `p` (`hash`: its key's ``KeyHash``, when
    /// the caller has it). When its key is in the table already, the entry keeps the first
    /// element of the two (lookups return the first).
    mutating func insert(elementAt start: Int, in p: UnsafeRawBufferPointer, hash: Int? = nil) {
        let key = Self.key(at: start, in: p)
        let hash = hash ?? KeyHash.hash(key)
        let probe = probe(hash, key, in: p)
        if probe.found {
            hasDuplicates = true
            if start < offset(probe.slot) { slots[probe.slot] = Self.slot(hash, start) }
            return
        }
        slots[probe.slot] = Self.slot(hash, start)
        count += 1
        if count * 4 > slots.count * 3 { grow() }
    }

    /// Removes the entry of the element that starts at `start` in `p` (the bytes before the
    /// element is removed from them). Without duplicates that entry is the element's own.
    mutating func remove(elementAt start: Int, in p: UnsafeRawBufferPointer) {
        let key = Self.key(at: start, in: p)
        let probe = probe(KeyHash.hash(key), key, in: p)
        guard probe.found else { return }
        // Backward-shift deletion: move each later entry of the run into the hole unless
        // its home slot lies cyclically in (hole, j], where a probe would no longer reach it.
        let mask = slots.count - 1
        var hole = probe.slot
        var j = hole
        while true {
            j = (j + 1) & mask
            let entry = slots[j]
            if entry == 0 { break }
            let home = Int(truncatingIfNeeded: entry >> 32) & mask
            let stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j)
            if stays { continue }
            slots[hole] = entry
            hole = j
        }
        slots[hole] = 0
        count -= 1
    }

    /// Moves every entry at or after `offset` by `delta` bytes (the bytes from there moved).
    mutating func shift(from offset: Int, by delta: Int) {
        guard delta != 0 else { return }
        // Offsets stay within 0..<2^31, so adding to the lower half never carries into the hash.
        let change = UInt64(bitPattern: Int64(delta))
        let threshold = UInt64(offset + 1)
        slots.withUnsafeMutableBufferPointer { slots in
            for i in slots.indices where slots[i] != 0 && slots[i] & 0xFFFF_FFFF >= threshold {
                slots[i] &+= change
            }
        }
    }

    // MARK: Slots

    private static func slot(_ hash: Int, _ start: Int) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: hash)) << 32 | UInt64(start + 1)
    }

    private func offset(_ slot: Int) -> Int {
        Int(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF) - 1
    }

    /// The key bytes of the element at `start` (without the NUL).
    private static func key(at start: Int, in p: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: p[(start + 1)..<ByteScan.cstringEnd(p, start + 1)])
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func probe(_ hash: Int, _ key: UnsafeRawBufferPointer, in p: UnsafeRawBufferPointer) -> (slot: Int, found: Bool, keyEnd: Int) {
        let mask = slots.count - 1
        let fragment = UInt64(UInt32(truncatingIfNeeded: hash))
        var slot = Int(truncatingIfNeeded: fragment) & mask
        var probes = 1
        defer { KeyLookupCounting.count(probes) }
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, false, 0) }
            if entry >> 32 == fragment {
                let keyStart = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)   // offset + 1
                let keyEnd = ByteScan.cstringEnd(p, keyStart)
                if keyEnd - keyStart == key.count, Self.bytesEqual(p, keyStart, key) { return (slot, true, keyEnd) }
            }
            slot = (slot + 1) & mask
            probes += 1
        }
    }

    private static func bytesEqual(_ p: UnsafeRawBufferPointer, _ at: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        guard key.count > 0, let a = p.baseAddress, let b = key.baseAddress else { return true }
        return memcmp(a + at, b, key.count) == 0
    }

    /// Doubles the table, placing every entry again from its stored hash.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
