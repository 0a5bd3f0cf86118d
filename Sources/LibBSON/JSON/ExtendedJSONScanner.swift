/// The lexical layer of the Extended JSON parser: a position in UTF-8 text, whitespace, the
/// JSON literals, strings (unescaped into any byte sink) and number tokens.
///
/// It knows nothing of documents, type wrappers or BSON: ``ExtendedJSONParser`` drives it and
/// turns its outcomes into errors (``ExtendedJSONParser`` `+Errors` holds the wording).
/// Positions are byte offsets into the text.
struct ExtendedJSONScanner {
    let text: UnsafeRawBufferPointer
    let end: Int
    /// The offset of the next byte to read.
    var position = 0

    init(_ text: UnsafeRawBufferPointer) {
        self.text = text
        self.end = text.count
    }

    // MARK: Bytes and whitespace

    /// The byte at `at`, or 0 past the end (0 is never valid outside a string).
    @inline(__always)
    func byte(at: Int) -> UInt8 {
        at < end ? text[at] : 0
    }

    /// The byte at the current position, or 0 at the end.
    @inline(__always)
    var current: UInt8 { byte(at: position) }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            let c = text[position]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            position += 1
        }
    }

    /// Reads `word` (`true`, `false`, `null`) at the current position; false, without moving,
    /// when the text differs.
    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= end else { return false }
        var k = 0
        while k < count, text[position + k] == word.utf8Start[k] { k += 1 }
        guard k == count else { return false }
        position += count
        return true
    }

    // MARK: Strings

    /// How reading a string ended: its content is complete (`ok`, `okWithNUL` when an escape
    /// decoded to U+0000), or the first problem and its offset.
    enum StringOutcome: Equatable {
        case ok
        case okWithNUL
        case unterminated(at: Int)
        case controlCharacter(UInt8, at: Int)
        case badEscape(at: Int)
        case badUnicodeEscape(at: Int)
        case loneSurrogate(at: Int)
        case invalidUTF8(at: Int)
    }

    /// At a `"`: decodes the string into `out` and moves past the closing quote.
    @inline(__always)
    mutating func scanString<Out: BSONByteSink & ~Copyable>(into out: inout Out) -> StringOutcome {
        Self.scanString(text, end, &position, &out)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// At a `"`: decodes the JSON string into `out` and moves `pos` past the closing quote.
    ///
    /// Runs of plain characters are checked eight bytes at a time and copied in one go (their
    /// UTF-8 validated when a byte is above 0x7F); escapes are decoded one by one.
    static func scanString<Out: BSONByteSink & ~Copyable>(_ p: UnsafeRawBufferPointer, _ end: Int, _ pos: inout Int, _ out: inout Out) -> StringOutcome {
        let open = pos
        var j = pos + 1
        var runStart = j
        var high: UInt64 = 0
        var sawNUL = false
        while true {
            while j + 8 <= end {
                let x = p.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                let q = x ^ (ones &* 0x22)
                let b = x ^ (ones &* 0x5C)
                let special = ((q &- ones) & ~q) | ((b &- ones) & ~b) | ((x &- ones &* 0x20) & ~x)
                if special & highs != 0 { break }
                high |= x
                j += 8
            }
            guard j < end else { return .unterminated(at: open) }
            let c = p[j]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") {
                if runStart < j {
                    if high & highs != 0, let bad = UTF8Validation.firstInvalid(p, from: runStart, to: j) {
                        return .invalidUTF8(at: bad)
                    }
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[runStart..<j]))
                }
                high = 0
                if c == UInt8(ascii: "\"") {
                    pos = j + 1
                    return sawNUL ? .okWithNUL : .ok
                }
                // An escape.
                let escapeAt = j
                j += 1
                guard j < end else { return .unterminated(at: open) }
                switch p[j] {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard let unit = hex4(p, end, j + 1) else { return .badUnicodeEscape(at: escapeAt) }
                    var scalar = unit
                    j += 4
                    if unit >= 0xD800 && unit <= 0xDBFF {
                        guard j + 2 < end, p[j + 1] == UInt8(ascii: "\\"), p[j + 2] == UInt8(ascii: "u"),
                              let low = hex4(p, end, j + 3), low >= 0xDC00 && low <= 0xDFFF
                        else { return .loneSurrogate(at: escapeAt) }
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        j += 6
                    } else if unit >= 0xDC00 && unit <= 0xDFFF {
                        return .loneSurrogate(at: escapeAt)
                    }
                    if scalar == 0 { sawNUL = true }
                    appendUTF8(scalar, to: &out)
                default:
                    return .badEscape(at: escapeAt)
                }
                j += 1
                runStart = j
                continue
            }
            if c < 0x20 { return .controlCharacter(c, at: j) }
            high |= UInt64(c)
            j += 1
        }
    }

    @inline(__always)
    private static func hex4(_ p: UnsafeRawBufferPointer, _ end: Int, _ at: Int) -> UInt32? {
        guard at + 4 <= end else { return nil }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            guard let d = HexDigits.value(p[k]) else { return nil }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    @inline(__always)
    private static func appendUTF8<Out: BSONByteSink & ~Copyable>(_ scalar: UInt32, to out: inout Out) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: Numbers

    /// A JSON number token.
    struct NumberToken {
        var start: Int
        var end: Int
        var negative: Bool
        /// The integer part's magnitude (meaningful when `!overflow`).
        var magnitude: UInt64
        var overflow: Bool
        /// No fraction and no exponent.
        var isInteger: Bool
    }

    /// Why a number token is malformed, and where.
    enum NumberProblem: Error {
        /// No digit where the grammar needs one (after `-`, at the start).
        case expectedDigit(at: Int)
        /// `0` followed by a digit; `at` is the token's start.
        case leadingZeros(at: Int)
        case expectedFractionDigit(at: Int)
        case expectedExponentDigit(at: Int)
    }

    /// Reads a number per the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func scanNumber() throws(NumberProblem) -> NumberToken {
        let start = position
        var negative = false
        if current == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var magnitude: UInt64 = 0
        var overflow = false
        let first = current
        guard first &- UInt8(ascii: "0") < 10 else { throw .expectedDigit(at: position) }
        if first == UInt8(ascii: "0") {
            position += 1
            if current &- UInt8(ascii: "0") < 10 { throw .leadingZeros(at: start) }
        } else {
            var digits = 0
            while position < end {
                let d = text[position] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if digits < 19 {
                    magnitude = magnitude &* 10 &+ UInt64(d)
                } else {
                    let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (m2, o2) = m1.addingReportingOverflow(UInt64(d))
                    magnitude = m2
                    overflow = overflow || o1 || o2
                }
                digits += 1
                position += 1
            }
        }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard current &- UInt8(ascii: "0") < 10 else { throw .expectedFractionDigit(at: position) }
            while position < end, text[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        }
        let e = current
        if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            let sign = current
            if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            guard current &- UInt8(ascii: "0") < 10 else { throw .expectedExponentDigit(at: position) }
            while position < end, text[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        }
        return NumberToken(start: start, end: position, negative: negative, magnitude: magnitude,
                           overflow: overflow, isInteger: isInteger)
    }

    /// Whether `c` can start a JSON number.
    @inline(__always)
    static func startsNumber(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "-") || c &- UInt8(ascii: "0") < 10
    }
}
