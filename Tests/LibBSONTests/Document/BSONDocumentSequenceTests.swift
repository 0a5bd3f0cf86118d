import Testing
import LibBSON

/// A document as a `Sequence` of key-value pairs.
@Suite struct BSONDocumentSequenceTests {
    @Test func sequenceYieldsEveryElementInOrder() {
        let doc: BSONDocument = ["a": 1, "b": [true, nil], "c": ["d": "e"]]
        let pairs = Array(doc)
        #expect(pairs.map(\.key) == ["a", "b", "c"])
        #expect(pairs[1].value == .array([.bool(true), .null]))
        #expect(pairs[2].value["d"] == .string("e"))
    }
}
