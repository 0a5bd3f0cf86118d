/// Reading raw (already validated) BSON bytes independently of the library.
public enum RawBSON {
    /// True when the bytes are the one encoding that values re-encode to: every array has the
    /// keys "0", "1", "2"… in order (values read from arrays carry no keys), and every regular
    /// expression's options are sorted (as `BSONRegularExpression` keeps them, and as the
    /// BSON specification asks).
    ///
    /// `deep: true` checks everything, scopes included: what a trip through Extended JSON
    /// rebuilds. `deep: false` stops at embedded documents and code-with-scope scopes, which
    /// `BSONDocument(elements:)` copies as they are: it checks the top level and the arrays
    /// reachable through arrays only.
    ///
    /// Only call this on bytes the validator accepted; indexing is bounds-checked regardless.
    public static func isCanonical(_ b: [UInt8], deep: Bool) throws(InvariantViolation) -> Bool {
        try walk(b, at: 0, isArray: false, deep: deep)
    }

    private static func int32(_ b: [UInt8], _ at: Int) -> Int {
        Int(Int32(bitPattern: UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24))
    }

    private static func cstringEnd(_ b: [UInt8], _ at: Int) -> Int {
        var i = at
        while b[i] != 0 { i += 1 }
        return i
    }

    private static func walk(_ b: [UInt8], at start: Int, isArray: Bool, deep: Bool) throws(InvariantViolation) -> Bool {
        let end = start + int32(b, start) - 1
        var pos = start + 4
        var index = 0
        while pos < end {
            let type = b[pos]
            let keyEnd = cstringEnd(b, pos + 1)
            if isArray && !b[(pos + 1)..<keyEnd].elementsEqual(String(index).utf8) { return false }
            index += 1
            let v = keyEnd + 1
            switch type {
            case 0x01, 0x09, 0x11, 0x12: pos = v + 8
            case 0x02, 0x0D, 0x0E: pos = v + 4 + int32(b, v)
            case 0x03:
                if deep {
                    guard try walk(b, at: v, isArray: false, deep: true) else { return false }
                }
                pos = v + int32(b, v)
            case 0x04:
                guard try walk(b, at: v, isArray: true, deep: deep) else { return false }
                pos = v + int32(b, v)
            case 0x05: pos = v + 5 + int32(b, v)
            case 0x06, 0x0A, 0x7F, 0xFF: pos = v
            case 0x07: pos = v + 12
            case 0x08: pos = v + 1
            case 0x0B:
                let optionsStart = cstringEnd(b, v) + 1
                let optionsEnd = cstringEnd(b, optionsStart)
                if optionsEnd - optionsStart > 1 {
                    for i in (optionsStart + 1)..<optionsEnd where b[i - 1] > b[i] { return false }
                }
                pos = optionsEnd + 1
            case 0x0C: pos = v + 4 + int32(b, v) + 12
            case 0x0F:
                if deep {
                    guard try walk(b, at: v + 8 + int32(b, v + 4), isArray: false, deep: true) else { return false }
                }
                pos = v + int32(b, v)
            case 0x10: pos = v + 4
            case 0x13: pos = v + 16
            default: throw InvariantViolation("the validator accepted type byte \(type)")
            }
        }
        return true
    }
}
