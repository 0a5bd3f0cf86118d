import CInteropPeer
import CLibBSON
import LibBSON
import LibBSONTestSupport

/// Swift's side of the C peer (`Tests/CInteropPeer`): each string or `bson_t` the peer
/// allocates has exactly one owner here, which frees it before returning.
enum CPeer {
    /// Takes a string the peer allocated (nil stays nil) and frees it with `peer_free`.
    static func take(_ text: UnsafeMutablePointer<CChar>?) -> String? {
        guard let text else { return nil }
        defer { peer_free(text) }
        return String(cString: text)
    }

    /// libbson's `bson_iter_t` walk of a `bson_t` (see `peer_walk`); nil when libbson refuses it.
    static func walk(_ bson: OpaquePointer) -> String? {
        take(peer_walk(bson))
    }

    /// libbson's walk of a document lent to C with `withUnsafeBSONPointer`.
    static func walk(borrowing document: BSONDocument) -> String? {
        document.withUnsafeBSONPointer { walk($0) }
    }

    /// libbson's Extended JSON of a document lent to C with `withUnsafeBSONPointer`.
    static func extendedJSON(borrowing document: BSONDocument, canonical: Bool) -> String? {
        document.withUnsafeBSONPointer { take(peer_extended_json($0, canonical)) }
    }

    /// The addresses libbson finds for every embedded document of a borrowed document (see
    /// `peer_embedded_addresses`), as integers: they are compared, never dereferenced.
    static func embeddedAddresses(borrowing document: BSONDocument) -> [UInt]? {
        document.withUnsafeBSONPointer { bson -> [UInt]? in
            let count = peer_embedded_addresses(bson, nil, 0)
            guard count >= 0 else { return nil }
            var addresses = [UnsafePointer<UInt8>?](repeating: nil, count: count)
            let again = addresses.withUnsafeMutableBufferPointer {
                peer_embedded_addresses(bson, $0.baseAddress, $0.count)
            }
            guard again == count else { return nil }
            return addresses.map { UInt(bitPattern: $0) }
        }
    }

    /// The address of the bytes a `bson_t` holds, as an integer.
    static func dataAddress(_ bson: OpaquePointer) -> UInt {
        UInt(bitPattern: bson_get_data(bson))
    }

    /// Storage for one `bson_t` that Swift owns, of C's own `sizeof(bson_t)` and
    /// `_Alignof(bson_t)`, for `body` only. The caller initialises and destroys the `bson_t`.
    static func withBSONTStorage<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        let storage = UnsafeMutableRawPointer.allocate(
            byteCount: peer_bson_size(), alignment: peer_bson_alignment())
        defer { storage.deallocate() }
        return try body(OpaquePointer(storage))
    }

    /// Runs `body` with libbson's allocations on this thread tracked (see `peer_tracking_t`):
    /// how many blocks libbson allocated, freed, freed twice, and left allocated.
    static func trackingLibbsonAllocations(_ body: () throws -> Void) rethrows -> peer_tracking_t {
        // The global context's ObjectId generator holds a bson_context_t for the life of the
        // process; make sure it exists before tracking, not on first use inside `body`.
        _ = BSONContext.global
        peer_tracking_begin()
        do {
            try body()
        } catch {
            _ = peer_tracking_end()
            throw error
        }
        return peer_tracking_end()
    }

    /// `count` bytes directly followed by an inaccessible page (see `peer_guarded_alloc`),
    /// holding a copy of `bytes`, for `body` only: reading past them faults.
    static func withGuardedBytes<R>(_ bytes: [UInt8], _ body: (UnsafeMutablePointer<UInt8>) throws -> R) throws -> R {
        guard let guarded = peer_guarded_alloc(bytes.count) else {
            throw FixtureError("peer_guarded_alloc(\(bytes.count)) failed")
        }
        defer { peer_guarded_free(guarded, bytes.count) }
        guarded.update(from: bytes, count: bytes.count)
        return try body(guarded)
    }
}
