import CInteropPeer
import Testing
import LibBSON
import LibBSONTestSupport

/// `BSONDocument.withUnsafeBSONPointers(to:)`: a `const bson_t **` and a count, as
/// `mongoc_collection_insert_many` takes them; C walks each document.
@Suite struct InteropBorrowManyTests {
    /// Random documents, every third one an embedded document (a slice of its parent).
    static func documents(_ count: Int) throws -> [BSONDocument] {
        let everyType = try EveryTypeDocument.build()
        let embedded = SwiftWalk.embeddedDocuments(everyType)
        var rng = SeededRandom(seed: 0xB0440)
        return (0..<count).map { index in
            index % 3 == 2 ? embedded[index % embedded.count] : RandomDocuments.document(&rng)
        }
    }

    @Test(arguments: [0, 1, 1_000])
    func cWalksEachLentDocument(count: Int) throws {
        let documents = try Self.documents(count)
        let (walked, lentCount, lentAt, storedAt) = BSONDocument.withUnsafeBSONPointers(to: documents) { pointers, n in
            let walked = CPeer.take(peer_walk_many(pointers, n))
            let lentAt = (0..<n).map { index in pointers[index].map(CPeer.dataAddress) }
            let storedAt = documents.map { document in document.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) } }
            return (walked, n, lentAt, storedAt)
        }
        #expect(lentCount == count)
        let expected = documents.enumerated().map { "#\($0.offset)\n" + SwiftWalk.lines($0.element) }.joined()
        #expect(walked == expected)
        // Each bson_t points at its document's own bytes: nothing was copied.
        #expect(lentAt == storedAt.map { Optional($0) })
    }
}
