/// Writes Extended JSON v2 straight from a document's bytes into one output buffer.
///
/// This is our own writer, not libbson's `bson_as_*_extended_json`: it reads the validated
/// bytes once, allocates no intermediate values, and its output is tested against libbson's
/// on the whole BSON Corpus. The output is compact (no spaces), as MongoDB's bsondump prints.
struct ExtendedJSONWriter {
    let mode: ExtendedJSONMode
    private(set) var out: [UInt8]

    init(mode: ExtendedJSONMode, capacity: Int = 256) {
        self.mode = mode
        out = []
        out.reserveCapacity(capacity)
    }

    /// The text written so far.
    var result: String { String(decoding: out, as: UTF8.self) }

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
            writeValue(p, type: p[4], at: 7)
        }
    }

    // MARK: Structure

    private mutating func writeDocument(_ p: UnsafeRawBufferPointer, at start: Int, isArray: Bool) {
        let end = start + Int(BSONBytes.int32(p, start)) - 1
        out.append(isArray ? UInt8(ascii: "[") : UInt8(ascii: "{"))
        var pos = start + 4
        var first = true
        while pos < end {
            let type = p[pos]
            let keyEnd = BSONBytes.cstringEnd(p, pos + 1)
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            if !isArray {
                writeString(p, from: pos + 1, to: keyEnd)
                out.append(UInt8(ascii: ":"))
            }
            let valueAt = keyEnd + 1
            writeValue(p, type: type, at: valueAt)
            pos = valueAt + BSONBytes.valueSize(p, type, valueAt)
        }
        out.append(isArray ? UInt8(ascii: "]") : UInt8(ascii: "}"))
    }

    private mutating func writeValue(_ p: UnsafeRawBufferPointer, type: UInt8, at: Int) {
        let canonical = mode == .canonical
        switch type {
        case 0x01:
            let v = Double(bitPattern: BSONBytes.uint64(p, at))
            if !canonical && v.isFinite {
                writeDouble(v)
            } else {
                append("{\"$numberDouble\":\"")
                if v.isNaN { append("NaN") }
                else if v == .infinity { append("Infinity") }
                else if v == -.infinity { append("-Infinity") }
                else { writeDouble(v) }
                append("\"}")
            }
        case 0x02:
            writeString(p, from: at + 4, to: at + 3 + Int(BSONBytes.int32(p, at)))
        case 0x03:
            writeDocument(p, at: at, isArray: false)
        case 0x04:
            writeDocument(p, at: at, isArray: true)
        case 0x05:
            var len = Int(BSONBytes.int32(p, at))
            let subtype = p[at + 4]
            var from = at + 5
            if subtype == 0x02 { from += 4; len -= 4 }
            append("{\"$binary\":{\"base64\":\"")
            writeBase64(p, from: from, count: len)
            append("\",\"subType\":\"")
            out.append(HexDigits.lower[Int(subtype >> 4)])
            out.append(HexDigits.lower[Int(subtype & 0x0F)])
            append("\"}}")
        case 0x06:
            append("{\"$undefined\":true}")
        case 0x07:
            append("{\"$oid\":\"")
            writeHex(p, from: at, count: 12)
            append("\"}")
        case 0x08:
            append(p[at] != 0 ? "true" : "false")
        case 0x09:
            let ms = BSONBytes.int64(p, at)
            if !canonical, ISO8601.Years.relaxedExtendedJSON.milliseconds.contains(ms) {
                append("{\"$date\":\"")
                _ = ISO8601.append(milliseconds: ms, years: .relaxedExtendedJSON, to: &out)
                append("\"}")
            } else {
                append("{\"$date\":{\"$numberLong\":\"")
                writeInteger(ms)
                append("\"}}")
            }
        case 0x0A:
            append("null")
        case 0x0B:
            let patternEnd = BSONBytes.cstringEnd(p, at)
            let optionsEnd = BSONBytes.cstringEnd(p, patternEnd + 1)
            append("{\"$regularExpression\":{\"pattern\":")
            writeString(p, from: at, to: patternEnd)
            append(",\"options\":")
            writeSortedOptions(p, from: patternEnd + 1, to: optionsEnd)
            append("}}")
        case 0x0C:
            let len = Int(BSONBytes.int32(p, at))
            append("{\"$dbPointer\":{\"$ref\":")
            writeString(p, from: at + 4, to: at + 3 + len)
            append(",\"$id\":{\"$oid\":\"")
            writeHex(p, from: at + 4 + len, count: 12)
            append("\"}}}")
        case 0x0D:
            append("{\"$code\":")
            writeString(p, from: at + 4, to: at + 3 + Int(BSONBytes.int32(p, at)))
            append("}")
        case 0x0E:
            append("{\"$symbol\":")
            writeString(p, from: at + 4, to: at + 3 + Int(BSONBytes.int32(p, at)))
            append("}")
        case 0x0F:
            let codeLen = Int(BSONBytes.int32(p, at + 4))
            append("{\"$code\":")
            writeString(p, from: at + 8, to: at + 7 + codeLen)
            append(",\"$scope\":")
            writeDocument(p, at: at + 8 + codeLen, isArray: false)
            append("}")
        case 0x10:
            let v = BSONBytes.int32(p, at)
            if canonical {
                append("{\"$numberInt\":\"")
                writeInteger(Int64(v))
                append("\"}")
            } else {
                writeInteger(Int64(v))
            }
        case 0x11:
            append("{\"$timestamp\":{\"t\":")
            writeInteger(Int64(BSONBytes.uint32(p, at + 4)))
            append(",\"i\":")
            writeInteger(Int64(BSONBytes.uint32(p, at)))
            append("}}")
        case 0x12:
            let v = BSONBytes.int64(p, at)
            if canonical {
                append("{\"$numberLong\":\"")
                writeInteger(v)
                append("\"}")
            } else {
                writeInteger(v)
            }
        case 0x13:
            append("{\"$numberDecimal\":\"")
            append(LibBSONC.decimal128String(low: BSONBytes.uint64(p, at), high: BSONBytes.uint64(p, at + 8)))
            append("\"}")
        case 0xFF:
            append("{\"$minKey\":1}")
        default:
            append("{\"$maxKey\":1}")
        }
    }

    // MARK: Scalars

    @inline(__always)
    private mutating func append(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always)
    private mutating func append(_ s: String) {
        out.append(contentsOf: s.utf8)
    }

    /// Shortest round-trip form with an uppercase exponent and always a `.` or exponent, so
    /// the text reads back as a double: `1.0`, `-0.0`, `1.2345678921232E+18`, `5E-324`.
    private mutating func writeDouble(_ v: Double) {
        for c in v.description.utf8 {
            out.append(c == UInt8(ascii: "e") ? UInt8(ascii: "E") : c)
        }
    }

    private mutating func writeInteger(_ v: Int64) {
        if v == 0 { out.append(UInt8(ascii: "0")); return }
        var magnitude = v.magnitude
        if v < 0 { out.append(UInt8(ascii: "-")) }
        let start = out.count
        while magnitude > 0 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        out[start...].reverse()
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
