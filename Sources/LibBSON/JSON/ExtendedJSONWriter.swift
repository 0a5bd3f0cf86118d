/// Writes Extended JSON v2 straight from a document's bytes into one output buffer.
///
/// This is our own writer, not libbson's `bson_as_*_extended_json`: it reads the validated
/// bytes once, allocates no intermediate values, and its output is tested against libbson's
/// on the whole BSON Corpus. The output is compact (no spaces), as MongoDB's bsondump prints.
///
/// The output is a ``BSONByteWriter``, raw memory: an `[UInt8]` checked uniqueness and
/// capacity on every byte, and its appends, too big to inline everywhere, were a call each.
struct ExtendedJSONWriter: ~Copyable {
    let mode: ExtendedJSONMode
    private var out: BSONByteWriter

    init(mode: ExtendedJSONMode, capacity: Int = 256) {
        self.mode = mode
        out = BSONByteWriter(capacity: capacity)
    }

    /// The text written so far.
    var result: String { out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// The text written so far as UTF-8 bytes, in an array with room for at least `capacity`.
    func bytes(capacity: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Swift.max(capacity, out.count))
        out.withUnsafeBytes { bytes.append(contentsOf: $0) }
        return bytes
    }

    mutating func writeDocument(_ doc: BSONDocument) {
        doc.storage.withUnsafeBytes { p in writeDocument(p, at: 0, isArray: false) }
    }

    /// Writes a materialised value (used by `BSON.description`).
    mutating func writeValue(_ value: BSON) {
        // Encode the value as a one-element document and write the element's value.
        var w = BSONByteWriter()
        let start = w.beginDocument()
        if (try? w.appendElement(index: 0, value: value)) == nil { append("null"); return }
        if (try? w.endDocument(start)) == nil { append("null"); return }
        w.withUnsafeBytes { p in
            writeValue(p, type: value.type, at: 7)
        }
    }

    // MARK: Structure

    private mutating func writeDocument(_ p: UnsafeRawBufferPointer, at start: Int, isArray: Bool) {
        let end = start + p.length(at: start) - 1
        out.append(isArray ? UInt8(ascii: "[") : UInt8(ascii: "{"))
        var pos = start + 4
        var first = true
        while pos < end {
            let type = BSONType(validated: p[pos])
            let keyEnd = ByteScan.cstringEnd(p, pos + 1)
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            if !isArray {
                writeString(p, from: pos + 1, to: keyEnd)
                out.append(UInt8(ascii: ":"))
            }
            let valueAt = keyEnd + 1
            writeValue(p, type: type, at: valueAt)
            pos = valueAt + BSONValueLayout.size(p, type, at: valueAt)
        }
        out.append(isArray ? UInt8(ascii: "]") : UInt8(ascii: "}"))
    }

