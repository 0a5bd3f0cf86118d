import Testing
import LibBSON

/// `BSONCode`: JavaScript code, a string of its own type.
@Suite struct BSONCodeTests {
    @Test func isItsOwnTypeWithTheCodeAsDescription() throws {
        let code = BSONCode(code: "function() { return 1 }")
        #expect(code.description == "function() { return 1 }")
        let doc: BSONDocument = ["c": .code(code), "s": .string(code.code)]
        #expect(doc["c"] == .code(code))
        #expect(doc["c"] != doc["s"])
        #expect(doc.toCanonicalExtendedJSONString() == #"{"c":{"$code":"function() { return 1 }"},"s":"function() { return 1 }"}"#)
    }
}
