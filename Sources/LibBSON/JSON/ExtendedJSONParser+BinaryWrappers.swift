/// The binary wrappers: canonical `{"$binary": {"base64": …, "subType": …}}`, the legacy
/// two-key form `{"$binary": "…", "$type": "…"}` in either key order, and `{"$uuid": "…"}`
/// (subtype 4). A `$type` whose value is not a one- or two-digit hex string is the query
/// operator, kept as a plain document. Base64 and subtypes are read by ``ExtendedJSONScalars``.
extension ExtendedJSONParser {
    mutating func binaryValue(valueAt: Int) throws {
        let subtype: UInt8
        if s.current == UInt8(ascii: "{") {
            // Canonical: {"$binary": {"base64": "…", "subType": "hh"}}
            s.position += 1
            var parsedSubtype: UInt8?
            var hasData = false
            var first = true
            while try innerKey(first: first, in: "$binary") {
                first = false
                let keyAt = s.position
                if keyIs(.base64) {
                    if hasData { throw duplicate("$binary", at: keyAt) }
                    try readWrapperString(into: .a, for: "$binary.base64")
                    hasData = true
                } else if keyIs(.subType) {
                    if parsedSubtype != nil { throw duplicate("$binary", at: keyAt) }
                    parsedSubtype = try subtypeValue(for: "$binary.subType")
                } else {
                    throw fail("$binary holds only \"base64\" and \"subType\", found key \(quotedKey())", at: keyAt)
                }
            }
            guard hasData, let parsedSubtype else {
                throw fail("$binary needs both \"base64\" and \"subType\"", at: valueAt)
            }
            subtype = parsedSubtype
        } else if s.current == UInt8(ascii: "\"") {
            // Legacy: {"$binary": "…", "$type": "hh"}
            try readString(into: .a)
            guard try nextLegacyKey(.type, after: .binary) else {
                throw fail("legacy $binary needs a $type", at: valueAt)
            }
            subtype = try subtypeValue(for: ExtendedJSONKey.type.name)
        } else {
            throw fail("expected a document or a string for $binary, found \(describeValue(at: s.position))", at: s.position)
        }
        try writeBinary(subtype: subtype, at: valueAt)
    }

    /// `{"$type": …}` first: legacy binary when the value is a 1-2 digit hex string and
    /// `$binary` follows; otherwise the `$type` query operator, kept as a plain document.
    mutating func typeValue(valueAt: Int) throws -> Step {
        if s.current == UInt8(ascii: "\"") {
            try readString(into: .b)
            if let subtype = ExtendedJSONScalars.subtype(bufB) {
                guard try nextLegacyKey(.binary, after: .type) else {
                    throw fail("legacy $type needs a $binary", at: valueAt)
                }
                try readWrapperString(into: .a, for: ExtendedJSONKey.binary.name)
                try closeWrapper(.type)
                try writeBinary(subtype: subtype, at: valueAt)
                return .next
            }
            // {"$type": "string"}: a query operator.
            try beginFallbackDocument()
            writeHeader(type: BSONType.string.rawValue, key: .type)
            try appendBSONString(bufB, at: valueAt)
            return .next
        }
        // {"$type": 2} or {"$type": {...}}: a query operator; read the value normally.
        try beginFallbackDocument()
        writeHeader(type: 0, key: .type)
        return .value
    }

    mutating func uuidValue(valueAt: Int) throws {
        try readWrapperString(into: .a, for: ExtendedJSONKey.uuid.name)
        guard let bytes = ExtendedJSONScalars.uuid(bufA) else {
            throw fail("$uuid must be a UUID string like \"73ffd264-44b3-4c69-90e8-e7d1dfc035d4\", found \(quoted(bufA))", at: valueAt)
        }
        setType(BSONType.binary.rawValue)
        w.appendInt32(16)
        w.append(BSONBinary.Subtype.uuid.rawValue)
        w.append(contentsOf: bytes)
    }

    /// A binary subtype string (1 or 2 hex digits).
    private mutating func subtypeValue(for name: String) throws -> UInt8 {
        let at = s.position
        try readWrapperString(into: .b, for: name)
        guard let v = ExtendedJSONScalars.subtype(bufB) else {
            throw fail("\(name) must be a binary subtype of one or two hex digits, found \(quoted(bufB))", at: at)
        }
        return v
    }

    /// Writes binary data from the base64 text in `bufA`.
    private mutating func writeBinary(subtype: UInt8, at: Int) throws {
        setType(BSONType.binary.rawValue)
        let field = w.beginLengthPrefixed()
        w.append(subtype)
        // The old subtype repeats the payload's length inside the payload.
        let inner = subtype == BSONBinary.Subtype.binaryOld.rawValue ? w.beginLengthPrefixed() : nil
        guard ExtendedJSONScalars.appendBase64(bufA, to: &w) else {
            throw fail("invalid base64 in $binary: \(quoted(bufA))", at: at)
        }
        if let inner {
            try w.endLengthPrefixed(inner, countedFrom: inner + 4, .binary)
        }
        try w.endLengthPrefixed(field, countedFrom: field + 5, .binary)
    }
}
