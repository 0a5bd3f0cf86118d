/// The time wrappers: `{"$date": …}` (an ISO-8601 string read by ``ISO8601``, the canonical
/// `{"$numberLong": "…"}`, or legacy milliseconds as a JSON integer, as libbson accepts) and
/// `{"$timestamp": {"t": …, "i": …}}` (each a UInt32, in either order).
extension ExtendedJSONParser {
    mutating func dateValue(valueAt: Int) throws {
        let c = s.current
        let millis: Int64
        if c == UInt8(ascii: "\"") {
            try readString(into: .a)
            guard let ms = ISO8601.parse(bufA)?.milliseconds else {
                throw fail("$date string \(quoted(bufA)) is not an ISO-8601 date-time like \"1970-01-01T00:00:00.000Z\"", at: valueAt)
            }
            millis = ms
        } else if c == UInt8(ascii: "{") {
            s.position += 1
            guard try innerKey(first: true, in: "$date") else {
                throw fail("$date document needs a $numberLong key", at: valueAt)
            }
            guard keyIs(wrapper: .numberLong) else {
                throw fail("$date document holds only $numberLong, found key \(quotedKey())", at: valueAt)
            }
            millis = try integerString(for: .numberLong, at: s.position)
            if try innerKey(first: false, in: "$date") {
                throw fail("$date document holds only $numberLong, found key \(quotedKey())", at: s.position)
            }
        } else if ExtendedJSONScanner.startsNumber(c) {
            // Legacy Extended JSON: milliseconds as a number, as libbson accepts.
            millis = try integerValue(for: ExtendedJSONKey.date.name).value
        } else {
            throw fail("$date must be an ISO-8601 string, {\"$numberLong\": \"…\"} or an integer, found \(describeValue(at: s.position))", at: s.position)
        }
        setType(BSONType.datetime.rawValue)
        w.appendInt64(millis)
    }

    mutating func timestampValue(valueAt: Int) throws {
        try openInner(for: .timestamp)
        var t: UInt32?
        var inc: UInt32?
        var first = true
        while try innerKey(first: first, in: "$timestamp") {
            first = false
            let isT = keyIs(.t)
            guard isT || keyIs(.i) else {
                throw fail("$timestamp holds only \"t\" and \"i\", found key \(quotedKey())", at: s.position)
            }
            if (isT ? t : inc) != nil { throw duplicate("$timestamp", at: s.position) }
            let field = isT ? ExtendedJSONKey.Field.t : .i
            let (v, at) = try integerValue(for: "$timestamp.\(field.name)")
            guard let v32 = UInt32(exactly: v) else {
                throw fail("$timestamp.\(field.name) must be between 0 and 4294967295, found \(v)", at: at)
            }
            if isT { t = v32 } else { inc = v32 }
        }
        guard let t, let inc else {
            throw fail("$timestamp needs both \"t\" and \"i\"", at: valueAt)
        }
        setType(BSONType.timestamp.rawValue)
        w.appendInt32(Int32(bitPattern: inc))
        w.appendInt32(Int32(bitPattern: t))
    }
}
