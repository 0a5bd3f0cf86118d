/// The one writer from ``BSON`` values to bytes: one case per BSON type, laid out as
/// ``BSONValueLayout`` says (the reader is ``BSONElementReader``).
extension BSONByteWriter {
    /// Appends one element: type byte, key and value.
    mutating func appendElement(key: String, value: BSON) throws {
        append(value.type.rawValue)
        try appendKey(key)
        try appendValue(value)
    }

    /// Appends an element whose key is an array index.
    mutating func appendElement(index: Int, value: BSON) throws {
        append(value.type.rawValue)
        appendIndexKey(index)
        try appendValue(value)
    }

    /// Appends a value's bytes (no type byte, no key).
    mutating func appendValue(_ value: BSON) throws {
        switch value {
        case .double(let v):
            appendDouble(v)
        case .string(let v):
            try appendString(v)
        case .document(let doc):
            append(contentsOf: doc.storage)
        case .array(let values):
            let start = beginDocument()
            for (i, v) in values.enumerated() { try appendElement(index: i, value: v) }
            try endDocument(start)
        case .binary(let bin):
            let field = beginLengthPrefixed()
            append(bin.subtype.rawValue)
            if bin.subtype == .binaryOld {
                // The old subtype repeats the payload's length inside the payload.
                let inner = beginLengthPrefixed()
                append(contentsOf: bin.data)
                try endLengthPrefixed(inner, countedFrom: inner + 4, .binary)
            } else {
                append(contentsOf: bin.data)
            }
            try endLengthPrefixed(field, countedFrom: field + 5, .binary)
        case .undefined, .null, .minKey, .maxKey:
            break
        case .objectID(let oid):
            Swift.withUnsafeBytes(of: oid.bytes) { append(contentsOf: $0) }
        case .bool(let v):
            append(v ? 1 : 0)
        case .datetime(let v):
            appendInt64(v.millisecondsSinceEpoch)
        case .regex(let r):
            appendCString(r.pattern)
            appendCString(r.options)
        case .dbPointer(let ptr):
            try appendString(ptr.ref)
            Swift.withUnsafeBytes(of: ptr.id.bytes) { append(contentsOf: $0) }
        case .code(let c):
            try appendString(c.code)
        case .symbol(let s):
            try appendString(s.stringValue)
        case .codeWithScope(let cws):
            let field = beginLengthPrefixed()
            try appendString(cws.code)
            append(contentsOf: cws.scope.storage)
            try endLengthPrefixed(field, countedFrom: field, .document)
        case .int32(let v):
            appendInt32(v)
        case .timestamp(let ts):
            appendInteger(ts.increment)
            appendInteger(ts.timestamp)
        case .int64(let v):
            appendInt64(v)
        case .decimal128(let d):
            appendUInt64(d.low)
            appendUInt64(d.high)
        }
    }
}
