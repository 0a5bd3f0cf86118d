import CInteropPeer
import CLibBSON
import Testing
import LibBSON
import LibBSONTestSupport

/// Receiving documents from C (Interop/BSONDocument+CReceive.swift): `init(copying:)` and
/// `init(unsafeCopyingTrusted:)` copy a `bson_t` C keeps, `init(taking:)` and
/// `init(unsafeTakingTrusted:)` take one and destroy it. Whatever C hands over (a `len` that
/// lies, internally corrupt bytes) is refused before a byte past the document is read, with the
/// error `BSONDocument(fromBSON:)` gives.
@Suite struct BSONDocumentCReceiveTests {
    // MARK: - Documents built in C with `bson_append_*`

    @Test func everyTypeDocumentBuiltInCIsByteForByteTheSwiftOne() throws {
        let built = try EveryTypeDocument.build()
        let bson = try #require(peer_build_every_type())
        let taken = try BSONDocument(taking: bson)
        #expect(taken.bytes == built.bytes)
        #expect(SwiftWalk.types(taken) == Set(BSONType.allCases))
        let again = try #require(peer_build_every_type())
        let trusted = try BSONDocument(unsafeTakingTrusted: again)
        #expect(trusted.bytes == built.bytes)
    }

    @Test func copyingLeavesTheBSONTToC() throws {
        let bson = try #require(peer_build_every_type())
        defer { bson_destroy(bson) }
        let copied = try BSONDocument(copying: bson)
        let trusted = try BSONDocument(unsafeCopyingTrusted: bson)
        // C still owns it, and it is intact: libbson reads it after both copies.
        #expect(CPeer.walk(bson) == SwiftWalk.lines(copied))
        #expect(copied.bytes == (try EveryTypeDocument.build()).bytes)
        #expect(trusted == copied)
    }

    // MARK: - A len that disagrees with the bytes

    // A `bson_t` from C whose `len` disagrees with its bytes must be refused before `len` bytes
    // are read, with a located error. The bytes are an empty document (5 bytes) directly followed
    // by an inaccessible page, so reading one byte past them faults (with or without ASan).

    static func withLyingBSONT<R>(len: UInt32, _ body: (OpaquePointer) throws -> R) throws -> R {
        try CPeer.withGuardedBytes([5, 0, 0, 0, 0]) { bytes in
            try CPeer.withBSONTStorage { bson in
                guard peer_init_static(bson, bytes, 5) else {
                    throw FixtureError("bson_init_static refused an empty document")
                }
                peer_set_len(bson, len)
                return try body(bson)
            }
        }
    }

