import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// Runs the BSON Corpus (`Tests/Fixtures/bson-corpus/`) against the library, following
/// `bson-corpus.md`, "Testing validity", for a codec *with* a native representation:
///
/// - `valid`: cB -> doc -> bytes == cB; cB -> doc -> native -> bytes == cB;
///   cB -> canonical ExtJSON == cEJ; cB -> relaxed ExtJSON == rEJ (if rEJ);
///   cEJ -> canonical ExtJSON == cEJ; cEJ -> bytes == cB (unless lossy);
///   dB -> native -> bytes == cB; dB -> canonical ExtJSON == cEJ;
///   dEJ -> canonical ExtJSON == cEJ; dEJ -> bytes == cB (unless lossy);
///   rEJ -> relaxed ExtJSON == rEJ.
///   (`converted_bson` / `converted_extjson` are optional in the spec and not checked.)
/// - `decodeErrors`: `BSONDocument(fromBSON:)` throws a `BSONError`.
/// - `parseErrors`: for type 0x13 `BSONDecimal128(string)` throws; otherwise
///   `BSONDocument(fromJSON:)` throws (and, for 0x00 and 0x05, the input is plain JSON).
///
/// JSON texts are compared as token lists (`JSONTokenizer`). Expected failures live in
/// `KnownDeviations`; anything else fails the test, as does a stale deviation.
@Suite struct BSONCorpusTests {
    /// The corpus has 31 JSON files (one per BSON type, plus `top.json`, `multi-type.json` and
    /// `multi-type-deprecated.json`); the folder also holds the spec text, `bson-corpus.md`.
    static let expectedJSONFileCount = 31
    static let expectedFolderEntryCount = 32

    /// BSON Corpus: valid, decodeErrors and parseErrors for every file.
    @Test func everyCorpusFilePassesItsValidDecodeErrorAndParseErrorCases() throws {
        let folder = Fixtures.bsonCorpus
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(
            entries.count == Self.expectedFolderEntryCount,
            "expected \(Self.expectedFolderEntryCount) files in \(folder.path), found \(entries.count)"
        )
        #expect(entries.contains("bson-corpus.md"), "bson-corpus.md (the spec text) is missing")

        let files = try Fixtures.loadBSONCorpus()
        #expect(
            files.count == Self.expectedJSONFileCount,
            "expected \(Self.expectedJSONFileCount) corpus JSON files in \(folder.path), loaded \(files.count)"
        )

        var runner = CorpusRunner(deviations: KnownDeviations.all)
        for file in files {
            runner.run(file)
        }
        runner.reportStaleDeviations()

        let totals = runner.totals
        #expect(totals.valid.run > 0, "no valid cases were run")
        #expect(totals.decodeErrors.run > 0, "no decodeErrors cases were run")
        #expect(totals.parseErrors.run > 0, "no parseErrors cases were run")

