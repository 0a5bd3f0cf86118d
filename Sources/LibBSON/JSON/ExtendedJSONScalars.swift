/// Strict readers for the strings inside Extended JSON type wrappers (`$numberInt`,
/// `$numberDouble`, `$oid`, `$uuid`, base64, binary subtypes) and
/// for plain JSON numbers. Each returns nil when its input is not exactly of its form, so
/// nothing is ever read "up to the first bad character" the way `strtoll`/`sscanf` do.
enum ExtendedJSONScalars {
    // MARK: Integers

    /// `[+-]?[0-9]+` as an Int64, or nil (bad form or out of range). A leading `+` and leading
    /// zeros are accepted, as libbson accepts them.
    static func int64(_ s: [UInt8]) -> Int64? {
        var j = 0
        var negative = false
        if j < s.count, s[j] == UInt8(ascii: "-") || s[j] == UInt8(ascii: "+") {
            negative = s[j] == UInt8(ascii: "-")
            j += 1
        }
        guard j < s.count else { return nil }
        var magnitude: UInt64 = 0
        while j < s.count {
            let d = s[j] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m1.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            magnitude = m2
            j += 1
        }
        return signed(magnitude, negative: negative)
    }

    /// Applies a sign to a magnitude, or nil when the result does not fit an Int64.
    @inline(__always)
    static func signed(_ magnitude: UInt64, negative: Bool) -> Int64? {
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(bitPattern: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Whether `s` has the integer form `[+-]?[0-9]+` (to tell "out of range" from "not a number").
    static func isIntegerForm(_ s: [UInt8]) -> Bool {
        var j = 0
        if j < s.count, s[j] == UInt8(ascii: "-") || s[j] == UInt8(ascii: "+") { j += 1 }
        guard j < s.count else { return false }
        while j < s.count {
            guard s[j] &- UInt8(ascii: "0") < 10 else { return false }
            j += 1
        }
        return true
    }

    // MARK: Doubles

    /// The `$numberDouble` string forms: `"Infinity"`, `"-Infinity"`, `"NaN"`, or a decimal
    /// number `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?`, read exactly (correctly rounded).
    /// Returns nil for any other spelling, and for finite text that overflows to infinity.
    static func double(_ s: [UInt8]) -> Double? {
        if ("Infinity" as StaticString).spells(s) { return .infinity }
        if ("-Infinity" as StaticString).spells(s) { return -.infinity }
        if ("NaN" as StaticString).spells(s) { return .nan }
        guard isDecimalForm(s) else { return nil }
        let value = s.withUnsafeBytes { decimal($0, from: 0, to: $0.count) }
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?`
    static func isDecimalForm(_ s: [UInt8]) -> Bool {
        var j = 0
        let n = s.count
        if j < n, s[j] == UInt8(ascii: "-") || s[j] == UInt8(ascii: "+") { j += 1 }
        var digits = 0
        while j < n, s[j] &- UInt8(ascii: "0") < 10 { j += 1; digits += 1 }
        if j < n, s[j] == UInt8(ascii: ".") {
            j += 1
            while j < n, s[j] &- UInt8(ascii: "0") < 10 { j += 1; digits += 1 }
        }
        guard digits > 0 else { return false }
        if j < n, s[j] == UInt8(ascii: "e") || s[j] == UInt8(ascii: "E") {
            j += 1
            if j < n, s[j] == UInt8(ascii: "-") || s[j] == UInt8(ascii: "+") { j += 1 }
            var expDigits = 0
            while j < n, s[j] &- UInt8(ascii: "0") < 10 { j += 1; expDigits += 1 }
            guard expDigits > 0 else { return false }
        }
        return j == n
    }

    private static let powersOf10: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Reads decimal text already known to be of the form checked by ``isDecimalForm(_:)`` (or
    /// a JSON number). Exact: small cases take Clinger's fast path (one correctly rounded IEEE
    /// operation), the rest go through the standard library's correctly rounded parser.
    /// Overflow gives ±infinity; the caller decides whether that is an error.
    static func decimal(_ p: UnsafeRawBufferPointer, from: Int, to: Int) -> Double? {
        var j = from
        var negative = false
        if j < to, p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "+") {
            negative = p[j] == UInt8(ascii: "-")
            j += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var exact = true
        while j < to {
            let d = p[j] &- UInt8(ascii: "0")
            guard d < 10 else { break }
            if mantissa != 0 || d != 0 {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significant += 1
                } else {
                    exact = false
                }
            }
            j += 1
        }
        if j < to, p[j] == UInt8(ascii: ".") {
            j += 1
            while j < to {
                let d = p[j] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if mantissa != 0 || d != 0 {
                    if significant < 19 {
                        mantissa = mantissa &* 10 &+ UInt64(d)
                        significant += 1
                        exponent -= 1
                    } else {
                        exact = false
                    }
                } else {
                    exponent -= 1
                }
                j += 1
            }
        }
        if j < to, p[j] == UInt8(ascii: "e") || p[j] == UInt8(ascii: "E") {
            j += 1
            var expNegative = false
            if j < to, p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "+") {
                expNegative = p[j] == UInt8(ascii: "-")
                j += 1
            }
            var e = 0
            while j < to {
                let d = p[j] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if e < 1_000_000 { e = e * 10 + Int(d) }
                j += 1
            }
            exponent += expNegative ? -e : e
        }
        if mantissa == 0 && exact {
            return negative ? -0.0 : 0.0
        }
        if exact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            if exponent >= 0 {
                value *= powersOf10[exponent]
            } else {
                value /= powersOf10[-exponent]
            }
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
        return Double(text)
    }

    // MARK: Hex, ObjectId, UUID, binary subtype

    /// Whether `s` is 24 hex digits (either case), the text of an ObjectId.
    static func isObjectID(_ s: [UInt8]) -> Bool {
        s.count == 24 && s.allSatisfy { HexDigits.value($0) != nil }
    }

    /// 24 hex digits (either case) as the 12 ObjectId bytes, appended to `out`.
    static func appendObjectID<Out: BSONByteSink & ~Copyable>(_ s: [UInt8], to out: inout Out) -> Bool {
        guard s.count == 24 else { return false }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        for k in 0..<12 {
            guard let hi = HexDigits.value(s[2 * k]), let lo = HexDigits.value(s[2 * k + 1]) else { return false }
            bytes.append(hi << 4 | lo)
        }
        bytes.withUnsafeBytes { out.append(contentsOf: $0) }
        return true
    }

    /// A canonical textual UUID, `8-4-4-4-12` hex digits (either case), as its 16 bytes.
    static func uuid(_ s: [UInt8]) -> [UInt8]? {
        guard s.count == 36 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var j = 0
        while j < 36 {
            if j == 8 || j == 13 || j == 18 || j == 23 {
                guard s[j] == UInt8(ascii: "-") else { return nil }
                j += 1
                continue
            }
            guard let hi = HexDigits.value(s[j]), let lo = HexDigits.value(s[j + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
            j += 2
        }
        return bytes
    }

    /// A binary subtype: one or two hex digits (either case).
    static func subtype(_ s: [UInt8]) -> UInt8? {
        switch s.count {
        case 1:
            return HexDigits.value(s[0])
        case 2:
            guard let hi = HexDigits.value(s[0]), let lo = HexDigits.value(s[1]) else { return nil }
            return hi << 4 | lo
        default:
            return nil
        }
    }

    // MARK: Base64

    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = UInt8(index)
        }
        return table
    }()

    @inline(__always)
    private static func isBase64Space(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D)
    }

    /// Decodes padded standard base64 (RFC 4648 section 4) and appends the bytes to `out`.
    /// As libbson does, ASCII whitespace between characters is skipped; the unused bits of the
    /// last group must be zero, padding must be complete, and nothing but whitespace may
    /// follow it. Returns false (leaving `out` partly written) on bad input.
    static func appendBase64<Out: BSONByteSink & ~Copyable>(_ s: [UInt8], to out: inout Out) -> Bool {
        let table = base64Values
        var group: UInt32 = 0
        var count = 0
        var j = 0
        let n = s.count
        while j < n {
            let c = s[j]
            j += 1
            if isBase64Space(c) { continue }
            if c == UInt8(ascii: "=") {
                // Padding: only after 2 or 3 characters of a group.
                switch count {
                case 2:
                    // Needs a second '='.
                    while j < n, isBase64Space(s[j]) { j += 1 }
                    guard j < n, s[j] == UInt8(ascii: "=") else { return false }
                    j += 1
                    guard group & 0xF == 0 else { return false }
                    out.append(UInt8(truncatingIfNeeded: group >> 4))
                case 3:
                    guard group & 0x3 == 0 else { return false }
                    out.append(UInt8(truncatingIfNeeded: group >> 10))
                    out.append(UInt8(truncatingIfNeeded: group >> 2))
                default:
                    return false
                }
                while j < n {
                    guard isBase64Space(s[j]) else { return false }
                    j += 1
                }
                return true
            }
            let v = table[Int(c)]
            guard v != 0xFF else { return false }
            group = group << 6 | UInt32(v)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: group >> 16))
                out.append(UInt8(truncatingIfNeeded: group >> 8))
                out.append(UInt8(truncatingIfNeeded: group))
                group = 0
                count = 0
            }
        }
        return count == 0
    }
}
