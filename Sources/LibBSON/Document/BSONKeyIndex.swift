import Synchronization

/// The key index of a wide ``BSONDocument``: a ``BSONKeyTable``, built lazily, shared by the
/// copies of the document that have the same bytes, and kept up to date by
/// ``BSONDocument/replaceStorage(bytesIn:with:_:)`` as the bytes change.
///
/// When a document has one (so when lookups are O(1)):
/// - `init(fromBSON:)` (and the `Data`, buffer and `bson_t` copying initialisers that call it)
///   gives a document of at least ``parsedMinimumSize`` bytes with more than
///   ``wideElementCount`` top-level elements an index whose table is built by the first lookup
///   (a document that is only read through costs one small allocation and no hashing).
/// - A mutating lookup (`doc[key] = value`, ``BSONDocument/setValue(_:forKey:)``,
///   ``BSONDocument/removeValue(forKey:)``) that scans more than ``wideElementCount``
///   elements without an index builds one: building n keys by subscript is O(n) in all.
/// - Nothing else: narrow documents, documents from the builder, literals, `init(elements:)`,
///   Extended JSON, the Codable encoder, C's trusted bytes, and embedded documents read from a
///   parent (slices that must not allocate) look keys up by a linear scan until such a
///   mutation. A copy of a document shares its index.
///
/// Thread safety. The document is a value type that several threads may read at once; the
/// index is a reference shared by its copies, so:
/// - A lookup (not mutating) may build the table: that and every read of it happen under the
///   mutex. Uncontended, a lookup pays one lock and unlock (two atomic operations) besides
///   the hash, against a scan of up to thousands of elements without it.
/// - A mutating method changes the table only when the index is uniquely referenced
///   (`isKnownUniquelyReferenced` in ``BSONDocument/replaceStorage(bytesIn:with:_:)``);
///   otherwise it first takes a copy. So every document sharing an index has the same bytes,
///   and a table built by any of them is right for all.
// @usableFromInline: a document destroyed in another module then releases this reference
// directly; without it, the type is opaque there and each destroy went through the generic
// value witnesses of Optional (about 100 instructions, callgrind).
@usableFromInline
final class BSONKeyIndex: Sendable {
    /// A document with more elements than this is wide: below it, a scan of the bytes costs
    /// less than hashing the key, and an index would be an allocation for nothing.
    static let wideElementCount = 16

    /// The smallest parsed document that gets an index at once (16 KiB). Deciding costs a walk
    /// of 17 elements and the index an allocation, about 700 instructions (callgrind): 4-7% of
    /// parsing a 6 KB document (receiving the flat and full data sets from C), under 1.5%
    /// from 16 KiB. Below it a lookup's scan reads at most 16 KiB, and a mutating lookup still
    /// indexes a wide document. (The validator counting the elements on its walk was tried: one
    /// counter in its tuned loop cost 4-5% of decoding.)
    static let parsedMinimumSize = 16 * 1024

    /// Nil until the first lookup builds it, and again after a change it cannot follow.
    private let table: Mutex<BSONKeyTable?>

    /// The document's bytes, with room to grow, once a change was made through this index:
    /// the document's `storage` is then a slice of its first bytes (see ``splice(_:_:with:length:)``).
    /// Empty before.
    ///
    /// Not behind the mutex: it is read and written only by a mutating method of a document
    /// holding the only reference to this index (``BSONDocument/replaceStorage(bytesIn:with:_:)``
    /// checks), and by ``copy()``, whose caller shares the index, so no one can be writing it.
    /// Exclusivity is unchecked for the same reason (a dynamic check per access otherwise).
    @exclusivity(unchecked)
    nonisolated(unsafe) private var buffer: [UInt8] = []

    /// An index whose table the first lookup builds.
    init() {
        table = Mutex(nil)
    }

    /// An index over `p`, built now.
    init(indexing p: UnsafeRawBufferPointer) {
        table = Mutex(BSONKeyTable(indexing: p))
    }

    private init(table: BSONKeyTable?, buffer: [UInt8]) {
        self.table = Mutex(table)
        self.buffer = buffer
    }