    /// The error `body` throws, or nil when it returns.
    static func error(_ body: () throws -> BSONDocument) -> BSONError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? BSONError
        }
    }

    static let defaultLimit = BSONValidationOptions.defaultMaxDocumentSize

    @Test(arguments: [0, 4] as [UInt32])
    func lenBelowTheMinimumIsRefused(len: UInt32) throws {
        for variant in ["copying", "unsafeCopyingTrusted"] {
            let error = try Self.withLyingBSONT(len: len) { bson in
                Self.error { variant == "copying" ? try BSONDocument(copying: bson) : try BSONDocument(unsafeCopyingTrusted: bson) }
            }
            #expect(error?.code == .invalidLength, "\(variant), len \(len)")
            #expect(error?.offset == 0, "\(variant), len \(len)")
        }
    }

    @Test(arguments: [UInt32.max, 0x8000_0000, UInt32(defaultLimit) + 1])
    func lenAboveTheLimitIsRefused(len: UInt32) throws {
        let error = try Self.withLyingBSONT(len: len) { bson in Self.error { try BSONDocument(copying: bson) } }
        #expect(error?.code == .sizeLimitExceeded)
        #expect(error?.offset == 0)
        if len > UInt32(Int32.max) {
            let trusted = try Self.withLyingBSONT(len: len) { bson in Self.error { try BSONDocument(unsafeCopyingTrusted: bson) } }
            #expect(trusted?.code == .sizeLimitExceeded)
            #expect(trusted?.offset == 0)
        }
    }

    /// A `len` within the limits but larger than the bytes: their length field (5) disagrees
    /// with it, and reading `len` bytes would fault. The error must be the one
    /// `BSONDocument(fromBSON:)` gives for `len` bytes that start with those 5 (its framing
    /// check does not look past the length field).
    @Test(arguments: [6, 64, 4096, UInt32(defaultLimit), UInt32(defaultLimit) + 1, 0x7FFF_FFFF] as [UInt32])
    func lenLargerThanTheBytesIsRefusedBeforeReadingThem(len: UInt32) throws {
        let trustedOnly = Int(len) > Self.defaultLimit
        // fromBSON of a buffer over 16 MiB would be refused for its size, so compare the
        // trusted variant's framing error with a buffer just over the length field's claim.
        let expected = Self.error { try BSONDocument(fromBSON: [5, 0, 0, 0, 0] + [UInt8](repeating: 0, count: trustedOnly ? 1 : Int(len) - 5)) }
        #expect(expected != nil)
        if !trustedOnly {
            let error = try Self.withLyingBSONT(len: len) { bson in Self.error { try BSONDocument(copying: bson) } }
            #expect(error?.code == expected?.code, "len \(len): \(String(describing: error))")
            #expect(error?.offset == expected?.offset, "len \(len): \(String(describing: error))")
        }
        let trusted = try Self.withLyingBSONT(len: len) { bson in Self.error { try BSONDocument(unsafeCopyingTrusted: bson) } }
        #expect(trusted?.code == expected?.code, "len \(len): \(String(describing: trusted))")
        #expect(trusted?.offset == expected?.offset, "len \(len): \(String(describing: trusted))")
    }

    /// A `len` smaller than the bytes: the length field (8) claims more than `len`.
    @Test func lenSmallerThanTheBytesIsRefused() throws {
        let document: BSONDocument = ["a": .null]
        let bytes = document.bytes
        let expected = Self.error { try BSONDocument(fromBSON: Array(bytes.prefix(5))) }
        #expect(expected?.code == .truncated)
        for variant in ["copying", "unsafeCopyingTrusted"] {
            let error = try CPeer.withGuardedBytes(bytes) { guarded in
                try CPeer.withBSONTStorage { bson in
                    guard peer_init_static(bson, guarded, bytes.count) else { throw FixtureError("bson_init_static refused \(bytes)") }
                    peer_set_len(bson, 5)
                    return Self.error { variant == "copying" ? try BSONDocument(copying: bson) : try BSONDocument(unsafeCopyingTrusted: bson) }
                }
            }
            #expect(error?.code == expected?.code, "\(variant)")
            #expect(error?.offset == expected?.offset, "\(variant)")
        }
    }

    // MARK: - Corrupt bytes

    // Single-byte corruptions of well-formed documents, wrapped in C by `bson_init_static` (which
    // checks only the length field and the final NUL, so internally corrupt bytes pass) and
    // received with `BSONDocument(copying:)`. Each is either accepted, and then the same document
    // as `BSONDocument(fromBSON:)` gives for the same bytes and read alike by libbson's
    // `bson_iter_t` walk, or refused with the code, offset and key path `fromBSON` gives. The
    // bytes sit directly before an inaccessible page, so a read past them faults.

    struct Tally {
        var tried = 0
        /// Accepted by the bridge and by fromBSON, the same document, libbson's walk agreeing.
        var acceptedAlike = 0
        /// Refused by the bridge and by fromBSON with the same code, offset and key path.
        var refusedAlike = 0
        /// Refused by bson_init_static (length field or final NUL), then corrupted under a
        /// bson_t wrapping the intact bytes, as C code writing into a document would.
        var framing = 0
        var disagreed = 0
    }

    /// Checks `original` with byte `position` set to `value`; `guarded` holds `original`
    /// before and after.
    static func check(_ original: [UInt8], position: Int, value: UInt8, guarded: UnsafeMutablePointer<UInt8>,
                      bson: OpaquePointer, tally: inout Tally, _ label: @autoclosure () -> String) {
        var corrupt = original
        corrupt[position] = value
        tally.tried += 1
        defer { guarded.update(from: original, count: original.count) }
        let expected = Result { try BSONDocument(fromBSON: corrupt) }
        guarded[position] = value
        var framing = false
        if !peer_init_static(bson, guarded, corrupt.count) {
            framing = true
            tally.framing += 1
            guarded.update(from: original, count: original.count)
            guard peer_init_static(bson, guarded, original.count) else {
                tally.disagreed += 1
                Issue.record("bson_init_static refused the intact document: \(label())")
                return
            }
            guarded[position] = value
        }
        let received = Result { try BSONDocument(copying: bson) }
        switch (received, expected) {
        case (.success(let document), .success(let reference)):
            let walk = CPeer.walk(bson)
            guard !framing, document.bytes == reference.bytes, walk == SwiftWalk.lines(document) else {
                tally.disagreed += 1
                Issue.record("accepted differently (framing \(framing)), byte \(position) = \(value): \(label())\n C walk: \(walk ?? "refused")\n Swift:  \(SwiftWalk.lines(document))")
                return
            }
            tally.acceptedAlike += 1
        case (.failure(let error), .failure(let reference)):
            var alike = sameLocation(error, reference)
            // Framing errors are the trusted variant's checks too (its size limit is 2 GiB).
            if framing {
                let trustedReference = Result { try BSONDocument(fromBSON: corrupt, options: trustedLimits) }
                alike = alike && sameLocation(Result { try BSONDocument(unsafeCopyingTrusted: bson) }.failure,
                                              trustedReference.failure)
            }
            guard alike else {
                tally.disagreed += 1
                Issue.record("refused differently, byte \(position) = \(value): \(label())\n bridge:    \(error)\n fromBSON:  \(reference)")
                return
            }
            tally.refusedAlike += 1
        default:
            tally.disagreed += 1
            Issue.record("bridge \(received), fromBSON \(expected), byte \(position) = \(value): \(label())")
        }
    }

    static let trustedLimits = BSONValidationOptions(maxDocumentSize: Int(Int32.max))

    static func sameLocation(_ error: (any Error)?, _ reference: (any Error)?) -> Bool {
        guard let error = error as? BSONError, let reference = reference as? BSONError else { return false }
        return error.code == reference.code && error.offset == reference.offset && error.keyPath == reference.keyPath
    }

    /// Every corruption of `original` at every position, the values from `values(position)`.
    static func corrupt(_ original: [UInt8], _ label: String, tally: inout Tally,
                        values: (Int) -> [UInt8]) throws {
        try CPeer.withGuardedBytes(original) { guarded in
            CPeer.withBSONTStorage { bson in
                for position in original.indices {
                    for value in values(position) where value != original[position] {
                        check(original, position: position, value: value, guarded: guarded, bson: bson,
                              tally: &tally, "\(label), byte \(position)")
                    }
                }
            }
        }
    }

    /// A seeded sample of values for one position: the extremes, bit flips and two random bytes.
    static func sample(_ byte: UInt8, _ rng: inout SeededRandom) -> [UInt8] {
        Array(Set([0x00, 0x01, 0x7F, 0x80, 0xFF, byte ^ 0x01, byte ^ 0x80, byte &+ 1, byte &- 1,
                   UInt8.random(in: 0...255, using: &rng), UInt8.random(in: 0...255, using: &rng)])).sorted()
    }

    @Test func everyCorruptionOfTheEveryTypeDocument() throws {
        let original = try EveryTypeDocument.build().bytes
        var tally = Tally()
        try Self.corrupt(original, "every type", tally: &tally) { _ in Array(0...255) }
        print("interop: every single-byte corruption of the every-type document (\(original.count) bytes) through bson_init_static: \(tally.tried) tried, \(tally.acceptedAlike) accepted alike, \(tally.refusedAlike) refused alike (\(tally.framing) framing), \(tally.disagreed) disagreed")
        #expect(tally.tried == original.count * 255)
        #expect(tally.disagreed == 0)
        #expect(tally.acceptedAlike > 0 && tally.refusedAlike > 0)
    }

    @Test func sampledCorruptionsOfCorpusAndRandomDocuments() throws {
        var rng = SeededRandom(seed: 0xC0DE)
        var corpus = Tally(), random = Tally()
        var corpusDocuments = 0
        for file in try Fixtures.loadBSONCorpus() {
            for testCase in file.valid ?? [] {
                let original = try Hex.decode(testCase.canonicalBSON)
                try Self.corrupt(original, "\(file.fileName): \(testCase.description)", tally: &corpus) {
                    Self.sample(original[$0], &rng)
                }
                corpusDocuments += 1
            }
        }
        for seed in 0..<200 as Range<UInt64> {
            var documentRNG = SeededRandom(seed: seed)
            let original = RandomDocuments.document(&documentRNG).bytes
            try Self.corrupt(original, "random seed \(seed)", tally: &random) { Self.sample(original[$0], &rng) }
        }
        print("interop: sampled single-byte corruptions through bson_init_static: \(corpusDocuments) corpus documents, \(corpus.tried) tried, \(corpus.acceptedAlike) accepted alike, \(corpus.refusedAlike) refused alike (\(corpus.framing) framing), \(corpus.disagreed) disagreed; 200 random documents, \(random.tried) tried, \(random.acceptedAlike) accepted alike, \(random.refusedAlike) refused alike (\(random.framing) framing), \(random.disagreed) disagreed")
        #expect(corpus.disagreed == 0 && random.disagreed == 0)
        #expect(corpus.tried > 100_000 && random.tried > 20_000)
    }

    // MARK: - Ownership: taken documents are destroyed once

    // `init(taking:)` and `init(unsafeTakingTrusted:)` destroy the `bson_t` they take exactly
    // once, whether they return or throw: heap ones (`bson_new`, `bson_new_from_json`,
    // `bson_copy`, `bson_new_from_data`) and ones initialised with `bson_init` in storage Swift
    // owns. Paddings cross libbson's 120-byte inline buffer, so much of the data lives on the
    // heap. The peer counts libbson's allocations on the test's thread: every block freed once,
    // none twice, none left; LeakSanitizer and AddressSanitizer watch too (`scripts/leakcheck`).

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
