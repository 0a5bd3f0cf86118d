import Foundation
import Testing
import LibBSONTestSupport

/// bson-dump as a real process against the fixture files: exit status, stdout, stderr and
/// `--outFile` contents, exactly as `Tests/Fixtures/bson-dump/cases.json` expects; and the
/// fixture set covers every option and every kind of bad input.
@Suite struct CLIFixtureTests {
    @Test(arguments: CLICase.allOrFailure())
    func fixtureCaseRunsAsExpected(_ testCase: CLICase) throws {
        guard testCase.status >= 0 else {
            Issue.record("\(testCase.name)")
            return
        }
        let fixtures = Fixtures.bsonDump
        let scratch = try TemporaryDirectory()
        let tmp = scratch.url.path
        let arguments = testCase.args.map { $0.replacingOccurrences(of: "{tmp}", with: tmp) }
        let stdin = testCase.stdin.map { fixtures.appendingPathComponent($0) }
        let result = try BSONDumpProcess.run(arguments, in: fixtures, stdin: stdin)

        #expect(result.status == testCase.status, "exit status; stderr: \(result.stderrText)")

        if let expectedFile = testCase.stdout {
            let expected = try Data(contentsOf: fixtures.appendingPathComponent(expectedFile))
            expectSameText(result.stdout, Array(expected), what: "stdout")
        }
        for needle in testCase.stdoutContains ?? [] {
            #expect(result.stdoutText.contains(needle), "stdout lacks \(needle): \(result.stdoutText)")
        }
        if let expected = testCase.stderr {
            #expect(result.stderrText == expected.replacingOccurrences(of: "{tmp}", with: tmp))
        }
        for needle in testCase.stderrContains ?? [] {
            #expect(result.stderrText.contains(needle), "stderr lacks \(needle): \(result.stderrText)")
        }
        if let expectedFile = testCase.outFile {
            let outArgument = try #require(arguments.firstIndex(of: "--outFile").map { arguments[$0 + 1] })
            let written = try Data(contentsOf: URL(fileURLWithPath: outArgument))
            let expected = try Data(contentsOf: fixtures.appendingPathComponent(expectedFile))
            expectSameText(Array(written), Array(expected), what: "--outFile contents")
        }
    }

    /// The fixture runs cover every option and every kind of bad input.
    @Test func fixtureRunsCoverEveryOptionAndBadInput() throws {
        let cases = try CLICase.all()
        #expect(cases.count >= 150)
        let covered = Set(cases.flatMap(\.covers))
        let required: [String] = [
            // options
            "file-argument", "stdin", "-", "--bsonFile", "--outFile", "--type json", "--type debug",
            "--pretty", "--objcheck", "--quiet", "-v", "--verbose", "-vv", "--version", "--help",
            "--mode canonical", "--mode relaxed", "--count", "usage-error",
            // inputs
            "corpus", "empty", "deep-nesting",
            // bad inputs
            "size-below-min", "size-above-max", "truncated", "garbage-tail", "invalid-utf8",
            "bad-nested-length", "missing-terminator", "unknown-type", "bad-value", "invalid-skipped",
            "io-error",
        ]
        for item in required {
            #expect(covered.contains(item), "no fixture run covers \(item)")
        }
        // Every bad-input run exits 1 and every usage error 64.
        for c in cases where c.covers.contains("invalid-skipped") || c.covers.contains("truncated") {
            #expect(c.status == 1, "\(c.name)")
        }
        for c in cases where c.covers.contains("usage-error") {
            #expect(c.status == 64, "\(c.name)")
        }
    }

    /// Compares byte for byte, and on a difference reports the first differing line only
    /// (the outputs are large).
    private func expectSameText(_ got: [UInt8], _ expected: [UInt8], what: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        guard got != expected else { return }
        let gotLines = String(decoding: got, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let index = zip(gotLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(gotLines.count, expectedLines.count)
        let gotLine = index < gotLines.count ? String(gotLines[index]) : "<end>"
        let expectedLine = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
        Issue.record("""
            \(what) differs at line \(index + 1) (\(got.count) bytes, expected \(expected.count))
              expected: \(expectedLine.prefix(400))
              got:      \(gotLine.prefix(400))
            """, sourceLocation: sourceLocation)
    }
}
