import LibBSON

/// Walks a validated document: reads every value through every public reading API and
/// checks that they agree.
public enum Walk {
    /// What a walk saw, for deciding which round trips may be lossy.
    public struct Findings: Sendable {
        /// A nested document (embedded, array element or code-with-scope scope) whose first key
        /// is one of the Extended JSON parser's wrapper keys: its JSON text reads back as that
        /// type, not as a document (Extended JSON cannot tell them apart).
        public var wrapperFirstKey = false
        /// A double NaN or a Decimal128 (canonical JSON keeps their value, not their bits).
        public var nanOrDecimal = false
        public var values = 0
    }

    /// The keys that make a nested JSON object a type wrapper when they come first
    /// (the parser's `WrapperKey`), plus the legacy ones it also reads.
    public static let wrapperKeys: Set<String> = [
        "$oid", "$symbol", "$numberInt", "$numberLong", "$numberDouble", "$numberDecimal", "$binary",
        "$type", "$uuid", "$date", "$timestamp", "$regularExpression", "$regex", "$options",
        "$dbPointer", "$code", "$scope", "$undefined", "$minKey", "$maxKey",
    ]

    /// Reads everything in `doc` (and below it) and checks the reading APIs agree.
    ///
    /// With `lenientUTF8` (a document validated with `validateUTF8: false`), keys holding
    /// invalid UTF-8 read as U+FFFD replacements, which name no key: they are not looked up.
    public static func document(_ doc: BSONDocument, lenientUTF8: Bool = false) -> Findings {
        var findings = Findings()
        document(doc, nested: false, depth: 0, lenientUTF8: lenientUTF8, &findings)
        return findings
    }

    private static func document(_ doc: BSONDocument, nested: Bool, depth: Int, lenientUTF8: Bool = false, _ f: inout Findings) {
        invariant(depth <= BSONValidationOptions.maxSupportedDepth, "walked deeper than any validator allows")
        let elements = Array(doc)
        let keys = doc.keys
        invariant(keys == elements.map(\.key), "keys \(keys) disagree with iteration \(elements.map(\.key))")
        invariant(doc.count == elements.count, "count \(doc.count) but \(elements.count) elements")
        invariant(doc.isEmpty == elements.isEmpty, "isEmpty disagrees with the elements")
        if nested, let first = elements.first, wrapperKeys.contains(first.key) {
            f.wrapperFirstKey = true
        }
        var seen = Set<String>()
        for (key, value) in elements {
            // The subscript finds the first element with the key.
            if seen.insert(key).inserted && !(lenientUTF8 && key.unicodeScalars.contains("\u{FFFD}")) {
                guard let found = doc[key] else { invariantFailed("doc[\(key)] is nil but the key is present") }
                invariant(Compare.values(found, value, .none), "doc[\(key)] = \(found) but iteration read \(value)")
                invariant(doc.hasKey(key), "hasKey(\(key)) is false")
            }
            Walk.value(value, depth: depth, lenientUTF8: lenientUTF8, &f)
        }
    }

    private static func value(_ value: BSON, depth: Int, lenientUTF8: Bool, _ f: inout Findings) {
        f.values += 1
        switch value {
        case .document(let d):
            // An embedded document is a slice of its parent that validates on its own.
            if !lenientUTF8 { revalidate(d) }
            document(d, nested: true, depth: depth + 1, lenientUTF8: lenientUTF8, &f)
        case .array(let items):
            for item in items { Walk.value(item, depth: depth + 1, lenientUTF8: lenientUTF8, &f) }
        case .codeWithScope(let cws):
            if !lenientUTF8 { revalidate(cws.scope) }
            document(cws.scope, nested: true, depth: depth + 1, lenientUTF8: lenientUTF8, &f)
        case .double(let d):
            if d.isNaN { f.nanOrDecimal = true }
        case .decimal128(let d):
            f.nanOrDecimal = true
            // Every Decimal128 string reads back as itself; a non-canonical coefficient (above
            // 10^34 - 1) is written as the zero it stands for, not as libbson's 35 digits.
            let text = d.description
            invariant((try? BSONDecimal128(text))?.description == text, "Decimal128 \(text) does not read back as itself")
        case .regex(let r):
            // Options are distinct letters among i, l, m, s, u, x, sorted: anything else
            // cannot round-trip (a sort splits multi-byte UTF-8; JSON readers refuse or drop
            // other letters and repeats), so the validator refuses it.
            let options = Array(r.options.utf8)
            invariant(options.allSatisfy { Array("ilmsux".utf8).contains($0) } && Set(options).count == options.count,
                      "a validated regular expression has options \(options)")
            invariant(options == options.sorted(), "regular expression options \(r.options) are not sorted")
            invariant(!value.description.isEmpty, "empty description for a regex value")
        default:
            // A scalar's description is its relaxed Extended JSON, written through a
            // one-element document: it must not trap on anything the validator admits.
            invariant(!value.description.isEmpty, "empty description for a \(value.type) value")
        }
    }

