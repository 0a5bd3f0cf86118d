import Testing
@testable import LibBSON

/// `ExtendedJSONScanner`, the parser's lexical layer: strings (escapes, surrogates, UTF-8,
/// the eight-bytes-at-a-time scan), number tokens and literals, directly and through
/// `BSONDocument(fromJSON:)` (offsets and wording of its errors).
@Suite struct ExtendedJSONScannerTests {
    typealias Parser = ExtendedJSONParserTests

    /// Scans the string at the start of `text` into bytes.
    static func scanString(_ text: String) -> (outcome: ExtendedJSONScanner.StringOutcome, bytes: [UInt8], end: Int) {
        Array(text.utf8).withUnsafeBytes { raw in
            var scanner = ExtendedJSONScanner(raw)
            var out: [UInt8] = []
            let outcome = scanner.scanString(into: &out)
            return (outcome, out, scanner.position)
        }
    }

    static func scanNumber(_ text: String) -> Result<ExtendedJSONScanner.NumberToken, ExtendedJSONScanner.NumberProblem> {
        Array(text.utf8).withUnsafeBytes { raw in
            var scanner = ExtendedJSONScanner(raw)
            do throws(ExtendedJSONScanner.NumberProblem) {
                return .success(try scanner.scanNumber())
            } catch {
                return .failure(error)
            }
        }
    }