        print(runner.summaryLine)
        #expect(runner.unexpectedFailures == 0, "\(runner.unexpectedFailures) unexpected corpus failures")
        #expect(runner.staleDeviations == 0, "\(runner.staleDeviations) stale known deviations")
    }

    /// JSON tokenizer: equality ignores whitespace and escape spelling, keeps order and number text.
    @Test func tokenizerEqualityIgnoresWhitespaceAndEscapeSpelling() throws {
        let escaped = try JSONTokenizer.tokenize(#"{"a\u00e9" : [1.0, true, null, "\ud83d\ude00\/"]}"#)
        let raw = try JSONTokenizer.tokenize("{ \"aé\":[1.0,true,null,\"😀/\"] }")
        let otherNumbers = try JSONTokenizer.tokenize(#"{"aé": [1, true, null, "😀/"]}"#)
        #expect(escaped == raw)
        #expect(escaped != otherNumbers)

        let ab = try JSONTokenizer.tokenize(#"{"a": 1, "b": 2}"#)
        let ba = try JSONTokenizer.tokenize(#"{"b": 2, "a": 1}"#)
        #expect(ab != ba)

        // Canonically equivalent strings with different scalars are not equal.
        let precomposed = try JSONTokenizer.tokenize(#""\u00e9""#)
        let decomposed = try JSONTokenizer.tokenize(#""e\u0301""#)
        #expect(precomposed != decomposed)

        let nul = try JSONTokenizer.tokenize(#""\u0000""#)
        #expect(nul == [.string("\u{0}")])
    }

    /// JSON tokenizer rejects malformed JSON.
    @Test(arguments: [
        "", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{1:2}",
        "01", "1.", ".5", "1e", "+1", "-", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"a\u{1}b\"", "[1] [2]", "{\"a\":1}}", "'a'", "NaN",
    ])
    func tokenizerRejects(_ text: String) {
        #expect(throws: JSONTokenError.self) { try JSONTokenizer.tokenize(text) }
    }
}

// MARK: - Runner

/// Per-section counts. A case "passed" only if every assertion on it passed; a case whose
/// only failures are known deviations is counted in `deviated`, never in `passed`.
struct SectionTotals {
    var run = 0
    var passed = 0
    var deviated = 0
    var failed = 0
}

struct CorpusTotals {
    var valid = SectionTotals()
    var decodeErrors = SectionTotals()
    var parseErrors = SectionTotals()
}

struct CorpusRunner {
    enum Section { case valid, decodeErrors, parseErrors }

    /// One assertion: returns nil when it holds, or what differed. A thrown error is a failure.
    typealias Check = (CorpusCheck, () throws -> String?)

    let deviations: [KnownDeviation]
    /// For each deviation: how many matching assertions failed and how many passed.
    private var deviationFailed: [Int]
    private var deviationPassed: [Int]
    private(set) var totals = CorpusTotals()
    private(set) var unexpectedFailures = 0
    private(set) var staleDeviations = 0

    init(deviations: [KnownDeviation]) {
        self.deviations = deviations
        deviationFailed = Array(repeating: 0, count: deviations.count)
        deviationPassed = Array(repeating: 0, count: deviations.count)
    }

    var knownDeviationsHit: Int { deviationFailed.filter { $0 > 0 }.count }

    var summaryLine: String {
        func part(_ name: String, _ section: SectionTotals) -> String {
            "\(name) \(section.passed)/\(section.run)"
        }
        let deviatedCases = totals.valid.deviated + totals.decodeErrors.deviated + totals.parseErrors.deviated
        return "bson-corpus: \(part("valid", totals.valid)), \(part("decodeErrors", totals.decodeErrors)), "
            + "\(part("parseErrors", totals.parseErrors)), known deviations \(knownDeviationsHit) "
            + "(in \(deviatedCases) cases), unexpected failures \(unexpectedFailures), "
            + "stale deviations \(staleDeviations)"
    }

    mutating func run(_ file: CorpusFile) {
        for testCase in file.valid ?? [] {
            evaluate(file: file.fileName, caseDescription: testCase.description, section: .valid,
                     checks: Self.validChecks(testCase))
        }
        for testCase in file.decodeErrors ?? [] {
            evaluate(file: file.fileName, caseDescription: testCase.description, section: .decodeErrors,
                     checks: Self.decodeErrorChecks(testCase))
        }
        for testCase in file.parseErrors ?? [] {
            evaluate(file: file.fileName, caseDescription: testCase.description, section: .parseErrors,
                     checks: Self.parseErrorChecks(testCase, bsonType: file.bsonType))
        }
    }

    mutating func reportStaleDeviations() {
        for (index, deviation) in deviations.enumerated() where deviationFailed[index] == 0 {
            staleDeviations += 1
            let why = deviationPassed[index] == 0
                ? "it matches no corpus case"
                : "its assertion now passes"
            Issue.record(Comment(rawValue: "stale deviation: \(deviation.label): \(why); remove it from KnownDeviations"))
        }
    }

    private mutating func evaluate(file: String, caseDescription: String, section: Section, checks: [Check]) {
        var unexpected = 0
        var expected = 0
        for (check, body) in checks {
            let failure: String?
            do {
                failure = try body()
            } catch {
                failure = "threw \(type(of: error)): \(error)"
            }
            let deviationIndex = deviations.firstIndex {
                $0.matches(file: file, caseDescription: caseDescription, check: check)
            }
            guard let failure else {
                if let deviationIndex { deviationPassed[deviationIndex] += 1 }
                continue
            }
            if let deviationIndex {
                deviationFailed[deviationIndex] += 1
                expected += 1
            } else {
                unexpected += 1
                Issue.record(Comment(rawValue: "\(file) / \(caseDescription) / \(check): \(failure)"))
            }
        }
        var counts = SectionTotals()
        counts.run = 1
        if unexpected > 0 {
            counts.failed = 1
            unexpectedFailures += 1
        } else if expected > 0 {
            counts.deviated = 1
        } else {
            counts.passed = 1
        }
        switch section {
        case .valid: totals.valid.add(counts)
        case .decodeErrors: totals.decodeErrors.add(counts)
        case .parseErrors: totals.parseErrors.add(counts)
        }
    }

    // MARK: Checks

    static func validChecks(_ testCase: CorpusValidCase) -> [Check] {
        let cEJ = testCase.canonicalExtJSON
        let lossy = testCase.lossy ?? false
        let cB = { try Hex.decode(testCase.canonicalBSON) }

        var checks: [Check] = [
            (.canonicalBSONRoundTrip, {
                let expected = try cB()
                return compareBytes(got: try BSONDocument(fromBSON: expected).bytes, expected: expected)
            }),
            (.canonicalBSONNativeRoundTrip, {
                let expected = try cB()
                let doc = try BSONDocument(fromBSON: expected)
                return compareBytes(got: try BSONDocument(elements: Array(doc)).bytes, expected: expected)
            }),
            (.canonicalBSONToCanonicalJSON, {
                let doc = try BSONDocument(fromBSON: try cB())
                return compareJSON(got: doc.toCanonicalExtendedJSONString(), expected: cEJ)
            }),
            (.canonicalJSONToCanonicalJSON, {
                let doc = try BSONDocument(fromJSON: cEJ)
                return compareJSON(got: doc.toCanonicalExtendedJSONString(), expected: cEJ)
            }),
        ]
        if !lossy {
            checks.append((.canonicalJSONToBSON, {
                compareBytes(got: try BSONDocument(fromJSON: cEJ).bytes, expected: try cB())
            }))
        }
        if let rEJ = testCase.relaxedExtJSON {
            checks.append((.canonicalBSONToRelaxedJSON, {
                let doc = try BSONDocument(fromBSON: try cB())
                return compareJSON(got: doc.toExtendedJSONString(), expected: rEJ)
            }))
            checks.append((.relaxedJSONToRelaxedJSON, {
                let doc = try BSONDocument(fromJSON: rEJ)
                return compareJSON(got: doc.toExtendedJSONString(), expected: rEJ)
            }))
        }
        if let dBHex = testCase.degenerateBSON {
            checks.append((.degenerateBSONNativeToBSON, {
                let doc = try BSONDocument(fromBSON: try Hex.decode(dBHex))
                return compareBytes(got: try BSONDocument(elements: Array(doc)).bytes, expected: try cB())
            }))
            checks.append((.degenerateBSONToCanonicalJSON, {
                let doc = try BSONDocument(fromBSON: try Hex.decode(dBHex))
                return compareJSON(got: doc.toCanonicalExtendedJSONString(), expected: cEJ)
            }))
        }
        if let dEJ = testCase.degenerateExtJSON {
            checks.append((.degenerateJSONToCanonicalJSON, {
                let doc = try BSONDocument(fromJSON: dEJ)
                return compareJSON(got: doc.toCanonicalExtendedJSONString(), expected: cEJ)
            }))
            if !lossy {
                checks.append((.degenerateJSONToBSON, {
                    compareBytes(got: try BSONDocument(fromJSON: dEJ).bytes, expected: try cB())
                }))
            }
        }
        return checks
    }

    static func decodeErrorChecks(_ testCase: CorpusDecodeErrorCase) -> [Check] {
        [(.decodeErrorThrows, {
            let bytes = try Hex.decode(testCase.bson)
            let doc: BSONDocument
            do {
                doc = try BSONDocument(fromBSON: bytes)
            } catch is BSONError {
                return nil
            }
            return "did not throw; decoded to \(doc.toCanonicalExtendedJSONString())"
        })]
    }

    static func parseErrorChecks(_ testCase: CorpusParseErrorCase, bsonType: String) -> [Check] {
        let input = testCase.string
        if bsonType.lowercased() == "0x13" {
            return [(.parseErrorThrows, {
                let value: BSONDecimal128
                do {
                    value = try BSONDecimal128(input)
                } catch is BSONError {
                    return nil
                }
                return "BSONDecimal128(\(quoted(input))) did not throw; parsed to \(value)"
            })]
        }
        var checks: [Check] = [(.parseErrorThrows, {
            let doc: BSONDocument
            do {
                doc = try BSONDocument(fromJSON: input)
            } catch is BSONError {
                return nil
            }
            return "BSONDocument(fromJSON: \(input)) did not throw; parsed to "
                + "\(doc.toCanonicalExtendedJSONString()) (bytes \(Hex.encode(doc.bytes)))"
        })]
        if bsonType == "0x00" || bsonType == "0x05" {
            checks.append((.parseErrorInputIsPlainJSON, {
                do {
                    _ = try JSONTokenizer.tokenize(input)
                    return nil
                } catch {
                    return "input is not well-formed JSON (\(error)): \(input)"
                }
            }))
        }
        return checks
    }

    // MARK: Comparison

    static func compareBytes(got: [UInt8], expected: [UInt8]) -> String? {
        guard got != expected else { return nil }
        return "bytes differ\n  expected: \(Hex.encode(expected))\n  got:      \(Hex.encode(got))"
    }

    static func compareJSON(got: String, expected: String) -> String? {
        let expectedTokens: [JSONToken]
        do {
            expectedTokens = try JSONTokenizer.tokenize(expected)
        } catch {
            return "the corpus JSON is malformed (\(error)): \(expected)"
        }
        let gotTokens: [JSONToken]
        do {
            gotTokens = try JSONTokenizer.tokenize(got)
        } catch {
            return "the library produced malformed JSON (\(error)): \(got)"
        }
        guard gotTokens != expectedTokens else { return nil }
        let firstDifference = zip(gotTokens, expectedTokens).enumerated()
            .first { $0.element.0 != $0.element.1 }?.offset
            ?? min(gotTokens.count, expectedTokens.count)
        return "JSON differs at token \(firstDifference)\n"
            + "  expected: \(JSONTokenizer.render(expectedTokens))\n"
            + "  got:      \(JSONTokenizer.render(gotTokens))"
    }

    static func quoted(_ text: String) -> String {
        JSONTokenizer.render([.string(text)])
    }
}

extension SectionTotals {
    mutating func add(_ other: SectionTotals) {
        run += other.run
        passed += other.passed
        deviated += other.deviated
        failed += other.failed
    }
}
