/// Small ASCII strings made directly from their bytes.
///
/// `String(decoding:as:)` checks its input again and then copies a short string into its
/// small (inline, 15-byte) form byte by byte: for the keys of a decoded document that was most
/// of the time spent making them. The standard library's small form of ASCII text is two
/// little-endian words: the bytes, zero-padded, and a last byte of 0xE0 plus the count. That
/// layout is not public, so it is used only where a check at first use finds that strings the
/// standard library makes have exactly these bits and that strings made this way equal them;
/// anywhere else (another layout, a big-endian or 32-bit platform) ``isAvailable`` is false
/// and every string goes through `String(decoding:as:)`.
@usableFromInline
enum SmallASCIIString {
    /// The most bytes a small string holds.
    @inlinable
    static var capacity: Int { 15 }

    /// Whether ``make(_:_:count:)`` may be used on this platform.
    @usableFromInline
    static let isAvailable: Bool = selfCheck()

    /// The text at `from ..< to` in `p` as a small string, when it is at most ``capacity``
    /// bytes, all ASCII, and the small form ``isAvailable`` (read by the caller, once per
    /// document); nil otherwise.
    @inlinable @inline(__always)
    static func make(_ p: UnsafeRawBufferPointer, _ from: Int, _ to: Int, isAvailable: Bool) -> String? {
        let n = to - from
        guard n <= capacity, isAvailable, let base = p.baseAddress else { return nil }
        // Bytes 0 ..< 8 and 8 ..< 15 of the text, each read with one load where it can be.
        let lo = n >= 8 ? ByteScan.word(base, from)
            : n > 0 ? ByteScan.partialWord(base, from: from, to: to, count: p.count) : 0
        let hi = n > 8 ? ByteScan.partialWord(base, from: from + 8, to: to, count: p.count) : 0
        guard (lo | hi) & ByteScan.highBits == 0 else { return nil }
        return make(lo, hi, count: n)
    }

    /// The string of the `count` (at most 15) ASCII bytes held, little-endian, in `lo` (bytes 0
    /// to 7) and `hi` (bytes 8 to 14), every byte past `count` zero.
    @inlinable @inline(__always)
    static func make(_ lo: UInt64, _ hi: UInt64, count: Int) -> String {
        // Moved out of the words rather than bit-cast: a bit-cast value is borrowed, and
        // the copy made from it cost a (no-op) retain per key.
        var words = (lo, hi | (UInt64(0xE0 | count) &<< 56))
        return withUnsafeMutablePointer(to: &words) {
            $0.withMemoryRebound(to: String.self, capacity: 1) { $0.move() }
        }
    }

    /// Compares the layout with strings the standard library builds: every length from 0 to
    /// 15, every ASCII byte value in every position.
    static func selfCheck() -> Bool {
        #if _pointerBitWidth(_64) && _endian(little)
        guard MemoryLayout<String>.size == 16, MemoryLayout<(UInt64, UInt64)>.size == 16 else { return false }
        for count in 0...capacity {
            for first in stride(from: 0, to: 128, by: 16) {
                let bytes = (0..<count).map { UInt8((first + $0 * 7) % 128) }
                var lo: UInt64 = 0
                var hi: UInt64 = 0
                for (i, b) in bytes.enumerated() {
                    if i < 8 { lo |= UInt64(b) << (8 * i) } else { hi |= UInt64(b) << (8 * (i - 8)) }
                }
                let reference = String(decoding: bytes, as: UTF8.self)
                let referenceBits = unsafeBitCast(reference, to: (UInt64, UInt64).self)
                let made = make(lo, hi, count: count)
                guard referenceBits.0 == lo, referenceBits.1 == hi | (UInt64(0xE0 | count) << 56),
                      made == reference, made.utf8.count == count, made.unicodeScalars.count == count,
                      Array(made.utf8) == bytes, made.hashValue == reference.hashValue,
                      made + "x" == reference + "x" else { return false }
            }
        }
        return true
        #else
        return false
        #endif
    }
}