    private mutating func writeValue(_ p: UnsafeRawBufferPointer, type: BSONType, at: Int) {
        let canonical = mode == .canonical
        switch type {
        case .double:
            let v = p.double(at: at)
            if !canonical && v.isFinite {
                Self.appendDouble(v, to: &out)
            } else {
                appendWrapperOpening(.numberDouble, quoted: true)
                Self.appendDouble(v, to: &out)
                append("\"}")
            }
        case .string:
            writeString(p, from: at + 4, to: at + 3 + p.length(at: at))
        case .document:
            writeDocument(p, at: at, isArray: false)
        case .array:
            writeDocument(p, at: at, isArray: true)
        case .binary:
            var len = p.length(at: at)
            let subtype = p[at + 4]
            var from = at + 5
            if subtype == BSONBinary.Subtype.binaryOld.rawValue { from += 4; len -= 4 }
            appendWrapperOpening(.binary)
            appendFieldsOpening(.base64, quoted: true)
            writeBase64(p, from: from, count: len)
            out.append(UInt8(ascii: "\""))   // the base64 string's end
            appendNextKey(ExtendedJSONKey.Field.subType, quoted: true)
            out.append(HexDigits.lower[Int(subtype >> 4)])
            out.append(HexDigits.lower[Int(subtype & 0x0F)])
            append("\"}}")
        case .undefined:
            appendWrapperOpening(.undefined)
            append("true}")
        case .objectID:
            appendWrapperOpening(.oid, quoted: true)
            writeHex(p, from: at, count: BSONValueLayout.objectIDSize)
            append("\"}")
        case .bool:
            append(p[at] != 0 ? "true" : "false")
        case .datetime:
            let ms = p.int64(at: at)
            if !canonical, ISO8601.Years.relaxedExtendedJSON.milliseconds.contains(ms) {
                appendWrapperOpening(.date, quoted: true)
                _ = ISO8601.append(milliseconds: ms, years: .relaxedExtendedJSON, to: &out)
                append("\"}")
            } else {
                appendWrapperOpening(.date)
                appendWrapperOpening(.numberLong, quoted: true)
                writeInteger(ms)
                append("\"}}")
            }
        case .null:
            append("null")
        case .regex:
            let patternEnd = ByteScan.cstringEnd(p, at)
            let optionsEnd = ByteScan.cstringEnd(p, patternEnd + 1)
            appendWrapperOpening(.regularExpression)
            appendFieldsOpening(.pattern)
            writeString(p, from: at, to: patternEnd)
            appendNextKey(ExtendedJSONKey.Field.options)
            writeSortedOptions(p, from: patternEnd + 1, to: optionsEnd)
            append("}}")
        case .dbPointer:
            let len = p.length(at: at)
            appendWrapperOpening(.dbPointer)
            appendFieldsOpening(.ref)
            writeString(p, from: at + 4, to: at + 3 + len)
            appendNextKey(ExtendedJSONKey.Field.id)
            appendWrapperOpening(.oid, quoted: true)
            writeHex(p, from: at + 4 + len, count: BSONValueLayout.objectIDSize)
            append("\"}}}")
        case .code:
            appendWrapperOpening(.code)
            writeString(p, from: at + 4, to: at + 3 + p.length(at: at))
            append("}")
        case .symbol:
            appendWrapperOpening(.symbol)
            writeString(p, from: at + 4, to: at + 3 + p.length(at: at))
            append("}")
        case .codeWithScope:
            let codeLen = p.length(at: at + 4)
            appendWrapperOpening(.code)
            writeString(p, from: at + 8, to: at + 7 + codeLen)
            appendNextKey(ExtendedJSONKey.scope)
            writeDocument(p, at: at + 8 + codeLen, isArray: false)
            append("}")
        case .int32:
            let v = p.int32(at: at)
            if canonical {
                appendWrapperOpening(.numberInt, quoted: true)
                writeInteger(Int64(v))
                append("\"}")
            } else {
                writeInteger(Int64(v))
            }
        case .timestamp:
            appendWrapperOpening(.timestamp)
            appendFieldsOpening(.t)
            writeInteger(Int64(p.uint32(at: at + 4)))
            appendNextKey(ExtendedJSONKey.Field.i)
            writeInteger(Int64(p.uint32(at: at)))
            append("}}")
        case .int64:
            let v = p.int64(at: at)
            if canonical {
                appendWrapperOpening(.numberLong, quoted: true)
                writeInteger(v)
                append("\"}")
            } else {
                writeInteger(v)
            }
        case .decimal128:
            appendWrapperOpening(.numberDecimal, quoted: true)
            append(LibBSONC.decimal128String(low: p.uint64(at: at), high: p.uint64(at: at + 8)))
            append("\"}")
        case .minKey:
            appendWrapperOpening(.minKey)
            append("1}")
        case .maxKey:
            appendWrapperOpening(.maxKey)
            append("1}")
        }
    }

    // MARK: Wrapper keys (spelled by ExtendedJSONKey, never here)

    /// Opens a type wrapper, `{"$oid":`, and with `quoted` the string value that follows,
    /// `{"$oid":"`; the caller writes the value and the closing `"}` or `}`.
    @inline(__always)
    private mutating func appendWrapperOpening(_ key: ExtendedJSONKey, quoted: Bool = false) {
        out.append(UInt8(ascii: "{"))
        appendKey(key, quoted: quoted)
    }

    /// Opens a wrapper's own object at its first field: `{"base64":` (`quoted`: `{"base64":"`).
    @inline(__always)
    private mutating func appendFieldsOpening(_ field: ExtendedJSONKey.Field, quoted: Bool = false) {
        out.append(UInt8(ascii: "{"))
        appendKey(field, quoted: quoted)
    }

    /// The next key after a value: `,"subType":` (`quoted`: `,"subType":"`), `,"$scope":`.
    @inline(__always)
    private mutating func appendNextKey(_ key: some ExtendedJSONSpelling, quoted: Bool = false) {
        out.append(UInt8(ascii: ","))
        appendKey(key, quoted: quoted)
    }

