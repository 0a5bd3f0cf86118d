/// The type wrappers: which `$`-keyed wrapper reads what, and the steps they share (their
/// closing `}`, keys of an inner object, the second key of a legacy two-key form). Each
/// family's parsing and validation sits in its own file beside this one: numbers, binary and
/// UUID, dates and timestamps, regular expressions, code and scope, ObjectId and DBPointer,
/// and the constants (`$undefined`, `$minKey`, `$maxKey`).
extension ExtendedJSONParser {
    /// After `{"$key":` of a wrapper: reads the rest of the object and writes the value.
    mutating func wrapper(_ key: ExtendedJSONKey, keyAt: Int) throws -> Step {
        let valueAt = s.position
        switch key {
        case .oid: try objectIDValue(valueAt: valueAt)
        case .symbol: try symbolValue()
        case .numberInt: try numberIntValue(valueAt: valueAt)
        case .numberLong: try numberLongValue(valueAt: valueAt)
        case .numberDouble: try numberDoubleValue(valueAt: valueAt)
        case .numberDecimal: try numberDecimalValue(valueAt: valueAt)
        case .uuid: try uuidValue(valueAt: valueAt)
        case .undefined: try undefinedValue(valueAt: valueAt)
        case .minKey, .maxKey: try boundaryValue(key)
        case .date: try dateValue(valueAt: valueAt)
        case .timestamp: try timestampValue(valueAt: valueAt)
        case .regularExpression: try regularExpressionValue(valueAt: valueAt)
        case .dbPointer: try dbPointerValue(valueAt: valueAt)
        case .binary: try binaryValue(valueAt: valueAt)
        case .type: return try typeValue(valueAt: valueAt)
        case .regex: return try regexValue(valueAt: valueAt)
        case .options: return try optionsValue(valueAt: valueAt)
        case .code, .scope: return try beginCode(isCode: key == .code)
        }
        try closeWrapper(key)
        return .next
    }

    /// After the single value of a wrapper: its `}`, or an error naming the extra key.
    mutating func closeWrapper(_ key: ExtendedJSONKey) throws {
        s.skipWhitespace()
        let c = s.current
        if c == UInt8(ascii: "}") {
            s.position += 1
            return
        }
        if c == UInt8(ascii: ",") {
            s.position += 1
            s.skipWhitespace()
            let keyAt = s.position
            if s.current == UInt8(ascii: "\"") {
                try readString(into: .key)
                throw fail("a \(key.name) wrapper cannot have other keys, found \(quotedKey())", at: keyAt)
            }
            throw fail("expected a key after ',', found \(describeByte(at: s.position))", at: s.position)
        }
        throw fail("expected '}' after the \(key.name) value, found \(describeByte(at: s.position))", at: s.position)
    }

    /// Inside an inner wrapper object (`{"t": …, "i": …}`): reads the next key into `keyBuf`
    /// and its `:`, or the closing `}` (returning false).
    mutating func innerKey(first: Bool, in context: @autoclosure () -> String) throws -> Bool {
        s.skipWhitespace()
        if s.current == UInt8(ascii: "}") {
            s.position += 1
            return false
        }
        if !first {
            guard s.current == UInt8(ascii: ",") else {
                throw fail("expected ',' or '}' in \(context()), found \(describeByte(at: s.position))", at: s.position)
            }
            s.position += 1
            s.skipWhitespace()
        }
        guard s.current == UInt8(ascii: "\"") else {
            throw fail("expected a key in \(context()), found \(describeByte(at: s.position))", at: s.position)
        }
        try readString(into: .key)
        try expectColon()
        return true
    }

    /// Whether the key last read into `keyBuf` is `field`.
    @inline(__always)
    func keyIs(_ field: ExtendedJSONKey.Field) -> Bool {
        field.text.spells(keyBuf)
    }

    /// Whether the key last read into `keyBuf` is `key`.
    @inline(__always)
    func keyIs(wrapper key: ExtendedJSONKey) -> Bool {
        key.text.spells(keyBuf)
    }

    /// Expects `{` opening an inner wrapper object.
    mutating func openInner(for key: ExtendedJSONKey) throws {
        guard s.current == UInt8(ascii: "{") else {
            throw fail("expected a document for \(key.name), found \(describeValue(at: s.position))", at: s.position)
        }
        s.position += 1
    }

    /// Reads a string value into `buffer`, or throws naming what needed it.
    mutating func readWrapperString(into buffer: Buffer, for name: @autoclosure () -> String) throws {
        guard s.current == UInt8(ascii: "\"") else { throw expectedString(for: name()) }
        try readString(into: buffer)
    }

    /// In a two-key legacy wrapper, after the first value: `,` and the expected second key
    /// (returns true, positioned after its `:`), or `}` (returns false).
    mutating func nextLegacyKey(_ expected: ExtendedJSONKey, after first: ExtendedJSONKey) throws -> Bool {
        s.skipWhitespace()
        let c = s.current
        if c == UInt8(ascii: "}") { return false }
        guard c == UInt8(ascii: ",") else {
            throw fail("expected ',' or '}' after the \(first.name) value, found \(describeByte(at: s.position))", at: s.position)
        }
        s.position += 1
        s.skipWhitespace()
        let keyAt = s.position
        guard s.current == UInt8(ascii: "\"") else {
            throw fail("expected a key after ',', found \(describeByte(at: s.position))", at: s.position)
        }
        try readString(into: .key)
        guard keyIs(wrapper: expected) else {
            throw fail("a \(first.name) wrapper holds only \(first.name) and \(expected.name), found key \(quotedKey())", at: keyAt)
        }
        try expectColon()
        return true
    }

    /// A JSON integer as an Int64 and its offset, or an error naming `what`.
    mutating func integerValue(for what: @autoclosure () -> String) throws -> (value: Int64, at: Int) {
        let at = s.position
        guard ExtendedJSONScanner.startsNumber(s.current) else {
            throw fail("expected an integer for \(what()), found \(describeValue(at: s.position))", at: s.position)
        }
        let n = try number()
        guard n.isInteger else {
            throw fail("expected an integer for \(what()), found \(slice(n.start, n.end))", at: at)
        }
        guard !n.overflow, let v = ExtendedJSONScalars.signed(n.magnitude, negative: n.negative) else {
            throw fail("\(what()) value \(slice(n.start, n.end)) is out of range", at: at)
        }
        return (v, at)
    }

    /// Writes a BSON string (length, bytes, NUL) from decoded bytes.
    mutating func appendBSONString(_ string: [UInt8], at: Int) throws {
        guard let length = Int32(exactly: string.count + 1) else {
            throw fail("a string cannot exceed 2 GiB", at: at, code: .sizeLimitExceeded)
        }
        w.appendInt32(length)
        w.append(contentsOf: string)
        w.append(0)
    }
}
