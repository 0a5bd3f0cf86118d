import CInteropPeer
import Testing
import LibBSON
import LibBSONTestSupport

/// Single-byte corruptions of well-formed documents, wrapped in C by `bson_init_static` (which
/// checks only the length field and the final NUL, so internally corrupt bytes pass) and
/// received with `BSONDocument(copying:)`. Each is either accepted, and then the same document
/// as `BSONDocument(fromBSON:)` gives for the same bytes and read alike by libbson's
/// `bson_iter_t` walk, or refused with the code, offset and key path `fromBSON` gives. The
/// bytes sit directly before an inaccessible page, so a read past them faults.
@Suite struct InteropCorruptBytesTests {
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
}
