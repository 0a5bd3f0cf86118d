import Testing
import LibBSON

/// `BSON`'s literals (integer, string, float, nil, array and dictionary) and its description.
@Suite struct BSONLiteralsTests {
    @Test func literalsPickTheExpectedCases() {
        let small: BSON = 5
        let big: BSON = 5_000_000_000
        #expect(small == .int32(5))
        #expect(big == .int64(5_000_000_000))
        #expect(("x" as BSON) == .string("x"))
        #expect((2.5 as BSON) == .double(2.5))
        #expect((nil as BSON) == .null)
        #expect(([1, "a"] as BSON) == .array([.int32(1), .string("a")]))
        #expect(((["k": 1] as BSON).documentValue?["k"]) == .int32(1))
    }

    @Test func valueDescriptionIsRelaxedJSON() {
        #expect(BSON.int64(3).description == "3")
        #expect(BSON.string("a\"b").description == #""a\"b""#)
        #expect(BSON.array([1, 2]).description == "[1,2]")
    }
}
