import Foundation

/// Reading primitives over bytes that ``BSONValidator`` has already accepted.
///
/// Nothing here re-checks lengths: these functions are only ever called on validated
/// documents (a ``BSONDocument`` holds nothing else), where every length is known to be in range.
@usableFromInline
enum BSONBytes {
    @inlinable @inline(__always)
    static func int32(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int32 {
        Int32(littleEndian: p.loadUnaligned(fromByteOffset: at, as: Int32.self))
    }

    @inlinable @inline(__always)
    static func int64(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int64 {
        Int64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: Int64.self))
    }

    @inlinable @inline(__always)
    static func uint32(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    @inlinable @inline(__always)
    static func uint64(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// The validated UTF-8 text at `from ..< to` as a String.
    ///
    /// ASCII text of up to 15 bytes (keys, mostly) is made directly as a small string (see
    /// ``SmallASCIIString``); the rest goes through `String(decoding:as:)`.
    @inlinable @inline(__always)
    static func string(_ p: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
        // Longer text does not need the flag (a global, so a call to read it).
        guard to - from <= SmallASCIIString.capacity else {
            return String(decoding: UnsafeRawBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
        }
        return string(p, from, to, small: SmallASCIIString.isAvailable)
    }

    /// ``string(_:_:_:)`` with ``SmallASCIIString/isAvailable`` read by the caller.
    @inlinable @inline(__always)
    static func string(_ p: UnsafeRawBufferPointer, _ from: Int, _ to: Int, small: Bool) -> String {
        let n = to - from
        if n <= SmallASCIIString.capacity, small, let base = p.baseAddress {
            // Bytes 0 ..< 8 and 8 ..< 15 of the text, each read with one load where it can be.
            let lo = n >= 8 ? ByteScan.word(base, from)
                : n > 0 ? ByteScan.partialWord(base, from: from, to: to, count: p.count) : 0
            let hi = n > 8 ? ByteScan.partialWord(base, from: from + 8, to: to, count: p.count) : 0
            if (lo | hi) & ByteScan.highBits == 0 {
                return SmallASCIIString.make(lo, hi, count: n)
            }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
    }

    /// The offset of the NUL that ends the C string starting at `at` (validated bytes always hold one).
    @inlinable @inline(__always)
    static func cstringEnd(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int {
        cstring(p, at).end
    }

    /// The offset of the NUL that ends the C string starting at `at`, and whether the string is
    /// all ASCII. Validated bytes always hold the NUL; without one this answers `p.count - 1`.
    @inlinable @inline(__always)
    static func cstring(_ p: UnsafeRawBufferPointer, _ at: Int) -> (end: Int, isASCII: Bool) {
        guard let base = p.baseAddress else { return (p.count - 1, true) }
        let (nul, isASCII) = ByteScan.cstring(base, from: at, count: p.count)
        return (nul < p.count ? nul : p.count - 1, isASCII)
    }

    /// The size in bytes of a value of `type` starting at `at`.
    @inline(__always)
    static func valueSize(_ p: UnsafeRawBufferPointer, _ type: UInt8, _ at: Int) -> Int {
        switch type {
        case 0x01, 0x09, 0x11, 0x12: return 8
        case 0x02, 0x0D, 0x0E: return 4 + Int(int32(p, at))
        case 0x03, 0x04, 0x0F: return Int(int32(p, at))
        case 0x05: return 5 + Int(int32(p, at))
        case 0x07: return 12
        case 0x08: return 1
        case 0x0B:
            let patternEnd = cstringEnd(p, at)
            return cstringEnd(p, patternEnd + 1) + 1 - at
        case 0x0C: return 4 + Int(int32(p, at)) + 12
        case 0x10: return 4
        case 0x13: return 16
        default: return 0   // undefined, null, minKey, maxKey
        }
    }

    /// Materialises the value of `type` at `at`. `owner` is the validated document whose bytes
    /// `p` points into; embedded documents become slices of it, without copying.
    static func value(_ p: UnsafeRawBufferPointer, _ type: UInt8, _ at: Int, owner: ArraySlice<UInt8>) -> BSON {
        var end = at
        return value(p, type, at, owner: owner, end: &end)
    }

    /// Materialises the value of `type` at `at` and sets `end` to the offset just past it.
    ///
    /// The fixed-size types are handled here, inline in the callers' loops; the others by
    /// ``variableValue(_:_:_:owner:end:)``.
    @inlinable @inline(__always)
    static func value(_ p: UnsafeRawBufferPointer, _ type: UInt8, _ at: Int, owner: ArraySlice<UInt8>, end: inout Int) -> BSON {
        switch type {
        case 0x10:
            end = at + 4
            return .int32(int32(p, at))
        case 0x12:
            end = at + 8
            return .int64(int64(p, at))
        case 0x01:
            end = at + 8
            return .double(Double(bitPattern: uint64(p, at)))
        case 0x08:
            end = at + 1
            return .bool(p[at] != 0)
        case 0x09:
            end = at + 8
            return .datetime(BSONDatetime(millisecondsSinceEpoch: int64(p, at)))
        case 0x11:
            end = at + 8
            return .timestamp(BSONTimestamp(timestamp: uint32(p, at + 4), increment: uint32(p, at)))
        case 0x0A:
            end = at
            return .null
        case 0xFF:
            end = at
            return .minKey
        case 0x7F:
            end = at
            return .maxKey
        case 0x06:
            end = at
            return .undefined
        default:
            return variableValue(p, type, at, owner: owner, end: &end)
        }
    }

    /// ``value(_:_:_:owner:end:)`` for the types whose values hold strings, bytes or documents.
    @usableFromInline
    static func variableValue(_ p: UnsafeRawBufferPointer, _ type: UInt8, _ at: Int, owner: ArraySlice<UInt8>, end: inout Int) -> BSON {
        switch type {
        case 0x02:
            let len = Int(int32(p, at))
            end = at + 4 + len
            return .string(string(p, at + 4, at + 3 + len))
        case 0x03:
            let len = Int(int32(p, at))
            end = at + len
            let base = owner.startIndex + at
            return .document(BSONDocument(trusted: owner[base..<(base + len)]))
        case 0x04:
            end = at + Int(int32(p, at))
            return .array(array(p, at, owner: owner))
        case 0x05:
            let len = Int(int32(p, at))
            end = at + 5 + len
            let subtype = p[at + 4]
            // The old subtype 02 starts its payload with the payload's length; the validator
            // checked that it is there and is len - 4.
            let skip = subtype == 0x02 ? 4 : 0
            return .binary(BSONBinary(subtype: .init(rawValue: subtype), data: bytes(p, at + 5 + skip, len - skip)))
        case 0x07:
            end = at + 12
            return .objectID(objectID(p, at))
        case 0x0B:
            let patternEnd = cstringEnd(p, at)
            let optionsEnd = cstringEnd(p, patternEnd + 1)
            end = optionsEnd + 1
            return .regex(BSONRegularExpression(unchecked: string(p, at, patternEnd),
                                                options: string(p, patternEnd + 1, optionsEnd)))
        case 0x0C:
            let len = Int(int32(p, at))
            end = at + 4 + len + 12
            return .dbPointer(BSONDBPointer(ref: string(p, at + 4, at + 3 + len), id: objectID(p, at + 4 + len)))
        case 0x0D:
            let len = Int(int32(p, at))
            end = at + 4 + len
            return .code(BSONCode(code: string(p, at + 4, at + 3 + len)))
        case 0x0E:
            let len = Int(int32(p, at))
            end = at + 4 + len
            return .symbol(BSONSymbol(string(p, at + 4, at + 3 + len)))
        case 0x0F:
            end = at + Int(int32(p, at))
            let codeLen = Int(int32(p, at + 4))
            let code = string(p, at + 8, at + 7 + codeLen)
            let scopeAt = at + 8 + codeLen
            let scopeLen = Int(int32(p, scopeAt))
            let base = owner.startIndex + scopeAt
            return .codeWithScope(BSONCodeWithScope(code: code, scope: BSONDocument(trusted: owner[base..<(base + scopeLen)])))
        case 0x13:
            end = at + 16
            return .decimal128(BSONDecimal128(low: uint64(p, at), high: uint64(p, at + 8)))
        default:
            // Only value(_:_:_:owner:end:) calls this, after the fixed-size types; the
            // validator admits no other type byte.
            end = at
            return .maxKey
        }
    }

    @inline(__always)
    static func objectID(_ p: UnsafeRawBufferPointer, _ at: Int) -> BSONObjectID {
        BSONObjectID(bytes: p.loadUnaligned(fromByteOffset: at, as: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                                                                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8).self))
    }

    /// A copy of the `count` bytes at `at`.
    @inline(__always)
    static func bytes(_ p: UnsafeRawBufferPointer, _ at: Int, _ count: Int) -> [UInt8] {
        // The document's bytes are an [UInt8]'s, so bound to UInt8. Array(_: UnsafeBufferPointer)
        // is specialised here; Array(unsafeUninitializedCapacity:) allocated through the
        // unspecialised standard library, looking up the storage class's metadata each time.
        Array(UnsafeBufferPointer(rebasing: p.assumingMemoryBound(to: UInt8.self)[at..<(at + count)]))
    }

    /// Reads the array document at `at` into values, ignoring its keys.
    static func array(_ p: UnsafeRawBufferPointer, _ at: Int, owner: ArraySlice<UInt8>) -> [BSON] {
        let end = at + Int(int32(p, at)) - 1
        // Count first, so the array is allocated once at its final size.
        var count = 0
        var pos = at + 4
        while pos < end {
            let type = p[pos]
            let valueAt = cstringEnd(p, pos + 1) + 1
            pos = valueAt + valueSize(p, type, valueAt)
            count += 1
        }
        var values: [BSON] = []
        values.reserveCapacity(count)
        pos = at + 4
        while pos < end {
            let type = p[pos]
            let valueAt = cstringEnd(p, pos + 1) + 1
            values.append(value(p, type, valueAt, owner: owner, end: &pos))
        }
        return values
    }
}

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
