import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The validator against the validator as it was before its fast paths
/// (`ReferenceBSONValidator`): same acceptance, same error code, offset, key path and message.
@Suite struct BSONValidatorReferenceTests {
    // MARK: Validator against the reference

    /// The outcome of validating `bytes`: nil when accepted, the error otherwise.
    static func outcome(_ bytes: [UInt8], _ options: BSONValidationOptions, reference: Bool) -> BSONError? {
        do {
            try bytes.withUnsafeBytes { p in
                if reference {
                    try ReferenceBSONValidator(options: options).validate(p)
                } else {
                    try BSONValidator(options: options).validate(p)
                }
            }
            return nil
        } catch let error as BSONError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    static func expectSameOutcome(_ bytes: [UInt8], _ options: BSONValidationOptions, _ context: @autoclosure () -> String,
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        let new = outcome(bytes, options, reference: false)
        let old = outcome(bytes, options, reference: true)
        #expect(new == old, "\(context()): now \(new.map { "\($0)" } ?? "accepted"), before \(old.map { "\($0)" } ?? "accepted")",
                sourceLocation: sourceLocation)
        if let new, let old { #expect(new.description == old.description, sourceLocation: sourceLocation) }
    }

    /// Valid documents to start from: generated ones, the corpus' and the benchmark data sets.
    static func seedDocuments() throws -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        var rng = SeededRandom(seed: 42)
        for _ in 0..<150 { seeds.append(RandomDocuments.document(&rng).bytes) }
        for file in try Fixtures.loadBSONCorpus() {
            for valid in file.valid ?? [] { seeds.append(try Hex.decode(valid.canonicalBSON)) }
            for bad in file.decodeErrors ?? [] { seeds.append(try Hex.decode(bad.bson)) }
        }
        let benchData = Fixtures.repository
            .appendingPathComponent("Benchmarks/Data")
        for name in ["flat", "deep", "full"] {
            let text = try String(contentsOf: benchData.appendingPathComponent("\(name)_bson.json"), encoding: .utf8)
            seeds.append(try BSONDocument(fromJSON: text).bytes)
        }
        // Non-ASCII keys, strings, code and regexes, valid and not.
        let texts = ["ключ", "k\u{e9}y", "😀😀😀😀", "abcdefgh\u{7ff}", String(repeating: "x", count: 23) + "\u{10FFFF}"]
        for text in texts {
            let doc: BSONDocument = [text: .string(text), "c": .code(BSONCode(code: text)),
                                     "r": .regex(try BSONRegularExpression(pattern: text, options: "imx")),
                                     "w": .codeWithScope(BSONCodeWithScope(code: text, scope: [text: .symbol(BSONSymbol(text))]))]
            seeds.append(doc.bytes)
        }
        return seeds
    }

    static let optionSets: [BSONValidationOptions] = [
        .default,
        BSONValidationOptions(validateUTF8: false),
        BSONValidationOptions(maxDepth: 1),
        BSONValidationOptions(maxDepth: 0, maxDocumentSize: 300),
    ]

    @Test func validatorMatchesTheReferenceOnSeedsAndMutations() throws {
        let seeds = try Self.seedDocuments()
        var rng = SeededRandom(seed: 0xB50_7E57)
        let interesting: [UInt8] = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0B, 0x0F, 0x10, 0x7F, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        var runs = 0
        for (index, seed) in seeds.enumerated() {
            for options in Self.optionSets {
                Self.expectSameOutcome(seed, options, "seed \(index)")
                runs += 1
            }
            guard !seed.isEmpty else { continue }
            for _ in 0..<40 {
                var bytes = seed
                switch Int.random(in: 0..<6, using: &rng) {
                case 0:   // one random byte
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                case 1:   // one byte set to a value that matters to BSON
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = interesting.randomElement(using: &rng) ?? 0
                case 2:   // a length field nudged, the outer length kept right
                    let at = Int.random(in: 0..<bytes.count, using: &rng)
                    bytes[at] = bytes[at] &+ (Bool.random(using: &rng) ? 1 : 0xFF)
                case 3:   // truncated, the declared length patched to match
                    bytes.removeLast(Int.random(in: 1...min(8, bytes.count), using: &rng))
                    if bytes.count >= 4 { withUnsafeBytes(of: Int32(bytes.count).littleEndian) { bytes.replaceSubrange(0..<4, with: $0) } }
                case 4:   // a high byte in a run of ASCII (keys, strings, code)
                    let candidates = bytes.indices.filter { bytes[$0] >= 0x41 && bytes[$0] < 0x7B }
                    if let at = candidates.randomElement(using: &rng) {
                        bytes[at] = [0x80, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xFF].randomElement(using: &rng) ?? 0x80
                    }
                default:  // several random bytes
                    for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
                }
                let options = Self.optionSets.randomElement(using: &rng) ?? .default
                Self.expectSameOutcome(bytes, options, "seed \(index) mutated to \(Hex.encode(bytes))")
                runs += 1
            }
        }
        #expect(runs > 10_000)
    }

    @Test func validatorMatchesTheReferenceOnDeepAndTruncatedNesting() {
        // Nested documents, arrays and scopes at and past each depth limit, then cut at every byte.
        for depth in [0, 1, 2, 5, 9, 17] {
            for kind: UInt8 in [0x03, 0x04, 0x0F] {
                var inner: [UInt8] = [5, 0, 0, 0, 0]
                for level in 0..<depth {
                    let key = Array("k\(level)".utf8) + [0]
                    var body: [UInt8]
                    if kind == 0x0F {
                        let code: [UInt8] = [2, 0, 0, 0, 0x78, 0]
                        let total = 4 + code.count + inner.count
                        body = withUnsafeBytes(of: Int32(total).littleEndian) { Array($0) } + code + inner
                    } else {
                        body = inner
                    }
                    let elements = [kind] + key + body
                    inner = withUnsafeBytes(of: Int32(elements.count + 5).littleEndian) { Array($0) } + elements + [0]
                }
                for options in Self.optionSets + [BSONValidationOptions(maxDepth: 5), BSONValidationOptions(maxDepth: 300)] {
                    Self.expectSameOutcome(inner, options, "depth \(depth) kind \(kind)")
                }
                for cut in 0..<inner.count {
                    var bytes = Array(inner[..<cut])
                    if bytes.count >= 4 { withUnsafeBytes(of: Int32(bytes.count).littleEndian) { bytes.replaceSubrange(0..<4, with: $0) } }
                    Self.expectSameOutcome(bytes, .default, "depth \(depth) kind \(kind) cut at \(cut)")
                }
            }
        }
    }
}
