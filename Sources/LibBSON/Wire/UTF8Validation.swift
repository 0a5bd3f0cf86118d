/// A strict UTF-8 check (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
/// NUL bytes are allowed here; callers that forbid them check separately.
enum UTF8Validation {
    /// Returns the index of the first byte of the first invalid sequence, or nil when valid.
    ///
    /// ASCII text, nearly all of what BSON carries, is accepted by ``ByteScan/isASCII(_:from:to:count:)``
    /// a word at a time; anything else goes through the byte-exact check.
    @inline(__always)
    static func firstInvalid(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        // An empty buffer has no base address, and then start == end: nothing to check.
        guard let base = p.baseAddress, !ByteScan.isASCII(base, from: start, to: end, count: p.count) else { return nil }
        return firstInvalidStrict(p, from: start, to: end)
    }

    /// The byte-exact check, for text that is not all ASCII.
    @inline(never)
    static func firstInvalidStrict(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        var i = start
        // ASCII fast path: eight bytes at a time.
        while i + 8 <= end {
            if p.uint64(at: i) & ByteScan.highBits != 0 { break }
            i += 8
        }
        while i < end {
            let b0 = p[i]
            if b0 < 0x80 { i += 1; continue }
            if b0 < 0xC2 || b0 > 0xF4 { return i }
            if b0 < 0xE0 {
                guard i + 1 < end, p[i + 1] & 0xC0 == 0x80 else { return i }
                i += 2
            } else if b0 < 0xF0 {
                guard i + 2 < end else { return i }
                let b1 = p[i + 1], b2 = p[i + 2]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return i }
                if b0 == 0xE0 && b1 < 0xA0 { return i }   // overlong
                if b0 == 0xED && b1 > 0x9F { return i }   // surrogate
                i += 3
            } else {
                guard i + 3 < end else { return i }
                let b1 = p[i + 1], b2 = p[i + 2], b3 = p[i + 3]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return i }
                if b0 == 0xF0 && b1 < 0x90 { return i }   // overlong
                if b0 == 0xF4 && b1 > 0x8F { return i }   // above U+10FFFF
                i += 4
            }
        }
        return nil
    }
}
