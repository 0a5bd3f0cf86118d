/// The number wrappers: `{"$numberInt": "…"}`, `{"$numberLong": "…"}`,
/// `{"$numberDouble": "…"}` and `{"$numberDecimal": "…"}`. The strings are read exactly by
/// ``ExtendedJSONScalars`` (no `strtoll`-style reading up to the first bad character);
/// Decimal128 text by ``BSONDecimal128``.
extension ExtendedJSONParser {
    mutating func numberIntValue(valueAt: Int) throws {
        let v = try integerString(for: .numberInt, at: valueAt)
        guard let v32 = Int32(exactly: v) else {
            throw badNumber(bufA, for: ExtendedJSONKey.numberInt.name, range: "a 32-bit integer", at: valueAt)
        }
        setType(BSONType.int32.rawValue)
        w.appendInt32(v32)
    }

    mutating func numberLongValue(valueAt: Int) throws {
        let v = try integerString(for: .numberLong, at: valueAt)
        setType(BSONType.int64.rawValue)
        w.appendInt64(v)
    }

    /// The string value of `key` (`$numberInt`, `$numberLong`, also inside `$date`) as an
    /// Int64, read into `bufA`; `at` is where the string starts.
    mutating func integerString(for key: ExtendedJSONKey, at: Int) throws -> Int64 {
        try readWrapperString(into: .a, for: key.name)
        guard let v = ExtendedJSONScalars.int64(bufA) else {
            throw badNumber(bufA, for: key.name, range: key == .numberInt ? "a 32-bit integer" : "a 64-bit integer", at: at)
        }
        return v
    }

    mutating func numberDoubleValue(valueAt: Int) throws {
        try readWrapperString(into: .a, for: ExtendedJSONKey.numberDouble.name)
        guard let v = ExtendedJSONScalars.double(bufA) else {
            if ExtendedJSONScalars.isDecimalForm(bufA) {
                throw fail("$numberDouble value \(quoted(bufA)) is out of range for a double", at: valueAt)
            }
            throw fail("$numberDouble must be a decimal number, \"Infinity\", \"-Infinity\" or \"NaN\", found \(quoted(bufA))", at: valueAt)
        }
        setType(BSONType.double.rawValue)
        w.appendUInt64(v.bitPattern)
    }

    mutating func numberDecimalValue(valueAt: Int) throws {
        try readWrapperString(into: .a, for: ExtendedJSONKey.numberDecimal.name)
        let decimal: BSONDecimal128
        do {
            decimal = try BSONDecimal128(String(decoding: bufA, as: UTF8.self))
        } catch {
            throw fail("$numberDecimal value \(quoted(bufA)) is not a valid Decimal128", at: valueAt)
        }
        setType(BSONType.decimal128.rawValue)
        w.appendUInt64(decimal.low)
        w.appendUInt64(decimal.high)
    }
}
