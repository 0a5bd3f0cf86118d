import Testing
import LibBSON

/// `BSON`'s typed accessors and its lossless numeric conversions.
@Suite struct BSONAccessorsTests {
    @Test func losslessIntegerConversions() {
        #expect(BSON.int32(7).toInt() == 7)
        #expect(BSON.int64(.max).toInt64() == .max)
        #expect(BSON.double(3.0).toInt() == 3)
        #expect(BSON.double(3.5).toInt() == nil)
        #expect(BSON.double(.nan).toInt() == nil)
        #expect(BSON.int64(1 << 40).toInt32() == nil)
        #expect(BSON.string("3").toInt() == nil)
    }

    @Test func losslessDoubleConversions() {
        #expect(BSON.int32(7).toDouble() == 7.0)
        #expect(BSON.int64(1 << 53).toDouble() == 9_007_199_254_740_992.0)
        #expect(BSON.int64((1 << 53) + 1).toDouble() == nil)
        #expect(BSON.bool(true).toDouble() == nil)
    }

    @Test func typedAccessorsReturnNilForOtherTypes() {
        let v = BSON.string("s")
        #expect(v.stringValue == "s")
        #expect(v.int32Value == nil)
        #expect(v.documentValue == nil)
        #expect(v.arrayValue == nil)
        #expect(v.type == .string)
    }
}
