import CInteropPeer
import CLibBSON
import Testing
import LibBSON
import LibBSONTestSupport

/// `init(taking:)` and `init(unsafeTakingTrusted:)` destroy the `bson_t` they take exactly
/// once, whether they return or throw: heap ones (`bson_new`, `bson_new_from_json`,
/// `bson_copy`, `bson_new_from_data`) and ones initialised with `bson_init` in storage Swift
/// owns. Paddings cross libbson's 120-byte inline buffer, so much of the data lives on the
/// heap. The peer counts libbson's allocations on the test's thread: every block freed once,
/// none twice, none left; LeakSanitizer and AddressSanitizer watch too (`scripts/leakcheck`).
@Suite struct InteropOwnershipTests {
    static let count: Int32 = 1_000

    static func padding(_ index: Int32) -> Int { Int(index) * 7 % 400 }

    static func expected(_ index: Int32) -> BSONDocument {
        ["i": .int32(index), "pad": .string(String(repeating: "p", count: padding(index)))]
    }

    /// Every block libbson allocated in `body` was freed exactly once.
    static func expectEachFreedOnce(_ body: () throws -> Void) throws {
        let tally = try CPeer.trackingLibbsonAllocations(body)
        #expect(tally.allocations > 0)
        #expect(tally.frees == tally.allocations)
        #expect(tally.double_frees == 0)
        #expect(tally.still_allocated == 0)
    }

    @Test func takesHeapDocumentsFromBSONNew() throws {
        try Self.expectEachFreedOnce {
            for index in 0..<Self.count {
                let bson = try #require(peer_new_padded(index, Self.padding(index)))
                let document = index % 2 == 0 ? try BSONDocument(taking: bson) : try BSONDocument(unsafeTakingTrusted: bson)
                #expect(document == Self.expected(index))
            }
        }
    }

    @Test func takesDocumentsInitialisedInSwiftOwnedStorage() throws {
        try Self.expectEachFreedOnce {
            for index in 0..<Self.count {
                let document = try CPeer.withBSONTStorage { bson in
                    peer_init_padded(bson, index, Self.padding(index))
                    return index % 2 == 0 ? try BSONDocument(taking: bson) : try BSONDocument(unsafeTakingTrusted: bson)
                }
                #expect(document == Self.expected(index))
            }
        }
    }

    @Test func takesDocumentsFromBSONNewFromJSON() throws {
        try Self.expectEachFreedOnce {
            for index in 0..<Self.count {
                let json = #"{"i": \#(index), "pad": "\#(String(repeating: "p", count: Self.padding(index)))"}"#
                var error = bson_error_t()
                let bson = try #require(bson_new_from_json(json, -1, &error))
                #expect(try BSONDocument(taking: bson) == Self.expected(index))
            }
        }
    }

    @Test func takesCopiesOfLentDocuments() throws {
        var rng = SeededRandom(seed: 0x0C0B1)
        // Made before tracking: the first ObjectId creates libbson's long-lived bson_context_t.
        let originals = (0..<Self.count).map { _ in RandomDocuments.document(&rng) }
        try Self.expectEachFreedOnce {
            for original in originals {
                let copy = try #require(original.withUnsafeBSONPointer { bson_copy($0) })
                #expect(try BSONDocument(taking: copy) == original)
            }
        }
    }

    /// Internally corrupt documents (bson_new_from_data checks only their framing): taking
    /// throws the error fromBSON gives, and still destroys the bson_t.
    @Test func destroysWhatItRefuses() throws {
        let original = try EveryTypeDocument.build().bytes
        var refused = 0
        try Self.expectEachFreedOnce {
            for position in 4..<(original.count - 1) {
                var corrupt = original
                corrupt[position] ^= 0xA5
                guard let expected = Result(catching: { try BSONDocument(fromBSON: corrupt) }).failure as? BSONError else { continue }
                let bson = try #require(corrupt.withUnsafeBufferPointer { bson_new_from_data($0.baseAddress, $0.count) })
                let error = Result { try BSONDocument(taking: bson) }.failure as? BSONError
                #expect(error?.code == expected.code && error?.offset == expected.offset, "byte \(position)")
                refused += 1
            }
        }
        #expect(refused > 100)
    }

    /// Framing the trusted variant refuses (a len below the minimum): destroyed all the same.
    @Test func trustedTakingDestroysWhatItRefuses() throws {
        try Self.expectEachFreedOnce {
            for index in 0..<Self.count {
                let bson = try #require(peer_new_padded(index, Self.padding(index)))
                peer_set_len(bson, UInt32(index % 5))
                #expect(throws: BSONError.self) { try BSONDocument(unsafeTakingTrusted: bson) }
            }
        }
    }

    @Test func takingNULLThrows() {
        #expect(throws: BSONError.self) { try BSONDocument(taking: nil) }
        #expect(throws: BSONError.self) { try BSONDocument(unsafeTakingTrusted: nil) }
    }
}
