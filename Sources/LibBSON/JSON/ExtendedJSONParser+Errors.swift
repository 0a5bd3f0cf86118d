/// How the Extended JSON parser words its errors: every ``BSONError`` it throws is made here
/// (``fail(_:at:element:code:)``, which adds the key path and says `invalidUTF8` where the text
/// is not UTF-8), with the wording shared by the driver, the scanner's outcomes and the type
/// wrappers. A wrapper's own rule ("$timestamp holds only \"t\" and \"i\"") is worded beside
/// the code that checks it.
extension ExtendedJSONParser {
    /// The error for a problem at `offset`. A syntax error at a byte that starts a sequence
    /// that is not UTF-8 (outside any string, where JSON allows only ASCII) is reported as
    /// `invalidUTF8`: the text is not UTF-8 there, which is the more useful thing to say.
    func fail(_ reason: String, at offset: Int, element: Bool = true, code: BSONError.Code = .invalidJSON) -> BSONError {
        var code = code
        if code == .invalidJSON, offset < s.end, s.text[offset] >= 0x80,
           UTF8Validation.firstInvalidStrict(s.text, from: offset, to: min(s.end, offset + 4)) == offset {
            code = .invalidUTF8
        }
        return BSONError(code, "invalid Extended JSON: \(reason)", offset: offset, keyPath: keyPath(includingElement: element))
    }

    /// Text with nothing but whitespace.
    static func emptyInput(at offset: Int) -> BSONError {
        BSONError(.invalidJSON, "empty input: expected a JSON object", offset: offset)
    }

    /// The output passed `limit` bytes: `size` when known (the finished document), else
    /// while it was being written.
    static func sizeLimitExceeded(_ size: Int?, limit: Int, offset: Int) -> BSONError {
        guard let size else {
            return BSONError(.sizeLimitExceeded, "the document would be more than \(limit) bytes, the size limit", offset: offset)
        }
        return BSONError(.sizeLimitExceeded, "the document would be \(size) bytes, above the limit of \(limit)", offset: offset)
    }

    // MARK: The scanner's outcomes

    /// Throws the error for a string that did not read cleanly (`ok` and `okWithNUL` pass).
    func check(_ outcome: ExtendedJSONScanner.StringOutcome, element: Bool) throws {
        switch outcome {
        case .ok, .okWithNUL:
            return
        case .unterminated(let at):
            throw fail("unterminated string", at: at, element: element)
        case .controlCharacter(let c, let at):
            throw fail("control character U+00\(HexDigits.encode([c]).uppercased()) must be escaped in a string", at: at, element: element)
        case .badEscape(let at):
            throw fail("invalid escape sequence \(describeEscape(at: at)) in a string", at: at, element: element)
        case .badUnicodeEscape(let at):
            throw fail("a \\u escape needs four hex digits", at: at, element: element)
        case .loneSurrogate(let at):
            throw fail("a \\u escape encodes a lone UTF-16 surrogate", at: at, element: element)
        case .invalidUTF8(let at):
            throw fail("invalid UTF-8 in a string", at: at, element: element, code: .invalidUTF8)
        }
    }

    /// The error for a malformed number token.
    func fail(_ problem: ExtendedJSONScanner.NumberProblem) -> BSONError {
        switch problem {
        case .expectedDigit(let at):
            fail("invalid number: expected a digit, found \(describeByte(at: at))", at: at)
        case .leadingZeros(let at):
            fail("invalid number: a number cannot have leading zeros", at: at)
        case .expectedFractionDigit(let at):
            fail("invalid number: expected a digit after '.'", at: at)
        case .expectedExponentDigit(let at):
            fail("invalid number: expected a digit in the exponent", at: at)
        }
    }

    /// The error for text at the current position that is not `word`.
    func invalidLiteral(_ word: StaticString) -> BSONError {
        fail("invalid literal: expected \(word)", at: s.position)
    }

    // MARK: Type wrappers

    func expectedString(for name: String) -> BSONError {
        fail("expected a string for \(name), found \(describeValue(at: s.position))", at: s.position)
    }

    func duplicate(_ context: String, at: Int) -> BSONError {
        fail("duplicate key \(quotedKey()) in \(context)", at: at)
    }

    /// `s` is not an integer string in `range`: out of range, or not an integer at all.
    func badNumber(_ s: [UInt8], for name: String, range: String, at: Int) -> BSONError {
        if ExtendedJSONScalars.isIntegerForm(s) {
            return fail("\(name) value \(quoted(s)) is out of range for \(range)", at: at)
        }
        return fail("\(name) must be a string holding \(range), found \(quoted(s))", at: at)
    }

    func nulInKey(at: Int, element: Bool = true) -> BSONError {
        fail("a key cannot contain a NUL character (\\u0000)", at: at, element: element, code: .embeddedNUL)
    }

    // MARK: Where and what

    /// The keys leading to the element being read, from the frames and the output bytes.
    func keyPath(includingElement: Bool) -> [String] {
        var path: [String] = []
        // A scope's key is its $code wrapper's key, already listed.
        for frame in frames.dropFirst() where frame.kind != .scope {
            path.append(keyString(frame.keyStart, frame.keyEnd))
        }
        // Inside a $code wrapper the element being read is the wrapper itself.
        if includingElement, elementTypePos >= 0, frames.last?.kind != .code {
            path.append(keyString(elementKeyStart, elementKeyEnd))
        }
        return path
    }

    private func keyString(_ from: Int, _ to: Int) -> String {
        guard from <= to, to <= w.count else { return "" }
        return w.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }

    func describeByte(at: Int) -> String {
        guard at < s.end else { return "the end of the input" }
        let c = s.text[at]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(HexDigits.encode([c]))"
    }

    /// A short description of the JSON value starting at `at` (its kind), for type errors.
    func describeValue(at: Int) -> String {
        switch s.byte(at: at) {
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "{"): return "a document"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        default: return describeByte(at: at)
        }
    }

    private func describeEscape(at: Int) -> String {
        guard at + 1 < s.end else { return "'\\'" }
        let c = s.text[at + 1]
        if c >= 0x21 && c < 0x7F { return "'\\\(Character(Unicode.Scalar(c)))'" }
        return "'\\' followed by byte 0x\(HexDigits.encode([c]))"
    }

    /// The text from `from` to `to` (at most 64 bytes), for quoting a number.
    func slice(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: s.text[from..<min(to, from + 64)]), as: UTF8.self)
    }

    /// Decoded bytes (at most 64) as a quoted, escaped string.
    func quoted(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(64), as: UTF8.self).debugDescription
    }

    /// The key last read into `keyBuf`, quoted.
    func quotedKey() -> String {
        quoted(keyBuf)
    }
}
