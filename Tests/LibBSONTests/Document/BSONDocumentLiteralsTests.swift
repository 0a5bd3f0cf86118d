import Testing
@testable import LibBSON

/// Document literals: written order, and a key written twice is a programming error.
@Suite struct BSONDocumentLiteralsTests {
    @Test func literalKeepsKeyOrder() {
        let doc: BSONDocument = ["z": 1, "a": 2, "m": 3]
        #expect(doc.keys == ["z", "a", "m"])
        #expect(doc.count == 3)
    }

    #if compiler(>=6.2)   // exit tests: Swift 6.2 and later
    /// As a Swift `Dictionary` literal does, a document literal with a key written twice stops
    /// the program (before issue 14 it silently wrote both). The key is a variable so that the
    /// compiler's own duplicate-key warning does not fire.
    @Test func aKeyWrittenTwiceInADocumentLiteralStopsTheProgram() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let key = "a"
            let doc: BSONDocument = [key: 1, "b": 2, key: 3]
            _ = doc
        }
        #if DEBUG   // an optimised build stops without printing the message
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains(#"BSONDocument literal contains the key "a" more than once"#), "\(message)")
        #endif
    }

    /// The same rule for a dictionary literal of a `BSON` value (an embedded document).
    @Test func aKeyWrittenTwiceInANestedLiteralStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            let key = "x"
            let doc: BSONDocument = ["outer": [key: 1, key: 2]]
            _ = doc
        }
    }
    #endif

    @Test func theRepeatedKeyIsFoundInSmallAndLargeLiterals() {
        #expect(BSONDocument.firstRepeatedKey(in: []) == nil)
        #expect(BSONDocument.firstRepeatedKey(in: [("a", 1)]) == nil)
        #expect(BSONDocument.firstRepeatedKey(in: [("a", 1), ("b", 2), ("a", 3)]) == "a")
        #expect(BSONDocument.firstRepeatedKey(in: [("a", 1), ("b", 2), ("b", 3), ("a", 4)]) == "b")
        // Keys are compared byte for byte, as lookups compare them: two spellings of "é" are
        // equal Swift Strings but two BSON keys.
        #expect(BSONDocument.firstRepeatedKey(in: [("\u{E9}", 1), ("e\u{301}", 2)]) == nil)
        #expect(BSONDocument.firstRepeatedKey(in: [("\u{E9}", 1), ("e\u{301}", 2), ("e\u{301}", 3)]) == "e\u{301}")
        let accents: BSONDocument = ["\u{E9}": 1, "e\u{301}": 2]
        #expect(accents.count == 2)
        #expect(accents["e\u{301}"] == 2)
        // Past 16 elements the search hashes the keys.
        let wide: [(String, BSON)] = (0..<40).map { ("k\($0)", BSON.int32(Int32($0))) }
        #expect(BSONDocument.firstRepeatedKey(in: wide) == nil)
        #expect(BSONDocument.firstRepeatedKey(in: wide + [("k7", 0)]) == "k7")
        #expect(BSONDocument.firstRepeatedKey(in: [("k0", 0)] + wide) == "k0")
        #expect(BSONDocument.firstRepeatedKey(in: wide + [("\u{E9}", 1), ("e\u{301}", 2)]) == nil)
    }

    /// BSON allows repeated keys; a document that has them is built with `elements:` or the builder.
    @Test func repeatedKeysAreWrittenAsGivenByElementsAndTheBuilder() throws {
        let twice = try BSONDocument(elements: [(key: "a", value: 1), (key: "a", value: 2)])
        #expect(twice.keys == ["a", "a"])
        #expect(twice["a"] == 1, "lookup finds the first")
        let built = try BSONDocument { doc in
            try doc.append("a", 1)
            try doc.append("a", 2)
        }
        #expect(built == twice)
    }
}
