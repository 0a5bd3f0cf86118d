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
    public static func document(_ doc: BSONDocument, lenientUTF8: Bool = false) throws(InvariantViolation) -> Findings {
        var findings = Findings()
        try document(doc, nested: false, depth: 0, lenientUTF8: lenientUTF8, &findings)
        return findings
    }

    private static func document(_ doc: BSONDocument, nested: Bool, depth: Int, lenientUTF8: Bool = false, _ f: inout Findings) throws(InvariantViolation) {
        try invariant(depth <= BSONValidationOptions.maxSupportedDepth, "walked deeper than any validator allows")
        let elements = Array(doc)
        let keys = doc.keys
        try invariant(keys == elements.map(\.key), "keys \(keys) disagree with iteration \(elements.map(\.key))")
        try invariant(doc.count == elements.count, "count \(doc.count) but \(elements.count) elements")
        try invariant(doc.isEmpty == elements.isEmpty, "isEmpty disagrees with the elements")
        // Collection indices: byte offsets of the elements, reading what iteration reads.
        let indices = Array(doc.indices)
        try invariant(indices.map(\.byteOffset) == doc.elementLayouts.map(\.elementRange.lowerBound),
                      "indices disagree with the element layouts")
        for (index, element) in zip(indices, elements) {
            let byIndex = doc[index]
            try invariant(byIndex.key == element.key && Compare.values(byIndex.value, element.value, .none),
                          "doc[index \(index.byteOffset)] disagrees with iteration")
        }
        if nested, let first = elements.first, wrapperKeys.contains(first.key) {
            f.wrapperFirstKey = true
        }
        var seen = Set<String>()
        for (key, value) in elements {
            // The subscript finds the first element with the key.
            if seen.insert(key).inserted && !(lenientUTF8 && key.unicodeScalars.contains("\u{FFFD}")) {
                guard let found = doc[key] else { throw InvariantViolation("doc[\(key)] is nil but the key is present") }
                try invariant(Compare.values(found, value, .none), "doc[\(key)] = \(found) but iteration read \(value)")
                try invariant(doc.hasKey(key), "hasKey(\(key)) is false")
                // A one-component path names the same element.
                let byPath = doc[path: BSONPath([key])]
                try invariant(byPath.map { Compare.values($0, value, .none) } ?? false, "doc[path: [\(key)]] disagrees with doc[\(key)]")
            }
            try Walk.value(value, depth: depth, lenientUTF8: lenientUTF8, &f)
        }
    }

    private static func value(_ value: BSON, depth: Int, lenientUTF8: Bool, _ f: inout Findings) throws(InvariantViolation) {
        f.values += 1
        switch value {
        case .document(let d):
            // An embedded document is a slice of its parent that validates on its own.
            if !lenientUTF8 { try revalidate(d) }
            try document(d, nested: true, depth: depth + 1, lenientUTF8: lenientUTF8, &f)
        case .array(let items):
            for item in items { try Walk.value(item, depth: depth + 1, lenientUTF8: lenientUTF8, &f) }
        case .codeWithScope(let cws):
            if !lenientUTF8 { try revalidate(cws.scope) }
            try document(cws.scope, nested: true, depth: depth + 1, lenientUTF8: lenientUTF8, &f)
        case .double(let d):
            if d.isNaN { f.nanOrDecimal = true }
        case .decimal128(let d):
            f.nanOrDecimal = true
            // Every Decimal128 string reads back as itself; a non-canonical coefficient (above
            // 10^34 - 1) is written as the zero it stands for, not as libbson's 35 digits.
            let text = d.description
            try invariant((try? BSONDecimal128(text))?.description == text, "Decimal128 \(text) does not read back as itself")
        case .regex(let r):
            // Options are distinct letters among i, l, m, s, u, x, sorted: anything else
            // cannot round-trip (a sort splits multi-byte UTF-8; JSON readers refuse or drop
            // other letters and repeats), so the validator refuses it.
            let options = Array(r.options.utf8)
            try invariant(options.allSatisfy { Array("ilmsux".utf8).contains($0) } && Set(options).count == options.count,
                          "a validated regular expression has options \(options)")
            try invariant(options == options.sorted(), "regular expression options \(r.options) are not sorted")
            try invariant(!value.description.isEmpty, "empty description for a regex value")
        default:
            // A scalar's description is its relaxed Extended JSON, written through a
            // one-element document: it must not trap on anything the validator admits.
            try invariant(!value.description.isEmpty, "empty description for a \(value.type) value")
        }
    }

    /// `d`'s bytes pass the validator again and read back as the same document.
    public static func revalidate(_ d: BSONDocument, file: StaticString = #fileID, line: UInt = #line) throws(InvariantViolation) {
        let again: BSONDocument
        do {
            again = try BSONDocument(fromBSON: d.bytes, options: BSONValidationOptions(maxDepth: BSONValidationOptions.maxSupportedDepth))
        } catch {
            throw InvariantViolation("a document the library produced does not re-validate: \(error)\n\(preview(d.bytes))", file: file, line: line)
        }
        try invariant(again == d, "re-validated bytes differ", file: file, line: line)
    }
}
