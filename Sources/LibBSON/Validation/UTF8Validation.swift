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
            let word = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
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

/// Word-at-a-time scans over a buffer of `count` bytes at `base`.
///
/// Every load reads eight bytes that lie inside the buffer (`0 ..< count`); bytes outside the
/// range asked about are masked off, never interpreted.
@usableFromInline
enum ByteScan {
    @inlinable
    static var highBits: UInt64 { 0x8080_8080_8080_8080 }
    @inlinable
    static var lowBits: UInt64 { 0x0101_0101_0101_0101 }

    @inlinable @inline(__always)
    static func word(_ base: UnsafeRawPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// True when every byte of `start ..< end` is below 0x80. Requires
    /// `0 <= start <= end <= count`.
    @inline(__always)
    static func isASCII(_ base: UnsafeRawPointer, from start: Int, to end: Int, count: Int) -> Bool {
        var i = start
        var seen: UInt64 = 0
        while i &+ 16 <= end {
            seen |= word(base, i) | word(base, i &+ 8)
            i &+= 16
        }
        if i &+ 8 <= end {
            seen |= word(base, i)
            i &+= 8
        }
        let rest = end &- i   // 0 ... 7 bytes left
        if rest > 0 {
            if end >= 8 {
                // The eight bytes ending at `end`, keeping the last `rest` of them.
                seen |= word(base, end &- 8) &>> UInt64((8 &- rest) &* 8)
            } else if i &+ 8 <= count {
                // The eight bytes starting at `i`, keeping the first `rest` of them.
                seen |= word(base, i) & ((1 &<< UInt64(rest &* 8)) &- 1)
            } else {
                while i < end {
                    seen |= UInt64(base.load(fromByteOffset: i, as: UInt8.self))
                    i &+= 1
                }
            }
        }
        return seen & highBits == 0
    }

    /// The offset of the first NUL at or after `start`, or `count` when there is none, and
    /// whether every byte before it is below 0x80. Requires `0 <= start <= count`.
    @inlinable @inline(__always)
    static func cstring(_ base: UnsafeRawPointer, from start: Int, count: Int) -> (end: Int, isASCII: Bool) {
        var i = start
        var seen: UInt64 = 0
        while i &+ 8 <= count {
            let w = word(base, i)
            // The lowest flagged byte is exactly the first zero byte (borrows only run upwards
            // from a zero byte), so the position is exact even if higher flags are not.
            let zeros = (w &- lowBits) & ~w & highBits
            if zeros != 0 {
                let bit = zeros.trailingZeroBitCount   // 8 * index + 7
                let below = (UInt64(1) &<< UInt64(bit &- 7)) &- 1
                seen |= w & below
                return (i &+ (bit &>> 3), seen & highBits == 0)
            }
            seen |= w
            i &+= 8
        }
        while i < count {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            if b == 0 { break }
            seen |= UInt64(b)
            i &+= 1
        }
        return (i, seen & highBits == 0)
    }
}
