import Testing
import LibBSON

/// Document literals.
@Suite struct BSONDocumentLiteralsTests {
    @Test func literalKeepsKeyOrder() {
        let doc: BSONDocument = ["z": 1, "a": 2, "m": 3]
        #expect(doc.keys == ["z", "a", "m"])
        #expect(doc.count == 3)
    }
}
