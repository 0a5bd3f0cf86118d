/// The wrappers of types that hold no value: `{"$undefined": true}`, `{"$minKey": 1}` and
/// `{"$maxKey": 1}`. The value is checked (libbson accepts `{"$undefined": false}`; we refuse
/// it, as the Extended JSON spec allows only `true` and `1`).
extension ExtendedJSONParser {
    mutating func undefinedValue(valueAt: Int) throws {
        guard s.current == UInt8(ascii: "t"), s.literal("true") else {
            throw fail("$undefined must be true, found \(describeValue(at: valueAt))", at: valueAt)
        }
        setType(BSONType.undefined.rawValue)
    }

    /// `$minKey` or `$maxKey`.
    mutating func boundaryValue(_ key: ExtendedJSONKey) throws {
        let (v, at) = try integerValue(for: key.name)
        guard v == 1 else { throw fail("\(key.name) must be 1, found \(v)", at: at) }
        setType(key == .minKey ? BSONType.minKey.rawValue : BSONType.maxKey.rawValue)
    }
}