    /// A copy for a document about to change bytes that another document shares with it
    /// (the buffer is shared until the first write, as arrays are).
    func copy() -> BSONKeyIndex {
        BSONKeyIndex(table: table.withLock { $0 }, buffer: buffer)
    }

    /// The first element named `key` (whose ``KeyHash`` is `hash`) in the document `p`: its
    /// start and its key's NUL.
    func find(_ key: UnsafeRawBufferPointer, hash: Int, in p: UnsafeRawBufferPointer) -> (found: (start: Int, keyEnd: Int)?, insertion: BSONKeyTable.Insertion) {
        table.withLock { table in
            if table == nil { table = BSONKeyTable(indexing: p) }
            return table.unsafelyUnwrapped.find(key, hash: hash, in: p)
        }
    }

    // MARK: Changes (on a uniquely referenced index only)

    /// Makes the change ``BSONDocument/replaceStorage(bytesIn:with:_:)`` describes to the
    /// document `storage`, and to the table: drops the entries of the elements removed, moves
    /// the ones after the change, adds the elements inserted. One lock for all of it.
    func replace(_ storage: inout ArraySlice<UInt8>, _ range: Range<Int>, with bytes: UnsafeRawBufferPointer,
                 lengths: SpliceLengths, _ edit: BSONDocument.StorageEdit) {
        table.withLock { table in
            if table != nil, edit == .wholeElements, !range.isEmpty {
                if table?.hasDuplicates == true {
                    // The entry of a later element of the same name would have to take over,
                    // which the table cannot know without a scan: rebuilt by the next lookup.
                    table = nil
                } else {
                    storage.withUnsafeBytes { p in
                        BSONDocument.walkElements(p, from: range.lowerBound, to: range.upperBound) { _, keyStart, _, _ in
                            table?.remove(elementAt: keyStart - 1, in: p)
                            return true
                        }
                    }
                }
            }
            let oldTerminator = storage.count - 1
            splice(&storage, range, with: bytes, lengths: lengths)
            guard table != nil else { return }
            // Nothing starts at or after the old terminator: an append moves no entry.
            if range.upperBound < oldTerminator { table?.shift(from: range.upperBound, by: bytes.count - range.count) }
            storage.withUnsafeBytes { p in
                switch edit {
                case .keysUnchanged:
                    break
                case .insertedElement(let insertion):
                    table?.insert(elementAt: range.lowerBound, at: insertion)
                case .wholeElements:
                    BSONDocument.walkElements(p, from: range.lowerBound, to: range.lowerBound + bytes.count) { _, keyStart, _, _ in
                        table?.insert(elementAt: keyStart - 1, in: p)
                        return true
                    }
                }
            }
        }
    }

    /// Splices the document `storage` (see ``StorageSplice``): in place in ``buffer`` when
    /// `storage` is its first bytes and they fit, else into a new buffer twice the size or
    /// more; `storage` becomes the new first bytes of the buffer.
    private func splice(_ storage: inout ArraySlice<UInt8>, _ range: Range<Int>, with bytes: UnsafeRawBufferPointer, lengths: SpliceLengths) {
        let oldCount = storage.count
        let newCount = oldCount - range.count + bytes.count
        let inBuffer = storage.startIndex == 0 && !buffer.isEmpty
            && storage.withUnsafeBytes({ $0.baseAddress }) == buffer.withUnsafeBytes({ $0.baseAddress })
        if inBuffer {
            // Drop the document's reference, so the buffer is written in place unless a
            // value read from the document (a nested document's slice) still shares it.
            storage = ArraySlice()
            if !StorageSplice.splice(padded: &buffer, documentCount: oldCount, range, with: bytes, lengths: lengths) {
                buffer = buffer.withUnsafeBytes {
                    let old = UnsafeRawBufferPointer(rebasing: $0[..<oldCount])
                    return StorageSplice.spliced(old, range, with: bytes, lengths: lengths, count: 2 * newCount, capacity: 0)
                }
            }
        } else {
            let padded = Swift.max(2 * newCount, 64)
            buffer = storage.withUnsafeBytes { StorageSplice.spliced($0, range, with: bytes, lengths: lengths, count: padded, capacity: 0) }
        }
        storage = buffer[0..<newCount]
    }
}
