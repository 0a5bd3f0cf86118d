import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// Replays `Tests/Fixtures/fuzz-regressions/` (inputs that once broke a fuzz target in `Fuzz/`:
/// crashes, sanitizer reports, broken round-trip invariants) through the very invariants the
/// fuzz targets check (`BSONRoundTrip`, `JSONFixpoint`, `CodableRoundTrip`, `ReaderCheck`,
/// from `LibBSONTestSupport`), so they run in every `swift test`, without libFuzzer. The file
/// name's prefix names the target (`bson-`, `json-`, `codable-`, `reader-`); see the folder's
/// README. Each target also checks a few inputs of its own format made from the fixtures, so
/// no replay is empty. `scripts/fuzz` replays the fixtures through the fuzz targets themselves.
@Suite struct FuzzRegressionTests {
    static let targets = ["bson", "json", "codable", "reader"]

    /// Runs `check` on every input; a broken invariant is an issue naming the input.
    static func replay(_ inputs: [(name: String, bytes: [UInt8])],
                       _ check: ([UInt8]) throws(InvariantViolation) -> Void,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!inputs.isEmpty, "nothing to replay", sourceLocation: sourceLocation)
        for (name, bytes) in inputs {
            do {
                try check(bytes)
            } catch {
                Issue.record("\(name): \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func everyFixtureNamesItsTarget() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.fuzzRegressions.path)
        #expect(names.contains("README.md"))
        for name in names where name != "README.md" && !name.hasPrefix(".") {
            #expect(Self.targets.contains { name.hasPrefix($0 + "-") }, "\(name) names no fuzz target")
        }
    }

    // MARK: bson-

    /// The `bson-` fixtures, and each document of the bundled sample.
    @Test func bsonFixtures() throws {
        let reader = BSONReader(bytes: [UInt8](try Data(contentsOf: Fixtures.sample)))
        var frames: [(name: String, bytes: [UInt8])] = []
        while let frame = try reader.readFrame() { frames.append(("sample.bson #\(frame.index)", frame.bytes)) }
        Self.replay(try Fixtures.fuzzRegressions("bson") + frames, BSONRoundTrip.check)
    }

    /// The decimal fixtures broke round trips until non-canonical coefficients (above
    /// 10^34 - 1) were written as the zero they stand for: libbson writes all 35 digits, which
    /// it then refuses to read, or reads as another value when the last digit is 0.
    @Test func nonCanonicalDecimalsAreWrittenAsZero() throws {
        let fixtures = try Fixtures.fuzzRegressions("bson").filter { $0.name.contains("decimal128-coefficient-above-10e34") }
        #expect(fixtures.count == 2)
        for fixture in fixtures {
            let doc = try BSONDocument(fromBSON: fixture.bytes)
            let json = doc.toCanonicalExtendedJSONString()
            let again = try BSONDocument(fromJSON: json)
            #expect(again.toCanonicalExtendedJSONString() == json, "\(fixture.name): \(json)")
            for (_, value) in doc {
                guard case .decimal128(let d) = value else { continue }
                // Zero, with the sign and exponent kept: "0E+..." or "-0E...", or "0" / "0.000...".
                let text = d.description
                #expect(text.trimmingCharacters(in: CharacterSet(charactersIn: "-")).hasPrefix("0"), "\(fixture.name): \(text)")
                #expect(try BSONDecimal128(text).description == text)
            }
        }
    }

    @Test func decimalCoefficientBoundary() throws {
        // Exponent 0, positive: high = 0x3040 << 48 | coefficient's top 49 bits.
        let exponentZero: UInt64 = 0x3040_0000_0000_0000
        let max = BSONDecimal128(low: LibBSONC.tenToThe34Low - 1, high: exponentZero | LibBSONC.tenToThe34High)
        #expect(max.description == String(repeating: "9", count: 34))
        let over = BSONDecimal128(low: LibBSONC.tenToThe34Low, high: exponentZero | LibBSONC.tenToThe34High)
        #expect(over.description == "0")
        let negativeOverWithExponent = BSONDecimal128(low: .max, high: 0xB04A_0000_0000_0000 | ((1 << 49) - 1))
        #expect(negativeOverWithExponent.description == "-0E+5")
        let doc: BSONDocument = ["d": .decimal128(over)]
        #expect(doc.toCanonicalExtendedJSONString() == #"{"d":{"$numberDecimal":"0"}}"#)
    }

    /// The regular expression fixtures broke round trips until the validator required options
    /// to be distinct letters among i, l, m, s, u, x; now they are refused where the options are.
    @Test func unusualRegexOptionsAreRefused() throws {
        let fixtures = try (Fixtures.fuzzRegressions("bson") + Fixtures.fuzzRegressions("codable")).filter { $0.name.contains("regex-option") }
        #expect(fixtures.count == 3)
        for fixture in fixtures {
            do {
                _ = try BSONDocument(fromBSON: fixture.bytes)
                Issue.record("\(fixture.name) is accepted")
            } catch let error as BSONError {
                #expect(error.code == .invalidValue && error.reason.contains("regular expression option"), "\(fixture.name): \(error)")
            }
        }
    }

    // MARK: json-

    /// The `json-` fixtures, and the canonical Extended JSON of every valid BSON Corpus case.
    @Test func jsonFixtures() throws {
        let corpus = try Fixtures.loadBSONCorpus().flatMap { file in
            (file.valid ?? []).map { ("\(file.fileName): \($0.description)", Array($0.canonicalExtJSON.utf8)) }
        }
        Self.replay(try Fixtures.fuzzRegressions("json") + corpus) { bytes throws(InvariantViolation) in
            try JSONFixpoint.check(bytes: bytes, deep: true)
        }
    }

    // MARK: codable-

    /// The `codable-` fixtures, and the encodings of seeded random samples.
    @Test func codableFixtures() throws {
        var rng = SeededRandom(seed: 0xC0DE)
        let samples = try (0..<32).map { i in ("random sample \(i)", try BSONEncoder().encode(CodableSample.random(&rng)).bytes) }
        Self.replay(try Fixtures.fuzzRegressions("codable") + samples, CodableRoundTrip.check)
    }

    // MARK: reader-

    /// The `reader-` fixtures, and bson-dump's input streams (broken ones included).
    @Test func readerFixtures() throws {
        let inputs = Fixtures.bsonDump.appendingPathComponent("inputs")
        let streams = try FileManager.default.contentsOfDirectory(atPath: inputs.path).sorted()
            .filter { $0.hasSuffix(".bson") }
            .map { ($0, [UInt8](try Data(contentsOf: inputs.appendingPathComponent($0)))) }
        Self.replay(try Fixtures.fuzzRegressions("reader") + streams, ReaderCheck.check)
    }
}
