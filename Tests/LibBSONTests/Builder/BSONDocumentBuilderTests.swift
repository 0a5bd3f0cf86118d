import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

@Suite struct BSONDocumentBuilderTests {
    /// Rebuilds `doc` with the builder, nested levels in place, from its materialised values.
    static func rebuild(_ doc: BSONDocument) throws -> BSONDocument {
        try BSONDocument(capacity: 8) { try write(doc, into: &$0) }
    }

    static func write(_ doc: BSONDocument, into b: inout BSONDocumentBuilder) throws {
        for (key, value) in doc {
            switch value {
            case .document(let d): try b.appendDocument(key) { try write(d, into: &$0) }
            case .array(let a): try b.appendArray(key) { try write(a, into: &$0) }
            default: try b.append(key, value)
            }
        }
    }

    static func write(_ values: [BSON], into b: inout BSONArrayBuilder) throws {
        for value in values {
            switch value {
            case .document(let d): try b.appendDocument { try write(d, into: &$0) }
            case .array(let a): try b.appendArray { try write(a, into: &$0) }
            default: try b.append(value)
            }
        }
    }

    /// The README's builder example, verbatim, then checked.
    @Test func readmeExample() throws {
        let built = try BSONDocument { doc in
            try doc.append("name", "Ada")
            try doc.appendDocument("born") { born in
                try born.append("year", .int32(1815))
                try born.append("city", "London")
            }
            try doc.appendArray("tags") { tags in
                for tag in ["math", "poetry"] { try tags.append(.string(tag)) }
            }
        }
        let expected: BSONDocument = ["name": "Ada", "born": ["year": .int32(1815), "city": "London"], "tags": ["math", "poetry"]]
        #expect(built == expected)
        // The result is well-formed: the validator accepts its bytes.
        #expect(try BSONDocument(fromBSON: built.bytes) == expected)
    }

    @Test func countsPerLevel() throws {
        _ = try BSONDocument { doc in
            try doc.appendDocument("born") { born in
                try born.append("year", .int32(1815))
                try born.append("city", "London")
                #expect(born.count == 2)
            }
            try doc.appendArray("tags") { tags in
                try tags.append("math")
                #expect(tags.count == 1)
            }
            #expect(doc.count == 2)
        }
    }

    @Test func emptyBuilderGivesTheEmptyDocument() throws {
        let doc = try BSONDocument { _ in }
        #expect(doc.bytes == [5, 0, 0, 0, 0])
        let nested = try BSONDocument { try $0.appendDocument("d") { _ in }; try $0.appendArray("a") { _ in } }
        #expect(nested == ["d": .document(BSONDocument()), "a": .array([])])
    }

    @Test func byteCountTracksTheDocumentSoFar() throws {
        _ = try BSONDocument { b in
            #expect(b.byteCount == 5)
            try b.append("a", .int32(1))     // type + "a\0" + 4 bytes
            #expect(b.byteCount == 12)
        }
    }

    @Test func corpusDocumentsRebuildByteForByte() throws {
        var checked = 0
        for file in try Fixtures.loadBSONCorpus() {
            for valid in file.valid ?? [] {
                let doc = try BSONDocument(fromBSON: try Hex.decode(valid.canonicalBSON))
                #expect(try Self.rebuild(doc) == doc, "\(file.fileName): \(valid.description)")
                checked += 1
            }
        }
        print("builder: \(checked) corpus documents rebuilt byte for byte")
        #expect(checked > 700)
    }

    @Test func generatedDocumentsRebuildByteForByte() throws {
        var rng = SeededRandom(seed: 0xB17D)
        for _ in 0..<500 {
            let doc = RandomDocuments.document(&rng)
            #expect(try Self.rebuild(doc) == doc)
        }
    }

    @Test func keyWithNULThrowsAndLeavesTheBuilderUsable() throws {
        let doc = try BSONDocument { b in
            try b.append("a", .int32(1))
            #expect(throws: BSONError.self) { try b.append("bad\u{0}key", .int32(2)) }
            #expect(throws: BSONError.self) { try b.appendDocument("bad\u{0}doc") { try $0.append("x", .null) } }
            #expect(throws: BSONError.self) { try b.appendArray("bad\u{0}arr") { try $0.append(.null) } }
            try b.append("b", .int32(3))
            #expect(b.count == 2)
        }
        #expect(doc == ["a": .int32(1), "b": .int32(3)])
    }

    struct Stop: Error {}

    @Test func throwingBodyRollsBackItsElement() throws {
        let doc = try BSONDocument { b in
            try b.append("keep", "yes")
            #expect(throws: Stop.self) {
                try b.appendDocument("half") { d in
                    try d.append("x", .int32(1))
                    try d.appendArray("deeper") { a in
                        try a.append(.int32(2))
                        throw Stop()
                    }
                }
            }
            try b.appendArray("list") { a in
                try a.append(.int32(1))
                #expect(throws: Stop.self) { try a.appendDocument { _ in throw Stop() } }
                #expect(throws: Stop.self) { try a.appendArray { try $0.append(.null); throw Stop() } }
                try a.append(.int32(2))
                #expect(a.count == 2)
            }
            #expect(b.count == 2)
        }
        #expect(doc == ["keep": "yes", "list": [.int32(1), .int32(2)]])
        #expect(try BSONDocument(fromBSON: doc.bytes) == doc)
    }

    @Test func errorFromTheOutermostBodyPropagates() {
        #expect(throws: Stop.self) { _ = try BSONDocument { b in try b.append("a", .null); throw Stop() } }
    }
}
