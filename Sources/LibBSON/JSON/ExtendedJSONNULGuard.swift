/// Works around libbson's Extended JSON parser cutting `$code` strings at an escaped NUL
/// (`"\u0000"`), which would otherwise lose data silently (CDRIVER-1879).
///
/// When the text holds a `\u0000` escape, each one is replaced by a placeholder code point
/// that does not occur in the text, libbson parses that, and every string in the result is
/// mapped back: placeholders in string, code and symbol values become NUL again; a
/// placeholder in a key or a regular expression is an error, since BSON cannot hold NUL there.
enum ExtendedJSONNULGuard {
    /// Candidate placeholders: private-use code points of plane 16, as UTF-8 and as the
    /// lowercase surrogate-pair escape spelled by JSON.
    private static let candidates: [Unicode.Scalar] = (0x10FFF0...0x10FFFD).compactMap(Unicode.Scalar.init)

    /// Parses `text` with libbson, keeping NULs that libbson alone would drop.
    static func parse(_ text: String) throws -> [UInt8] {
        let utf8 = Array(text.utf8)
        // libbson itself rejects NUL where BSON cannot hold it (keys, regular expressions),
        // so its verdict on the original text comes first.
        let direct = try LibBSONC.bsonBytes(fromJSON: text)
        guard let escapes = nulEscapeOffsets(utf8), !escapes.isEmpty else {
            return direct
        }
        guard let placeholder = unusedPlaceholder(in: utf8) else {
            throw BSONError(.invalidJSON, "invalid Extended JSON: cannot encode its \\u0000 escapes safely")
        }
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(utf8.count)
        var from = 0
        let placeholderUTF8 = Array(String(Character(placeholder)).utf8)
        for at in escapes {
            rewritten.append(contentsOf: utf8[from..<at])
            rewritten.append(contentsOf: placeholderUTF8)
            from = at + 6
        }
        rewritten.append(contentsOf: utf8[from...])
        let bytes = try LibBSONC.bsonBytes(fromJSON: String(decoding: rewritten, as: UTF8.self))
        let parsed = try BSONDocument(fromBSON: bytes)
        return try restore(parsed, placeholder: Character(placeholder)).bytes
    }

    /// Offsets of each `\u0000` escape inside the text (a backslash that is not itself escaped).
    private static func nulEscapeOffsets(_ u: [UInt8]) -> [Int]? {
        var result: [Int] = []
        var i = 0
        let backslash = UInt8(ascii: "\\")
        while i < u.count {
            if u[i] == backslash, i + 1 < u.count {
                if u[i + 1] == UInt8(ascii: "u"), i + 5 < u.count,
                   u[i + 2] == UInt8(ascii: "0"), u[i + 3] == UInt8(ascii: "0"),
                   u[i + 4] == UInt8(ascii: "0"), u[i + 5] == UInt8(ascii: "0") {
                    result.append(i)
                    i += 6
                } else {
                    i += 2   // skip the escaped character, so "\\u0000" is not an escape of NUL
                }
            } else {
                i += 1
            }
        }
        return result
    }

    /// A candidate that occurs in the text neither as UTF-8 nor as a JSON surrogate-pair escape.
    private static func unusedPlaceholder(in u: [UInt8]) -> Unicode.Scalar? {
        let lowered = String(decoding: u, as: UTF8.self).lowercased()
        for scalar in candidates {
            let literal = String(Character(scalar))
            let value = scalar.value - 0x10000
            let high = String(0xD800 + (value >> 10), radix: 16)
            let low = String(0xDC00 + (value & 0x3FF), radix: 16)
            if !lowered.contains(literal) && !lowered.contains("\\u\(high)\\u\(low)") {
                return scalar
            }
        }
        return nil
    }

    private static func restore(_ doc: BSONDocument, placeholder: Character) throws -> BSONDocument {
        let nul = String(Character(Unicode.Scalar(0)))
        func text(_ s: String) -> String {
            s.contains(placeholder) ? s.replacingAll(placeholder, with: nul) : s
        }
        func checkNoPlaceholder(_ s: String, _ what: String) throws {
            if s.contains(placeholder) {
                throw BSONError(.embeddedNUL, "invalid Extended JSON: \(what) cannot contain a NUL character")
            }
        }
        func value(_ v: BSON) throws -> BSON {
            switch v {
            case .string(let s): return .string(text(s))
            case .code(let c): return .code(BSONCode(code: text(c.code)))
            case .symbol(let s): return .symbol(BSONSymbol(text(s.stringValue)))
            case .codeWithScope(let c):
                return .codeWithScope(BSONCodeWithScope(code: text(c.code), scope: try restore(c.scope, placeholder: placeholder)))
            case .document(let d): return .document(try restore(d, placeholder: placeholder))
            case .array(let values): return .array(try values.map(value))
            case .regex(let r):
                try checkNoPlaceholder(r.pattern, "a regular expression pattern")
                try checkNoPlaceholder(r.options, "regular expression options")
                return v
            case .dbPointer(let p): return .dbPointer(BSONDBPointer(ref: text(p.ref), id: p.id))
            default: return v
            }
        }
        var elements: [(key: String, value: BSON)] = []
        for (key, v) in doc {
            try checkNoPlaceholder(key, "a key")
            elements.append((key, try value(v)))
        }
        return try BSONDocument(elements: elements)
    }
}

private extension String {
    func replacingAll(_ c: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in self {
            if ch == c { out += replacement } else { out.append(ch) }
        }
        return out
    }
}
