import Foundation

/// Reading primitives over bytes that ``BSONValidator`` has already accepted.
///
/// Nothing here re-checks lengths: these functions are only ever called on validated
/// documents (a ``BSONDocument`` holds nothing else), where every length is known to be in range.
enum BSONBytes {
    @inline(__always)
    static func int32(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int32 {
        Int32(littleEndian: p.loadUnaligned(fromByteOffset: at, as: Int32.self))
    }

    @inline(__always)
    static func int64(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int64 {
        Int64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: Int64.self))
    }

    @inline(__always)
    static func uint32(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    @inline(__always)
    static func uint64(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    @inline(__always)
    static func string(_ p: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
    }

    /// The offset of the NUL that ends the C string starting at `at` (validated bytes always hold one).
    @inline(__always)
    static func cstringEnd(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int {
        // Keys are usually short: a plain loop beats a call to memchr for the first bytes.
        var i = at
        let stop = min(at + 16, p.count)
        while i < stop {
            if p[i] == 0 { return i }
            i += 1
        }
        guard let base = p.baseAddress, i < p.count, let nul = memchr(base + i, 0, p.count - i) else {
            return p.count - 1
        }
        return UnsafeRawPointer(nul) - base
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
        switch type {
        case 0x01:
            return .double(Double(bitPattern: uint64(p, at)))
        case 0x02:
            return .string(string(p, at + 4, at + 3 + Int(int32(p, at))))
        case 0x03:
            let len = Int(int32(p, at))
            let base = owner.startIndex + at
            return .document(BSONDocument(trusted: owner[base..<(base + len)]))
        case 0x04:
            return .array(array(p, at, owner: owner))
        case 0x05:
            let len = Int(int32(p, at))
            let subtype = p[at + 4]
            var data = Array(UnsafeRawBufferPointer(rebasing: p[(at + 5)..<(at + 5 + len)]))
            if subtype == 0x02 { data.removeFirst(4) }   // the old subtype's inner length
            return .binary(BSONBinary(subtype: .init(rawValue: subtype), data: data))
        case 0x06:
            return .undefined
        case 0x07:
            return .objectID(objectID(p, at))
        case 0x08:
            return .bool(p[at] != 0)
        case 0x09:
            return .datetime(BSONDatetime(millisecondsSinceEpoch: int64(p, at)))
        case 0x0A:
            return .null
        case 0x0B:
            let patternEnd = cstringEnd(p, at)
            let optionsEnd = cstringEnd(p, patternEnd + 1)
            return .regex(BSONRegularExpression(unchecked: string(p, at, patternEnd),
                                                options: string(p, patternEnd + 1, optionsEnd)))
        case 0x0C:
            let len = Int(int32(p, at))
            return .dbPointer(BSONDBPointer(ref: string(p, at + 4, at + 3 + len), id: objectID(p, at + 4 + len)))
        case 0x0D:
            return .code(BSONCode(code: string(p, at + 4, at + 3 + Int(int32(p, at)))))
        case 0x0E:
            return .symbol(BSONSymbol(string(p, at + 4, at + 3 + Int(int32(p, at)))))
        case 0x0F:
            let codeLen = Int(int32(p, at + 4))
            let code = string(p, at + 8, at + 7 + codeLen)
            let scopeAt = at + 8 + codeLen
            let scopeLen = Int(int32(p, scopeAt))
            let base = owner.startIndex + scopeAt
            return .codeWithScope(BSONCodeWithScope(code: code, scope: BSONDocument(trusted: owner[base..<(base + scopeLen)])))
        case 0x10:
            return .int32(int32(p, at))
        case 0x11:
            return .timestamp(BSONTimestamp(timestamp: uint32(p, at + 4), increment: uint32(p, at)))
        case 0x12:
            return .int64(int64(p, at))
        case 0x13:
            return .decimal128(BSONDecimal128(low: uint64(p, at), high: uint64(p, at + 8)))
        case 0xFF:
            return .minKey
        default:
            return .maxKey   // 0x7F: the validator admits no other type byte
        }
    }

    @inline(__always)
    static func objectID(_ p: UnsafeRawBufferPointer, _ at: Int) -> BSONObjectID {
        var t: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &t) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: p[at..<(at + 12)])) }
        return BSONObjectID(bytes: t)
    }

    /// Reads the array document at `at` into values, ignoring its keys.
    static func array(_ p: UnsafeRawBufferPointer, _ at: Int, owner: ArraySlice<UInt8>) -> [BSON] {
        let end = at + Int(int32(p, at)) - 1
        var values: [BSON] = []
        var pos = at + 4
        while pos < end {
            let type = p[pos]
            let valueAt = cstringEnd(p, pos + 1) + 1
            values.append(value(p, type, valueAt, owner: owner))
            pos = valueAt + valueSize(p, type, valueAt)
        }
        return values
    }
}
