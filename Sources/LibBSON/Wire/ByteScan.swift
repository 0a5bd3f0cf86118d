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
        base.uint64(at: at)
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
        if i < end {   // 1 ... 7 bytes left
            seen |= partialWord(base, from: i, to: end, count: count)
        }
        return seen & highBits == 0
    }

    /// The bytes `start ..< end` (one to eight of them) as a little-endian word, zero above
    /// them. Requires `0 <= start < end <= count` and `end - start <= 8`.
    ///
    /// One load where the buffer allows it: the eight bytes ending at `end`, shifted down, or
    /// else the eight starting at `start`, masked; byte by byte only in a buffer of fewer
    /// than eight bytes.
    @inlinable @inline(__always)
    static func partialWord(_ base: UnsafeRawPointer, from start: Int, to end: Int, count: Int) -> UInt64 {
        let n = end &- start
        if end >= 8 {
            return word(base, end &- 8) &>> UInt64((8 &- n) &* 8)
        }
        // Here n < 8 (end < 8), so the mask's shift is below 64.
        if start &+ 8 <= count {
            return word(base, start) & ((1 &<< UInt64(n &* 8)) &- 1)
        }
        var w: UInt64 = 0
        var i = end
        while i > start {
            i &-= 1
            w = w &<< 8 | UInt64(base.load(fromByteOffset: i, as: UInt8.self))
        }
        return w
    }

    /// The offset of the NUL that ends the C string starting at `at` in validated bytes
    /// (which always hold one); without one this answers `p.count - 1`.
    @inlinable @inline(__always)
    static func cstringEnd(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int {
        guard let base = p.baseAddress else { return p.count - 1 }
        let nul = cstring(base, from: at, count: p.count).end
        return nul < p.count ? nul : p.count - 1
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
