/// A strict JSON tokenizer for comparing JSON texts in tests.
///
/// Two JSON texts are considered equal when their token lists are equal. Whitespace between
/// tokens is dropped and string escapes are decoded (so `"\u00e9"` and `"é"` are the same
/// token), but key order and the exact spelling of numbers are kept (`1.0` is not `1`).
/// String tokens compare by Unicode scalars, not by Swift's canonical-equivalence `==`.
///
/// The tokenizer also checks the JSON grammar (RFC 8259): malformed input throws, so a
/// comparison can never pass because both sides were equally broken.
enum JSONToken: Equatable, Sendable, CustomStringConvertible {
    case beginObject
    case endObject
    case beginArray
    case endArray
    case colon
    case comma
    /// A string with all escapes decoded.
    case string(String)
    /// A number, as its literal text.
    case number(String)
    case `true`
    case `false`
    case null

    static func == (lhs: JSONToken, rhs: JSONToken) -> Bool {
        switch (lhs, rhs) {
        case (.beginObject, .beginObject), (.endObject, .endObject),
             (.beginArray, .beginArray), (.endArray, .endArray),
             (.colon, .colon), (.comma, .comma),
             (.true, .true), (.false, .false), (.null, .null):
            return true
        case let (.string(a), .string(b)):
            return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case let (.number(a), .number(b)):
            return a.utf8.elementsEqual(b.utf8)
        default:
            return false
        }
    }

    var description: String {
        switch self {
        case .beginObject: return "{"
        case .endObject: return "}"
        case .beginArray: return "["
        case .endArray: return "]"
        case .colon: return ":"
        case .comma: return ","
        case .string(let value): return JSONToken.quoted(value)
        case .number(let text): return text
        case .true: return "true"
        case .false: return "false"
        case .null: return "null"
        }
    }

    /// The string re-quoted with every non-printable-ASCII scalar escaped, for messages.
    private static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case " "..."~": out.unicodeScalars.append(scalar)
            default:
                if scalar.value <= 0xFFFF {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    let v = scalar.value - 0x10000
                    out += "\\u" + hex4(0xD800 + (v >> 10)) + "\\u" + hex4(0xDC00 + (v & 0x3FF))
                }
            }
        }
        return out + "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

struct JSONTokenError: Error, CustomStringConvertible {
    var message: String
    var offset: Int
    var description: String { "malformed JSON at byte \(offset): \(message)" }
}

enum JSONTokenizer {
    /// Maximum nesting of arrays and objects accepted.
    static let maxDepth = 256

    /// Tokenizes `text`, checking that it is exactly one well-formed JSON value.
    static func tokenize(_ text: String) throws -> [JSONToken] {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else {
            throw parser.error("unexpected data after the top-level value")
        }
        return parser.tokens
    }

    /// The tokens joined with single spaces: a normalised text for failure messages.
    static func render(_ tokens: [JSONToken]) -> String {
        tokens.map(\.description).joined(separator: " ")
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var tokens: [JSONToken] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        func error(_ message: String) -> JSONTokenError {
            JSONTokenError(message: message, offset: index)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current,
                  byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            }
        }

        mutating func expect(_ byte: UInt8) throws {
            guard current == byte else {
                throw error("expected '\(Character(Unicode.Scalar(byte)))'")
            }
            index += 1
        }

        mutating func value(depth: Int) throws {
            guard let byte = current else { throw error("expected a value, found end of input") }
            switch byte {
            case UInt8(ascii: "{"): try object(depth: depth + 1)
            case UInt8(ascii: "["): try array(depth: depth + 1)
            case UInt8(ascii: "\""): tokens.append(.string(try string()))
            case UInt8(ascii: "t"): try literal("true", .true)
            case UInt8(ascii: "f"): try literal("false", .false)
            case UInt8(ascii: "n"): try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw error("unexpected character 0x\(String(byte, radix: 16))")
            }
        }

        mutating func object(depth: Int) throws {
            guard depth <= JSONTokenizer.maxDepth else { throw error("nesting too deep") }
            try expect(UInt8(ascii: "{"))
            tokens.append(.beginObject)
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                tokens.append(.endObject)
                return
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
                tokens.append(.string(try string()))
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                tokens.append(.colon)
                skipWhitespace()
                try value(depth: depth)
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    tokens.append(.comma)
                    continue
                }
                try expect(UInt8(ascii: "}"))
                tokens.append(.endObject)
                return
            }
        }

        mutating func array(depth: Int) throws {
            guard depth <= JSONTokenizer.maxDepth else { throw error("nesting too deep") }
            try expect(UInt8(ascii: "["))
            tokens.append(.beginArray)
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                tokens.append(.endArray)
                return
            }
            while true {
                skipWhitespace()
                try value(depth: depth)
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    tokens.append(.comma)
                    continue
                }
                try expect(UInt8(ascii: "]"))
                tokens.append(.endArray)
                return
            }
        }

        mutating func literal(_ word: String, _ token: JSONToken) throws {
            for expected in word.utf8 {
                guard current == expected else { throw error("invalid literal, expected \(word)") }
                index += 1
            }
            tokens.append(token)
        }

        mutating func digits() -> Int {
            let start = index
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                index += 1
            }
            return index - start
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() throws {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            if current == UInt8(ascii: "0") {
                index += 1
            } else {
                guard digits() > 0 else { throw error("expected a digit") }
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw error("expected a digit after '.'") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("expected a digit in the exponent") }
            }
            tokens.append(.number(String(decoding: bytes[start..<index], as: UTF8.self)))
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw error("invalid hex digit in \\u escape")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// A string token; returns its decoded contents. Rejects raw control characters,
        /// unknown escapes and unpaired surrogates.
        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            var out: [UInt8] = []
            while true {
                guard let byte = current else { throw error("unterminated string") }
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                case 0x00..<0x20:
                    throw error("raw control character 0x\(String(byte, radix: 16)) in string")
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let escape = current else { throw error("unterminated escape") }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code) {
                            guard index + 1 < bytes.count,
                                  bytes[index] == UInt8(ascii: "\\"),
                                  bytes[index + 1] == UInt8(ascii: "u") else {
                                throw error("unpaired high surrogate")
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else {
                                throw error("high surrogate not followed by a low surrogate")
                            }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(code) {
                            throw error("unpaired low surrogate")
                        }
                        guard let scalar = Unicode.Scalar(code) else {
                            throw error("invalid code point")
                        }
                        out.append(contentsOf: String(Character(scalar)).utf8)
                    default:
                        throw error("invalid escape \\\(Character(Unicode.Scalar(escape)))")
                    }
                default:
                    // Raw bytes (including multi-byte UTF-8) are copied; the input came from a
                    // Swift String, so it is already valid UTF-8.
                    out.append(byte)
                    index += 1
                }
            }
        }
    }
}