    /// `"key":`, and with `quoted` the opening quote of a string value.
    @inline(__always)
    private mutating func appendKey(_ key: some ExtendedJSONSpelling, quoted: Bool) {
        out.append(UInt8(ascii: "\""))
        append(key.text)
        append(quoted ? "\":\"" : "\":")
    }

    // MARK: Scalars

    @inline(__always)
    private mutating func append(_ s: StaticString) {
        out.append(contentsOf: s.utf8Bytes)
    }

    @inline(__always)
    private mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }


    private mutating func writeInteger(_ v: Int64) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        out.appendDecimal(v.magnitude)
    }

    private mutating func writeHex(_ p: UnsafeRawBufferPointer, from: Int, count: Int) {
        for i in from..<(from + count) {
            out.append(HexDigits.lower[Int(p[i] >> 4)])
            out.append(HexDigits.lower[Int(p[i] & 0x0F)])
        }
    }

    private static let base64Alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private mutating func writeBase64(_ p: UnsafeRawBufferPointer, from: Int, count: Int) {
        let table = Self.base64Alphabet
        var i = from
        let end = from + count
        while i + 3 <= end {
            let n = UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2])
            out.append(table[Int(n >> 18 & 63)])
            out.append(table[Int(n >> 12 & 63)])
            out.append(table[Int(n >> 6 & 63)])
            out.append(table[Int(n & 63)])
            i += 3
        }
        let rest = end - i
        if rest == 1 {
            let n = UInt32(p[i]) << 16
            out.append(table[Int(n >> 18 & 63)])
            out.append(table[Int(n >> 12 & 63)])
            out.append(UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        } else if rest == 2 {
            let n = UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8
            out.append(table[Int(n >> 18 & 63)])
            out.append(table[Int(n >> 12 & 63)])
            out.append(table[Int(n >> 6 & 63)])
            out.append(UInt8(ascii: "="))
        }
    }

    /// Regular expression options in canonical (sorted) order.
    private mutating func writeSortedOptions(_ p: UnsafeRawBufferPointer, from: Int, to: Int) {
        var sorted = true
        if to - from > 1 {
            for i in (from + 1)..<to where p[i - 1] > p[i] { sorted = false; break }
        }
        if sorted {
            writeString(p, from: from, to: to)
        } else {
            let bytes = Array(UnsafeRawBufferPointer(rebasing: p[from..<to])).sorted()
            bytes.withUnsafeBytes { writeString($0, from: 0, to: $0.count) }
        }
    }

    /// A JSON string literal of the UTF-8 bytes in `from..<to` (already validated).
    private mutating func writeString(_ p: UnsafeRawBufferPointer, from: Int, to: Int) {
        out.append(UInt8(ascii: "\""))
        var runStart = from
        var i = from
        while i < to {
            let c = p[i]
            if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            if runStart < i { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[runStart..<i])) }
            switch c {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            default:
                append("\\u00")
                out.append(HexDigits.lower[Int(c >> 4)])
                out.append(HexDigits.lower[Int(c & 0x0F)])
            }
            i += 1
            runStart = i
        }
        if runStart < to { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[runStart..<to])) }
        out.append(UInt8(ascii: "\""))
    }
}

// MARK: Doubles

extension ExtendedJSONWriter {
    /// Appends `v` as Extended JSON spells a double, the one rule for every writer of it (the
    /// `$numberDouble` string, relaxed output's plain numbers, ``ExtendedJSONCodable``):
    /// `NaN`, `Infinity`, `-Infinity`, or the shortest round-trip form with an uppercase
    /// exponent and always a `.` or an exponent, so the text reads back as a double: `1.0`,
    /// `-0.0`, `1.2345678921232E+18`, `5E-324`.
    @inline(__always)
    static func appendDouble<Sink: BSONByteSink & ~Copyable>(_ v: Double, to out: inout Sink) {
        if v.isNaN {
            out.append(contentsOf: UnsafeRawBufferPointer(("NaN" as StaticString).utf8Bytes))
        } else if v.isInfinite {
            out.append(contentsOf: UnsafeRawBufferPointer((v < 0 ? "-Infinity" : "Infinity" as StaticString).utf8Bytes))
        } else {
            for c in v.description.utf8 {
                out.append(c == UInt8(ascii: "e") ? UInt8(ascii: "E") : c)
            }
        }
    }

    /// The text ``appendDouble(_:to:)`` writes, as a `String`.
    static func doubleString(_ v: Double) -> String {
        var text: [UInt8] = []
        appendDouble(v, to: &text)
        return String(decoding: text, as: UTF8.self)
    }
}