    @Test func stringOutcomesAndPositions() {
        let ok = Self.scanString(#""a\u00e9\n" rest"#)
        #expect(ok.outcome == .ok && ok.bytes == Array("aé\n".utf8) && ok.end == 11)
        #expect(Self.scanString(#""x\u0000y""#).outcome == .okWithNUL)
        #expect(Self.scanString(#""abc"#).outcome == .unterminated(at: 0))
        #expect(Self.scanString("\"a\u{1}\"").outcome == .controlCharacter(1, at: 2))
        #expect(Self.scanString(#""a\q""#).outcome == .badEscape(at: 2))
        #expect(Self.scanString(#""\u12""#).outcome == .badUnicodeEscape(at: 1))
        #expect(Self.scanString(#""\ud83d""#).outcome == .loneSurrogate(at: 1))
        #expect(Self.scanString(#""\ud83d\ude00""#).bytes == Array("😀".utf8))
        #expect(Self.scanString("\"ab\u{FF}\"").outcome == .ok)   // U+00FF is two valid bytes
    }

    @Test func numberTokensAndProblems() throws {
        let int = try Self.scanNumber("-42,").get()
        #expect(int.negative && int.magnitude == 42 && int.isInteger && !int.overflow && int.start == 0 && int.end == 3)
        let fraction = try Self.scanNumber("1.5e+3}").get()
        #expect(!fraction.isInteger && fraction.end == 6)
        let big = try Self.scanNumber("18446744073709551616").get()
        #expect(big.overflow && big.isInteger)
        let max = try Self.scanNumber("18446744073709551615").get()
        #expect(!max.overflow && max.magnitude == .max)
        func problem(_ text: String) -> ExtendedJSONScanner.NumberProblem? {
            if case .failure(let p) = Self.scanNumber(text) { return p }
            return nil
        }
        guard case .expectedDigit(at: 1)? = problem("-x") else { Issue.record("-x"); return }
        guard case .leadingZeros(at: 0)? = problem("01") else { Issue.record("01"); return }
        guard case .expectedFractionDigit(at: 2)? = problem("1.e") else { Issue.record("1.e"); return }
        guard case .expectedExponentDigit(at: 3)? = problem("1e+") else { Issue.record("1e+"); return }
    }

    @Test func literalsMoveOnlyWhenTheyMatch() {
        Array("nul".utf8).withUnsafeBytes { raw in
            var scanner = ExtendedJSONScanner(raw)
            #expect(!scanner.literal("null") && scanner.position == 0)
        }
        Array("true,".utf8).withUnsafeBytes { raw in
            var scanner = ExtendedJSONScanner(raw)
            #expect(scanner.literal("true") && scanner.position == 4 && scanner.current == UInt8(ascii: ","))
        }
    }

    @Test func hugeNumbers() throws {
        Parser.expectError(#"{"a": 1e400}"#, .invalidJSON, offset: 6, keyPath: ["a"], reason: "out of range")
        Parser.expectError(#"{"a": -1e400}"#, .invalidJSON, offset: 6)
        Parser.expectError(#"{"a": 1"# + String(repeating: "0", count: 400) + "}", .invalidJSON, offset: 6, reason: "out of range")
        Parser.expectError(#"{"a": {"$numberDouble": "1"# + String(repeating: "0", count: 400) + #""}}"#, .invalidJSON)
        Parser.expectError(#"{"a": {"$date": 9223372036854775808}}"#, .invalidJSON, reason: "out of range")
        Parser.expectError(#"{"a": {"$numberLong": "1"# + String(repeating: "0", count: 100) + #""}}"#, .invalidJSON, reason: "out of range")
        // Long but representable numbers are read exactly.
        let long = "0." + String(repeating: "0", count: 300) + "1"
        #expect(try Parser.ours(#"{"a": \#(long)}"#) == Parser.doc([("a", .double(1e-301))]))
        let digits = String(repeating: "1", count: 5000) + "e-4990"
        let exact = try #require(Double(String(repeating: "1", count: 10) + "." + String(repeating: "1", count: 60)))
        #expect(try Parser.ours(#"{"a": \#(digits)}"#) == Parser.doc([("a", .double(exact))]))
    }

    @Test func invalidUTF8InTheTextIsRefused() {
        func bytes(_ prefix: String, _ raw: [UInt8], _ suffix: String) -> [UInt8] {
            Array(prefix.utf8) + raw + Array(suffix.utf8)
        }
        // In a string value, in a key, in a wrapper string, and outside any string: invalidUTF8.
        Parser.expectError(bytes: bytes(#"{"a": "x"#, [0xFF], #""}"#), .invalidUTF8, offset: 8, reason: "invalid UTF-8")
        Parser.expectError(bytes: bytes(#"{"a"#, [0xE2, 0x82], #"": 1}"#), .invalidUTF8, offset: 3, reason: "invalid UTF-8")
        Parser.expectError(bytes: bytes(#"{"a": {"$symbol": ""#, [0xED, 0xA0, 0x80], #""}}"#), .invalidUTF8, offset: 19)
        Parser.expectError(bytes: bytes(#"{"a": "#, [0xF4, 0x90, 0x80, 0x80], "}"), .invalidUTF8, offset: 6)
        Parser.expectError(bytes: bytes(#"{"a": "01234567"#, [0xC3], #"01234567"}"#), .invalidUTF8, offset: 15)
        Parser.expectError(bytes: [0x7B, 0xFF, 0x7D], .invalidUTF8, offset: 1)
        Parser.expectError(bytes: bytes("{} ", [0xC3], ""), .invalidUTF8, offset: 3)
        Parser.expectError(bytes: bytes("", [0xC0, 0xBB], "}"), .invalidUTF8, offset: 0)
        // Valid UTF-8 where JSON wants ASCII is a syntax error, not an encoding error.
        Parser.expectError(bytes: bytes("{", [0xC3, 0xA9], "}"), .invalidJSON, offset: 1)
        Parser.expectError(bytes: bytes("", [0xEF, 0xBB, 0xBF], "{}"), .invalidJSON, offset: 0)
        Parser.expectError(bytes: bytes(#"{"a": "#, [0], "}"), .invalidJSON, offset: 6)
        Parser.expectError(bytes: bytes(#"{"a": ""#, [0], #""}"#), .invalidJSON, offset: 7, reason: "control character")
        // Valid multi-byte text in long runs passes.
        let long = String(repeating: "é😀ab", count: 50)
        #expect((try? BSONDocument(fromJSON: Array(#"{"\#(long)": "\#(long)"}"#.utf8))) != nil)
    }

    @Test func stringsAreDecodedExactly() throws {
        let text = #"{"k\u00e9y": "a\"b\\c\/d\be\ff\ng\rh\ti\u0000j\u001fk\ud83d\ude00l\uFFFFm", "long": "\#(String(repeating: "0123456789", count: 30))"}"#
        let expected = try Parser.doc([
            ("kéy", .string("a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti\u{0}j\u{1f}k😀l\u{FFFF}m")),
            ("long", .string(String(repeating: "0123456789", count: 30))),
        ])
        #expect(try Parser.ours(text) == expected)
    }

    /// Strings are scanned eight bytes at a time: every special byte must be found at every
    /// position of a word.
    @Test func specialCharactersAtEveryPositionOfAWord() throws {
        let cases: [(json: String, decoded: String)] = [
            (#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u0000"#, "\u{0}"), ("é", "é"), ("😀", "😀"),
            ("\u{7F}", "\u{7F}"), (#"\ud83d\ude00"#, "😀"),
        ]
        for position in 0..<24 {
            let before = String(repeating: "a", count: position)
            let after = String(repeating: "b", count: 24 - position)
            for (json, decoded) in cases {
                let text = #"{"\#(before)k\#(after)": "\#(before)\#(json)\#(after)"}"#
                #expect(try Parser.ours(text) == Parser.doc([("\(before)k\(after)", .string(before + decoded + after))]))
            }
            // A raw control character or an invalid byte is caught wherever it falls.
            Parser.expectError("{\"a\": \"\(before)\u{1}\(after)\"}", .invalidJSON, offset: 7 + position)
            Parser.expectError(bytes: Array("{\"a\": \"\(before)".utf8) + [0x80] + Array("\(after)\"}".utf8), .invalidUTF8, offset: 7 + position)
            Parser.expectError("{\"a\": \"\(before)\(after)", .invalidJSON, offset: 6, reason: "unterminated")
        }
    }
}
