/// Appends BSON elements to one growing byte buffer.
///
/// Nested documents and arrays are written in place: a length placeholder first, the
/// elements, then the length is patched, so nothing is encoded twice.
struct BSONByteWriter {
    var bytes: [UInt8]

    init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Moves `writer`'s buffer out, leaving an empty one (no copy, no allocation), so that a
    /// nested builder can write to the same unique buffer.
    @inline(__always)
    static func take(_ writer: inout BSONByteWriter) -> BSONByteWriter {
        var taken = BSONByteWriter(empty: ())
        swap(&taken, &writer)
        return taken
    }

    private init(empty: Void) {
        bytes = []
    }

    /// Starts a document: writes its length placeholder and returns where it starts.
    @inline(__always)
    mutating func beginDocument() -> Int {
        let start = bytes.count
        // Four separate appends: an array literal here would allocate for every document.
        bytes.append(0); bytes.append(0); bytes.append(0); bytes.append(0)
        return start
    }

    /// Ends the document begun at `start`: writes its NUL and patches its length.
    @inline(__always)
    mutating func endDocument(_ start: Int) throws {
        bytes.append(0)
        try patchLength(at: start, length: bytes.count - start)
    }

    @inline(__always)
    mutating func patchLength(at start: Int, length: Int) throws {
        guard let len = Int32(exactly: length) else {
            throw BSONError(.sizeLimitExceeded, "a BSON document cannot exceed 2 GiB (\(length) bytes)")
        }
        withUnsafeBytes(of: len.littleEndian) { raw in
            for i in 0..<4 { bytes[start + i] = raw[i] }
        }
    }

    @inline(__always)
    mutating func appendInt32(_ v: Int32) {
        // Single-byte appends inline to a capacity check and a store; append(contentsOf:)
        // of a 4-byte buffer goes through the generic path and costs several times more.
        let u = UInt32(bitPattern: v)
        bytes.append(UInt8(truncatingIfNeeded: u))
        bytes.append(UInt8(truncatingIfNeeded: u >> 8))
        bytes.append(UInt8(truncatingIfNeeded: u >> 16))
        bytes.append(UInt8(truncatingIfNeeded: u >> 24))
    }

    @inline(__always)
    mutating func appendInt64(_ v: Int64) {
        appendUInt64(UInt64(bitPattern: v))
    }

    @inline(__always)
    mutating func appendUInt64(_ v: UInt64) {
        appendInt32(Int32(bitPattern: UInt32(truncatingIfNeeded: v)))
        appendInt32(Int32(bitPattern: UInt32(truncatingIfNeeded: v >> 32)))
    }

    /// Appends a key as a C string.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when the key contains NUL.
    @inline(__always)
    mutating func appendKey(_ key: String) throws {
        var utf8Key = key
        let hasNUL = utf8Key.withUTF8 { utf8 in
            if utf8.contains(0) { return true }
            bytes.append(contentsOf: utf8)
            return false
        }
        if hasNUL {
            throw BSONError(.embeddedNUL, "a document key cannot contain a NUL character: \(key.debugDescription)")
        }
        bytes.append(0)
    }

    /// Appends an array index key ("0", "1", ...).
    @inline(__always)
    mutating func appendIndexKey(_ index: Int) {
        if index < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: index))
        } else {
            appendDecimal(index)
        }
        bytes.append(0)
    }

    /// Appends the decimal digits of a non-negative integer, most significant first, in place.
    mutating func appendDecimal(_ value: Int) {
        var digits = 1
        var scale = 10
        while digits < 19 && value >= scale { digits += 1; scale &*= 10 }
        let at = bytes.count
        for _ in 0..<digits { bytes.append(0) }
        var n = value
        var i = at + digits - 1
        while i >= at {
            bytes[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: n % 10)
            n /= 10
            i -= 1
        }
    }

    /// Appends a length-prefixed, NUL-terminated string.
    @inline(__always)
    mutating func appendString(_ s: String) throws {
        var s = s
        let count = s.utf8.count
        guard let len = Int32(exactly: count + 1) else {
            throw BSONError(.sizeLimitExceeded, "a BSON string cannot exceed 2 GiB")
        }
        appendInt32(len)
        s.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.append(0)
    }

    /// Appends a C string that is known to contain no NUL.
    @inline(__always)
    mutating func appendCString(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.append(0)
    }

    /// Appends one element: type byte, key and value.
    mutating func appendElement(key: String, value: BSON) throws {
        bytes.append(value.type.rawValue)
        try appendKey(key)
        try appendValue(value)
    }

    /// Appends an element whose key is an array index.
    mutating func appendElement(index: Int, value: BSON) throws {
        bytes.append(value.type.rawValue)
        appendIndexKey(index)
        try appendValue(value)
    }

    /// Appends a value's bytes (no type byte, no key).
    mutating func appendValue(_ value: BSON) throws {
        switch value {
        case .double(let v):
            appendUInt64(v.bitPattern)
        case .string(let v):
            try appendString(v)
        case .document(let doc):
            bytes.append(contentsOf: doc.storage)
        case .array(let values):
            let start = beginDocument()
            for (i, v) in values.enumerated() { try appendElement(index: i, value: v) }
            try endDocument(start)
        case .binary(let bin):
            if bin.subtype == .binaryOld {
                guard let inner = Int32(exactly: bin.data.count), let outer = Int32(exactly: bin.data.count + 4) else {
                    throw BSONError(.sizeLimitExceeded, "binary data cannot exceed 2 GiB")
                }
                appendInt32(outer)
                bytes.append(bin.subtype.rawValue)
                appendInt32(inner)
            } else {
                guard let len = Int32(exactly: bin.data.count) else {
                    throw BSONError(.sizeLimitExceeded, "binary data cannot exceed 2 GiB")
                }
                appendInt32(len)
                bytes.append(bin.subtype.rawValue)
            }
            bytes.append(contentsOf: bin.data)
        case .undefined, .null, .minKey, .maxKey:
            break
        case .objectID(let oid):
            withUnsafeBytes(of: oid.bytes) { bytes.append(contentsOf: $0) }
        case .bool(let v):
            bytes.append(v ? 1 : 0)
        case .datetime(let v):
            appendInt64(v.millisecondsSinceEpoch)
        case .regex(let r):
            appendCString(r.pattern)
            appendCString(r.options)
        case .dbPointer(let ptr):
            try appendString(ptr.ref)
            withUnsafeBytes(of: ptr.id.bytes) { bytes.append(contentsOf: $0) }
        case .code(let c):
            try appendString(c.code)
        case .symbol(let s):
            try appendString(s.stringValue)
        case .codeWithScope(let cws):
            let start = beginDocument()
            try appendString(cws.code)
            bytes.append(contentsOf: cws.scope.storage)
            try patchLength(at: start, length: bytes.count - start)
        case .int32(let v):
            appendInt32(v)
        case .timestamp(let ts):
            appendInt32(Int32(bitPattern: ts.increment))
            appendInt32(Int32(bitPattern: ts.timestamp))
        case .int64(let v):
            appendInt64(v)
        case .decimal128(let d):
            appendUInt64(d.low)
            appendUInt64(d.high)
        }
    }
}
