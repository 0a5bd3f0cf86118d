import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The decode fast paths (word-at-a-time ASCII and NUL scans, the reworked validator) against
/// byte-by-byte references and against the validator as it was before them
/// (`ReferenceBSONValidator`): same acceptance, same error code, offset, key path and message.
@Suite struct DecodeFastPathTests {
    // MARK: Byte scans

    /// Byte-by-byte reference for ByteScan.isASCII.
    static func referenceIsASCII(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        bytes[start..<end].allSatisfy { $0 < 0x80 }
    }

    @Test func isASCIIMatchesAByteLoopForEveryRangeAndPosition() {
        // Buffers of several sizes, so that ranges touch both edges (where the scan cannot read
        // a whole word past the range) and the middle.
        for size in [1, 2, 7, 8, 9, 15, 16, 17, 24, 41, 48] {
            for bad in [-1] + Array(0..<size) {
                for high: UInt8 in [0x80, 0xFF, 0xC3] where bad >= 0 || high == 0x80 {
                    var bytes = (0..<size).map { UInt8(0x20 + $0 % 0x5F) }
                    if bad >= 0 { bytes[bad] = high }
                    bytes.withUnsafeBytes { p in
                        for start in 0...size {
                            for end in start...size {
                                let got = ByteScan.isASCII(p.baseAddress!, from: start, to: end, count: size)
                                #expect(got == Self.referenceIsASCII(bytes, start, end),
                                        "size \(size), byte \(bad) = \(high), range \(start)..<\(end)")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func cstringScanFindsTheFirstNULAndReportsASCII() {
        for size in [1, 2, 7, 8, 9, 15, 16, 17, 33, 40] {
            for nul in [-1] + Array(0..<size) {
                for bad in [-1] + Array(0..<size) {
                    var bytes = (0..<size).map { UInt8(0x41 + $0 % 26) }
                    if bad >= 0 { bytes[bad] = 0x80 | UInt8(bad % 0x7F) }
                    if nul >= 0 { bytes[nul] = 0 }
                    // A second NUL further on must not be the one reported.
                    if nul >= 0, nul + 3 < size { bytes[nul + 3] = 0 }
                    bytes.withUnsafeBytes { p in
                        for start in 0...size {
                            let (end, isASCII) = ByteScan.cstring(p.baseAddress!, from: start, count: size)
                            let expectedEnd = bytes[start...].firstIndex(of: 0) ?? size
                            #expect(end == expectedEnd, "size \(size), NUL \(nul), start \(start)")
                            #expect(isASCII == Self.referenceIsASCII(bytes, start, expectedEnd),
                                    "size \(size), NUL \(nul), byte \(bad), start \(start)")
                        }
                    }
                }
            }
        }
    }

    // MARK: UTF-8

    /// Sequences placed at every position of ASCII text of every length from 1 to 40.
    static let sequences: [[UInt8]] = [
        // Valid.
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80], [0xED, 0x9F, 0xBF],
        [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF],
        [0xF4, 0x8F, 0xBF, 0xBF], [0x7F], [0x00],
        // Lone continuation bytes and bytes that never start a sequence.
        [0x80], [0xBF], [0xC0], [0xC1], [0xF5], [0xF8], [0xFC], [0xFE], [0xFF],
        // Overlong forms.
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0x80],
        [0xF0, 0x8F, 0xBF, 0xBF],
        // Surrogates and code points above U+10FFFF.
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF7, 0xBF, 0xBF, 0xBF],
        // Truncated sequences and bad continuations.
        [0xC2], [0xE0, 0xA0], [0xE1], [0xF0, 0x90, 0x80], [0xF1, 0x80], [0xF4],
        [0xC2, 0x41], [0xE1, 0x80, 0x41], [0xF1, 0x80, 0x80, 0x41], [0xE1, 0xC0, 0x80],
    ]

    @Test func utf8CheckAgreesWithTheByteExactReferenceEverywhere() {
        var checked = 0
        for length in 1...40 {
            for sequence in Self.sequences {
                for position in 0..<length {
                    // ASCII text of `length` bytes with the sequence written over it at `position`
                    // (cut off at the end of the text, which makes more truncated sequences).
                    var text = (0..<length).map { UInt8(0x61 + $0 % 26) }
                    for (k, b) in sequence.enumerated() where position + k < length { text[position + k] = b }
                    // Surrounding bytes, as inside a document: a length before, a NUL after.
                    for padding in [0, 1, 4, 9] {
                        let bytes = [UInt8](repeating: 0x41, count: padding) + text + [0] + [UInt8](repeating: 0xC3, count: padding)
                        bytes.withUnsafeBytes { p in
                            let got = UTF8Validation.firstInvalid(p, from: padding, to: padding + length)
                            let expected = ReferenceUTF8Validation.firstInvalid(p, from: padding, to: padding + length)
                            #expect(got == expected, "length \(length), sequence \(sequence) at \(position), padding \(padding)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 100_000)
    }

    @Test func utf8CheckAgreesWithFoundationOnRandomBytes() {
        var rng = SeededRandom(seed: 0x5EED)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...48, using: &rng)
            // Mostly ASCII with a few high bytes, so that valid and invalid text both occur.
            let bytes = (0..<length).map { _ -> UInt8 in
                Int.random(in: 0..<8, using: &rng) == 0 ? UInt8.random(in: 0x80...0xFF, using: &rng) : UInt8.random(in: 0...0x7F, using: &rng)
            }
            bytes.withUnsafeBytes { p in
                let got = UTF8Validation.firstInvalid(p, from: 0, to: length)
                #expect(got == ReferenceUTF8Validation.firstInvalid(p, from: 0, to: length), "\(bytes)")
                #expect((got == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            }
        }
    }

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

/// Strings made from document bytes (small ASCII strings built directly, the rest through
/// `String(decoding:as:)`) and the iterator that makes them.
@Suite struct DecodedStringTests {
    @Test func smallASCIIStringsAreUsedOnThisPlatform() {
        #if _pointerBitWidth(_64) && _endian(little)
        #expect(SmallASCIIString.isAvailable)
        #endif
        #expect(SmallASCIIString.selfCheck() == SmallASCIIString.isAvailable)
    }

    /// Checks every way the two strings could differ.
    static func expectIdentical(_ made: String, _ reference: String, _ context: @autoclosure () -> String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(made == reference, "\(context())", sourceLocation: sourceLocation)
        #expect(Array(made.utf8) == Array(reference.utf8), "\(context())", sourceLocation: sourceLocation)
        #expect(made.utf8.count == reference.utf8.count, "\(context())", sourceLocation: sourceLocation)
        #expect(made.count == reference.count, "\(context())", sourceLocation: sourceLocation)
        #expect(made.hashValue == reference.hashValue, "\(context())", sourceLocation: sourceLocation)
        #expect(made + "é" + made == reference + "é" + reference, "\(context())", sourceLocation: sourceLocation)
        #expect(made.unicodeScalars.map(\.value) == reference.unicodeScalars.map(\.value), "\(context())", sourceLocation: sourceLocation)
    }

    @Test func stringsFromBytesMatchStringDecodingAtEveryOffsetAndLength() {
        // Text kinds: ASCII letters, ASCII with control bytes and NULs (string values may hold
        // NULs), and text with a two-byte character at some position.
        for size in [1, 5, 8, 12, 16, 17, 24, 40, 56] {
            for kind in 0..<3 {
                for special in 0..<size {
                    var bytes = (0..<size).map { UInt8(0x41 + ($0 * 5) % 58) }
                    switch kind {
                    case 1: bytes[special] = [0x00, 0x01, 0x09, 0x7F][special % 4]
                    case 2 where special + 1 < size: bytes[special] = 0xC3; bytes[special + 1] = 0xA9
                    default: break
                    }
                    bytes.withUnsafeBytes { p in
                        for from in 0...size {
                            for to in from...min(size, from + 20) {
                                let slice = Array(bytes[from..<to])
                                // Only valid UTF-8 reaches these functions.
                                guard String(validating: slice, as: UTF8.self) != nil else { continue }
                                let reference = String(decoding: slice, as: UTF8.self)
                                Self.expectIdentical(BSONElementReader.string(p, from, to), reference,
                                                     "size \(size), kind \(kind), special \(special), \(from)..<\(to)")
                                Self.expectIdentical(BSONElementReader.string(p, from, to, small: false), reference,
                                                     "size \(size), kind \(kind), special \(special), \(from)..<\(to), no small strings")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func iterationGivesBackTheElementsADocumentWasBuiltFrom() throws {
        var rng = SeededRandom(seed: 0xD0C5)
        let alphabet = Array("abcXYZ019_$.-é😀".unicodeScalars)
        for round in 0..<400 {
            var elements: [(key: String, value: BSON)] = []
            for i in 0..<Int.random(in: 0...12, using: &rng) {
                // Keys of every length from 0 to 20, some with non-ASCII characters.
                let length = Int.random(in: 0...20, using: &rng)
                var key = String(String.UnicodeScalarView((0..<length).map { _ in
                    Bool.random(using: &rng) ? alphabet[Int.random(in: 0..<6, using: &rng)] : alphabet.randomElement(using: &rng)!
                }))
                if Int.random(in: 0..<4, using: &rng) == 0 { key += String(i) }
                elements.append((key, RandomDocuments.value(&rng, depth: 0)))
            }
            let doc = try BSONDocument(elements: elements)
            // Through validation, as untrusted bytes are read.
            let read = try BSONDocument(fromBSON: doc.bytes)
            let back = Array(read)
            #expect(back.count == elements.count, "round \(round)")
            for (got, expected) in zip(back, elements) {
                Self.expectIdentical(got.key, expected.key, "round \(round)")
                #expect(Self.same(got.value, expected.value), "round \(round): \(got.value) vs \(expected.value)")
            }
            #expect(read.keys == elements.map(\.key), "round \(round)")
        }
    }

    /// BSON equality, except that NaN doubles equal themselves.
    static func same(_ a: BSON, _ b: BSON) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default: return a == b
        }
    }

    @Test func binaryOldSubtypeLosesItsInnerLengthAndBinaryDataIsCopiedExactly() throws {
        for length in [0, 1, 4, 15, 16, 17, 100] {
            let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            for subtype: UInt8 in [0x00, 0x02, 0x80] {
                let doc: BSONDocument = ["b": .binary(BSONBinary(subtype: .init(rawValue: subtype), data: payload))]
                let read = try BSONDocument(fromBSON: doc.bytes)
                guard case .binary(let binary)? = Array(read).first?.value else {
                    Issue.record("no binary for length \(length), subtype \(subtype)")
                    continue
                }
                #expect(binary.subtype.rawValue == subtype)
                #expect(binary.data == payload, "length \(length), subtype \(subtype)")
            }
        }
    }
}
