import Testing
import LibBSON

/// `BSONCodeWithScope` (deprecated by the specification): code and the document it runs in.
@Suite struct BSONCodeWithScopeTests {
    @Test func keepsItsCodeAndScopeThroughBytes() throws {
        let value = BSONCodeWithScope(code: "x + 1", scope: ["x": 1])
        #expect(value.description == #"x + 1 with scope {"x":1}"#)
        let doc = try BSONDocument(fromBSON: (["f": .codeWithScope(value)] as BSONDocument).bytes)
        #expect(doc["f"] == .codeWithScope(value))
        #expect(doc["f"] != .codeWithScope(BSONCodeWithScope(code: "x + 1", scope: ["x": 2])))
        #expect(doc["f"] != .code(BSONCode(code: "x + 1")))
    }
}
