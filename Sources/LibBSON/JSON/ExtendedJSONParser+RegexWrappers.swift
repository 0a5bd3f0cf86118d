/// The regular expression wrappers: `{"$regularExpression": {"pattern": …, "options": …}}`
/// and the legacy `{"$regex": "…", "$options": "…"}` in either key order (`$options` may be
/// left out). A `$regex` whose value is not a string is the query operator, kept as a plain
/// document. Each form's options rule is ``RegexOptions/readExtendedJSON(_:form:)``'s.
extension ExtendedJSONParser {
    mutating func regularExpressionValue(valueAt: Int) throws {
        try openInner(for: .regularExpression)
        var hasPattern = false
        var hasOptions = false
        var first = true
        while try innerKey(first: first, in: "$regularExpression") {
            first = false
            let isPattern = keyIs(.pattern)
            guard isPattern || keyIs(.options) else {
                throw fail("$regularExpression holds only \"pattern\" and \"options\", found key \(quotedKey())", at: s.position)
            }
            if isPattern ? hasPattern : hasOptions { throw duplicate("$regularExpression", at: s.position) }
            try readWrapperString(into: isPattern ? .a : .b,
                                  for: "$regularExpression.\((isPattern ? ExtendedJSONKey.Field.pattern : .options).name)")
            if isPattern { hasPattern = true } else { hasOptions = true }
        }
        guard hasPattern, hasOptions else {
            throw fail("$regularExpression needs both \"pattern\" and \"options\"", at: valueAt)
        }
        try writeRegex(at: valueAt, form: .regularExpression)
    }

    /// `{"$regex": …}` first: legacy regular expression when the value is a string (with an
    /// optional `$options` string); otherwise the `$regex` query operator, a plain document.
    mutating func regexValue(valueAt: Int) throws -> Step {
        guard s.current == UInt8(ascii: "\"") else {
            try beginFallbackDocument()
            writeHeader(type: 0, key: .regex)
            return .value
        }
        try readString(into: .a)
        bufB.removeAll(keepingCapacity: true)
        if try nextLegacyKey(.options, after: .regex) {
            try readWrapperString(into: .b, for: ExtendedJSONKey.options.name)
        }
        try closeWrapper(.regex)
        try writeRegex(at: valueAt, form: .legacy)
        return .next
    }

    /// `{"$options": "…"}` first: `$regex` must follow; a string makes a legacy regular
    /// expression, anything else the `$regex` query operator (a plain document).
    mutating func optionsValue(valueAt: Int) throws -> Step {
        try readWrapperString(into: .b, for: ExtendedJSONKey.options.name)
        guard try nextLegacyKey(.regex, after: .options) else {
            throw fail("legacy $options needs a $regex", at: valueAt)
        }
        if s.current == UInt8(ascii: "\"") {
            try readString(into: .a)
            try closeWrapper(.options)
            try writeRegex(at: valueAt, form: .legacy)
            return .next
        }
        try beginFallbackDocument()
        writeHeader(type: BSONType.string.rawValue, key: .options)
        try appendBSONString(bufB, at: valueAt)
        writeHeader(type: 0, key: .regex)
        return .value
    }

    /// Writes a regular expression from `bufA` (pattern) and `bufB` (options, read by the rule
    /// of `form` and stored sorted).
    private mutating func writeRegex(at: Int, form: RegexOptions.ExtendedJSONForm) throws {
        if bufA.contains(0) {
            throw fail("a regular expression pattern cannot contain a NUL character (\\u0000)", at: at, code: .embeddedNUL)
        }
        if bufB.contains(0) {
            throw fail("regular expression options cannot contain a NUL character (\\u0000)", at: at, code: .embeddedNUL)
        }
        if let bad = RegexOptions.readExtendedJSON(&bufB, form: form) {
            throw fail(bad.reason, at: at)
        }
        setType(BSONType.regex.rawValue)
        w.append(contentsOf: bufA)
        w.append(0)
        w.append(contentsOf: bufB)
        w.append(0)
    }
}