    /// `d`'s bytes pass the validator again and read back as the same document.
    public static func revalidate(_ d: BSONDocument, file: StaticString = #fileID, line: UInt = #line) {
        do {
            let again = try BSONDocument(fromBSON: d.bytes, options: BSONValidationOptions(maxDepth: BSONValidationOptions.maxSupportedDepth))
            invariant(again == d, "re-validated bytes differ", file: file, line: line)
        } catch {
            invariantFailed("a document the library produced does not re-validate: \(error)\n\(preview(d.bytes))", file: file, line: line)
        }
    }
}

/// Reading raw (already validated) BSON bytes independently of the library.
public enum RawBSON {
    /// True when the bytes are the one encoding that values re-encode to: every array has the
    /// keys "0", "1", "2"… in order (values read from arrays carry no keys), and every regular
    /// expression's options are sorted (as `BSONRegularExpression` keeps them, and as the
    /// BSON specification asks).
    ///
    /// `deep: true` checks everything, scopes included: what a trip through Extended JSON
    /// rebuilds. `deep: false` stops at embedded documents and code-with-scope scopes, which
    /// `BSONDocument(elements:)` copies as they are: it checks the top level and the arrays
    /// reachable through arrays only.
    ///
    /// Only call this on bytes the validator accepted; indexing is bounds-checked regardless.
    public static func isCanonical(_ b: [UInt8], deep: Bool) -> Bool {
        walk(b, at: 0, isArray: false, deep: deep)
    }

    private static func int32(_ b: [UInt8], _ at: Int) -> Int {
        Int(Int32(bitPattern: UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24))
    }

    private static func cstringEnd(_ b: [UInt8], _ at: Int) -> Int {
        var i = at
        while b[i] != 0 { i += 1 }
        return i
    }

    private static func walk(_ b: [UInt8], at start: Int, isArray: Bool, deep: Bool) -> Bool {
        let end = start + int32(b, start) - 1
        var pos = start + 4
        var index = 0
        while pos < end {
            let type = b[pos]
            let keyEnd = cstringEnd(b, pos + 1)
            if isArray && !b[(pos + 1)..<keyEnd].elementsEqual(String(index).utf8) { return false }
            index += 1
            let v = keyEnd + 1
            switch type {
            case 0x01, 0x09, 0x11, 0x12: pos = v + 8
            case 0x02, 0x0D, 0x0E: pos = v + 4 + int32(b, v)
            case 0x03:
                if deep {
                    guard walk(b, at: v, isArray: false, deep: true) else { return false }
                }
                pos = v + int32(b, v)
            case 0x04:
                guard walk(b, at: v, isArray: true, deep: deep) else { return false }
                pos = v + int32(b, v)
            case 0x05: pos = v + 5 + int32(b, v)
            case 0x06, 0x0A, 0x7F, 0xFF: pos = v
            case 0x07: pos = v + 12
            case 0x08: pos = v + 1
            case 0x0B:
                let optionsStart = cstringEnd(b, v) + 1
                let optionsEnd = cstringEnd(b, optionsStart)
                if optionsEnd - optionsStart > 1 {
                    for i in (optionsStart + 1)..<optionsEnd where b[i - 1] > b[i] { return false }
                }
                pos = optionsEnd + 1
            case 0x0C: pos = v + 4 + int32(b, v) + 12
            case 0x0F:
                if deep {
                    guard walk(b, at: v + 8 + int32(b, v + 4), isArray: false, deep: true) else { return false }
                }
                pos = v + int32(b, v)
            case 0x10: pos = v + 4
            case 0x13: pos = v + 16
            default: invariantFailed("the validator accepted type byte \(type)")
            }
        }
        return true
    }
}
