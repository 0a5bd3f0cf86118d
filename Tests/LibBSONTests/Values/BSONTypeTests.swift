import Testing
import LibBSON

/// `BSONType`: the specification's type numbers and the `$type` aliases as descriptions.
@Suite struct BSONTypeTests {
    /// The 21 types, their numbers as the BSON specification gives them, and MongoDB's
    /// `$type` alias of each as its description.
    @Test func numbersAndNamesFollowTheSpecification() {
        #expect(BSONType.allCases.count == 21)
        #expect(Set(BSONType.allCases.map(\.rawValue)).count == 21)
        #expect(BSONType.double.rawValue == 0x01 && BSONType.decimal128.rawValue == 0x13)
        #expect(BSONType.minKey.rawValue == 0xFF && BSONType.maxKey.rawValue == 0x7F)
        #expect(BSONType(rawValue: 0x00) == nil && BSONType(rawValue: 0x14) == nil)
        let names = BSONType.allCases.map(\.description)
        #expect(names == ["double", "string", "document", "array", "binary", "undefined", "objectId", "bool",
                          "date", "null", "regex", "dbPointer", "javascript", "symbol", "javascriptWithScope",
                          "int", "timestamp", "long", "decimal", "minKey", "maxKey"])
    }
}
