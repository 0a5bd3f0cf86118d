import Foundation

/// Reads BSON values out of bytes that ``BSONValidator`` has already accepted: the one reader
/// from bytes to ``BSON``, switching on ``BSONType`` (the fixed-size types inline in the
/// callers' loops, the others in ``variableValue(_:_:_:owner:end:)``, out of line).
///
/// Nothing here re-checks lengths: these functions are only ever called on validated
/// documents (a ``BSONDocument`` holds nothing else), where every length is known to be in range.
@usableFromInline
enum BSONElementReader {
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
        if let text = SmallASCIIString.make(p, from, to, isAvailable: small) { return text }
        return String(decoding: UnsafeRawBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
    }

    /// Materialises the value of `type` at `at`. `owner` is the validated document whose bytes
    /// `p` points into; embedded documents become slices of it, without copying.
    static func value(_ p: UnsafeRawBufferPointer, _ type: BSONType, _ at: Int, owner: ArraySlice<UInt8>) -> BSON {
        var end = at
        return value(p, type, at, owner: owner, end: &end)
    }

    /// Materialises the value of `type` at `at` and sets `end` to the offset just past it.
    ///
    /// The switch and the fixed-size types run inline in the callers' loops; the values that
    /// hold strings, bytes or documents are read by functions of their own.
    @inlinable @inline(__always)
    static func value(_ p: UnsafeRawBufferPointer, _ type: BSONType, _ at: Int, owner: ArraySlice<UInt8>, end: inout Int) -> BSON {
        switch type {
        case .int32:
            end = at + BSONType.int32.layout.fixedSize
            return .int32(p.int32(at: at))
        case .int64:
            end = at + BSONType.int64.layout.fixedSize
            return .int64(p.int64(at: at))
        case .double:
            end = at + BSONType.double.layout.fixedSize
            return .double(p.double(at: at))
        case .bool:
            end = at + BSONType.bool.layout.fixedSize
            return .bool(p[at] != 0)
        case .datetime:
            end = at + BSONType.datetime.layout.fixedSize
            return .datetime(BSONDatetime(millisecondsSinceEpoch: p.int64(at: at)))
        case .timestamp:
            end = at + BSONType.timestamp.layout.fixedSize
            return .timestamp(BSONTimestamp(timestamp: p.uint32(at: at + 4), increment: p.uint32(at: at)))
        case .null:
            end = at
            return .null
        case .minKey:
            end = at
            return .minKey
        case .maxKey:
            end = at
            return .maxKey
        case .undefined:
            end = at
            return .undefined
        case .string, .code, .symbol, .document, .array, .binary, .objectID, .regex, .dbPointer, .codeWithScope, .decimal128:
            return variableValue(p, type, at, owner: owner, end: &end)
        }
    }

    /// ``value(_:_:_:owner:end:)`` for the types whose values hold strings, bytes or documents,
    /// read out of line (the fixed-size types above stay inline in the callers' loops).
    @usableFromInline
    static func variableValue(_ p: UnsafeRawBufferPointer, _ type: BSONType, _ at: Int, owner: ArraySlice<UInt8>, end: inout Int) -> BSON {
        switch type {
        case .string:
            return .string(lengthPrefixedString(p, at, end: &end))
        case .code:
            return .code(BSONCode(code: lengthPrefixedString(p, at, end: &end)))
        case .symbol:
            return .symbol(BSONSymbol(lengthPrefixedString(p, at, end: &end)))
        case .document:
            return .document(document(p, at, owner: owner, end: &end))
        case .array:
            return .array(array(p, at, owner: owner, end: &end))
        case .binary:
            let len = p.length(at: at)
            end = at + BSONType.binary.layout.size(length: len)
            let subtype = p[at + 4]
            // The old subtype 02 starts its payload with the payload's length; the validator
            // checked that it is there and is len - 4.
            let skip = subtype == BSONBinary.Subtype.binaryOld.rawValue ? 4 : 0
            return .binary(BSONBinary(subtype: .init(rawValue: subtype), data: bytes(p, at + 5 + skip, len - skip)))
        case .objectID:
            end = at + BSONValueLayout.objectIDSize
            return .objectID(objectID(p, at))
        case .regex:
            let patternEnd = ByteScan.cstringEnd(p, at)
            let optionsEnd = ByteScan.cstringEnd(p, patternEnd + 1)
            end = optionsEnd + 1
            return .regex(BSONRegularExpression(unchecked: string(p, at, patternEnd),
                                                options: string(p, patternEnd + 1, optionsEnd)))
        case .dbPointer:
            var idAt = at
            let ref = lengthPrefixedString(p, at, end: &idAt)
            end = idAt + BSONValueLayout.objectIDSize
            return .dbPointer(BSONDBPointer(ref: ref, id: objectID(p, idAt)))
        case .codeWithScope:
            end = at + p.length(at: at)
            var scopeAt = at + 4
            let code = lengthPrefixedString(p, scopeAt, end: &scopeAt)
            var scopeEnd = scopeAt
            return .codeWithScope(BSONCodeWithScope(code: code, scope: document(p, scopeAt, owner: owner, end: &scopeEnd)))
        case .decimal128:
            end = at + BSONType.decimal128.layout.fixedSize
            return .decimal128(BSONDecimal128(low: p.uint64(at: at), high: p.uint64(at: at + 8)))
        case .int32, .int64, .double, .bool, .datetime, .timestamp, .null, .minKey, .maxKey, .undefined:
            // value(_:_:_:owner:end:) reads these inline and never calls this for them.
            return value(p, type, at, owner: owner, end: &end)
        }
    }

    /// The string at `at`: an Int32 length, the text, a NUL.
    @inline(__always)
    static func lengthPrefixedString(_ p: UnsafeRawBufferPointer, _ at: Int, end: inout Int) -> String {
        let len = p.length(at: at)
        end = at + BSONType.string.layout.size(length: len)
        return string(p, at + 4, at + 3 + len)
    }

    /// The embedded document at `at`: a slice of `owner`, whose bytes `p` are, not a copy.
    @inline(__always)
    static func document(_ p: UnsafeRawBufferPointer, _ at: Int, owner: ArraySlice<UInt8>, end: inout Int) -> BSONDocument {
        let len = p.length(at: at)
        end = at + len
        let base = owner.startIndex + at
        return BSONDocument(trusted: owner[base..<(base + len)])
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
    static func array(_ p: UnsafeRawBufferPointer, _ at: Int, owner: ArraySlice<UInt8>, end: inout Int) -> [BSON] {
        end = at + p.length(at: at)
        let last = end - 1
        // Count first, so the array is allocated once at its final size.
        var count = 0
        var pos = at + 4
        while pos < last {
            let type = BSONType(validated: p[pos])
            let valueAt = ByteScan.cstringEnd(p, pos + 1) + 1
            pos = valueAt + BSONValueLayout.size(p, type, at: valueAt)
            count += 1
        }
        var values: [BSON] = []
        values.reserveCapacity(count)
        pos = at + 4
        while pos < last {
            let type = BSONType(validated: p[pos])
            let valueAt = ByteScan.cstringEnd(p, pos + 1) + 1
            values.append(value(p, type, valueAt, owner: owner, end: &pos))
        }
        return values
    }
}
