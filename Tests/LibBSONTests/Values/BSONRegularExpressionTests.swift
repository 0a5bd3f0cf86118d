import Testing
import LibBSON

/// `BSONRegularExpression`'s initialiser (the options rule itself is tested from every entry
/// point in `RegexOptionsTests`).
@Suite struct BSONRegularExpressionTests {
    @Test func regexOptionsAreSortedAndNULIsRejected() throws {
        #expect(try BSONRegularExpression(pattern: "a", options: "xmi").options == "imx")
        #expect(throws: BSONError.self) { try BSONRegularExpression(pattern: "a\0", options: "") }
        #expect(throws: BSONError.self) { try BSONRegularExpression(pattern: "a", options: "i\0") }
    }
}
