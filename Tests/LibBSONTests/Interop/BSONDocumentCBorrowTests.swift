import CInteropPeer
import CLibBSON
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// Lending documents to C (Interop/BSONDocument+CBorrow.swift): `withUnsafeBSONPointer` and
/// `withUnsafeBSONPointers(to:)` give C a read-only `bson_t` over the document's own bytes,
/// embedded documents in place; libbson's own readers (its `bson_iter_t` walk and its Extended
/// JSON writer) must read them as the library does.
@Suite struct BSONDocumentCBorrowTests {
    // MARK: - One document: libbson's walk

    // libbson's `bson_iter_t` walk of documents lent to C (`withUnsafeBSONPointer`) against a
    // Swift walk of the same documents through the public API: two independent readers must
    // agree on every element, nested levels and code-with-scope scopes included. Embedded
    // documents are lent in place: the `bson_t`'s data must be the very bytes libbson finds
    // inside the parent.

    /// What checking one document found.
    struct Outcome {
        /// Every walk agreed and every embedded document was lent in place.
        var agreed = true
        /// How many embedded documents were lent.
        var embedded = 0
    }

    /// Checks one document and, in place, each of its embedded documents.
    @discardableResult
    static func checkWalk(_ document: BSONDocument, _ label: @autoclosure () -> String) throws -> Outcome {
        var outcome = Outcome()
        func expect(_ condition: Bool, _ what: @autoclosure () -> String) {
            if !condition {
                outcome.agreed = false
                Issue.record("\(what()): \(label())")
            }
        }
        let c = CPeer.walk(borrowing: document)
        let swift = SwiftWalk.lines(document)
        expect(c == swift, "walks differ\n C:     \(c ?? "refused")\n Swift: \(swift)")
        let lentAt = document.withUnsafeBSONPointer { CPeer.dataAddress($0) }
        let storedAt = document.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        expect(lentAt == storedAt, "the lent bson_t does not point at the document's bytes")

        let embedded = SwiftWalk.embeddedDocuments(document)
        let addresses = try #require(CPeer.embeddedAddresses(borrowing: document), "\(label())")
        try #require(addresses.count == embedded.count, "\(label())")
        let parent = storedAt..<(storedAt + UInt(document.byteCount))
        for (index, (child, address)) in zip(embedded, addresses).enumerated() {
            child.withUnsafeBSONPointer { bson in
                let data = CPeer.dataAddress(bson)
                let length = UInt(clibbson_length(bson))
                expect(data == address, "embedded document \(index) was not lent in place")
                expect(parent.contains(data) && data + length <= parent.upperBound,
                       "embedded document \(index) lies outside its parent's bytes")
                expect(Int(length) == child.byteCount, "embedded document \(index): len \(length)")
                expect(CPeer.walk(bson) == SwiftWalk.lines(child), "embedded document \(index): walks differ")
            }
        }
        outcome.embedded = embedded.count
        return outcome
    }

    @Test func cWalksTheEveryTypeDocumentBuiltInSwiftAsWeDo() throws {
        let document = try EveryTypeDocument.build()
        #expect(SwiftWalk.types(document) == Set(BSONType.allCases))
        let outcome = try Self.checkWalk(document, "every type")
        #expect(outcome.agreed)
        // doc, doc.n, array.2 and the scope
        #expect(outcome.embedded == 4)
    }

    @Test func cWalksCorpusAndRandomDocumentsAsWeDo() throws {
        var corpus = 0, random = 0, embedded = 0
        var corpusAgreed = 0, randomAgreed = 0
        for file in try Fixtures.loadBSONCorpus() {
            for testCase in file.valid ?? [] {
                let document = try BSONDocument(fromBSON: try Hex.decode(testCase.canonicalBSON))
                let outcome = try Self.checkWalk(document, "\(file.fileName): \(testCase.description)")
                corpus += 1
                corpusAgreed += outcome.agreed ? 1 : 0
                embedded += outcome.embedded
            }
        }
        for seed in 0..<400 as Range<UInt64> {
            var rng = SeededRandom(seed: seed)
            let document = RandomDocuments.document(&rng)
            let outcome = try Self.checkWalk(document, "random seed \(seed)")
            random += 1
            randomAgreed += outcome.agreed ? 1 : 0
            embedded += outcome.embedded
        }
        print("interop: C walk agreed on \(corpusAgreed)/\(corpus) corpus documents, \(randomAgreed)/\(random) random documents; \(embedded) embedded documents lent in place")
        #expect(corpus > 700)
        #expect(embedded > 100)
    }

    @Test func embeddedDocumentOutlivesItsParentVariable() throws {
        func child() throws -> BSONDocument {
            let parent = try EveryTypeDocument.build()
            return try #require(parent["doc"]?.documentValue)
        }
        let document = try child()
        #expect(try Self.checkWalk(document, "doc of every type").agreed)
    }

    // MARK: - Many documents: withUnsafeBSONPointers(to:)

    // `BSONDocument.withUnsafeBSONPointers(to:)`: a `const bson_t **` and a count, as
    // `mongoc_collection_insert_many` takes them; C walks each document.

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

    // MARK: - libbson's Extended JSON writer on lent documents

    // libbson's Extended JSON writer (`bson_as_canonical_extended_json`,
    // `bson_as_relaxed_extended_json`) run on documents lent to C in place, against ours. The
    // comparison and its known deviations are `ExtendedJSONWriterTests`'s (there libbson gets a
    // copy of the bytes; here it reads the document's own storage, embedded documents included).

    /// Compares both modes for `document` and each of its embedded documents; returns how many
    /// texts were compared, and how many of them agreed.
    static func checkExtendedJSON(_ document: BSONDocument, _ label: @autoclosure () -> String) throws -> (compared: Int, agreed: Int) {
        var compared = 0, agreed = 0
        for lent in [document] + SwiftWalk.embeddedDocuments(document) {
            // libbson cuts $code strings and DBPointer namespaces at a NUL.
            if ExtendedJSONWriterTests.containsNULLibbsonTruncates(lent) { continue }
            for canonical in [true, false] {
                // libbson 1.23's relaxed writer prints dates after 9999 as 5+ digit years.
                if !canonical && ExtendedJSONWriterTests.containsDateAfter9999(lent) { continue }
                let ours = canonical ? lent.toCanonicalExtendedJSONString() : lent.toExtendedJSONString()
                let reference = try #require(CPeer.extendedJSON(borrowing: lent, canonical: canonical), "\(label())")
                compared += 1
                if let difference = try ExtendedJSONWriterTests.firstDifference(ours, reference) {
                    Issue.record("\(canonical ? "canonical" : "relaxed"), \(label()): \(difference)\n ours:    \(ours)\n libbson: \(reference)")
                } else {
                    agreed += 1
                }
            }
        }
        return (compared, agreed)
    }

    @Test func libbsonWritesOurExtendedJSONForTheEveryTypeDocument() throws {
        let result = try Self.checkExtendedJSON(try EveryTypeDocument.build(), "every type")
        // The document and its 4 embedded documents, in both modes.
        #expect(result.compared == 10)
        #expect(result.agreed == result.compared)
    }

    @Test func libbsonWritesOurExtendedJSONForCorpusAndRandomDocuments() throws {
        var corpus = (compared: 0, agreed: 0), random = (compared: 0, agreed: 0)
        for file in try Fixtures.loadBSONCorpus() {
            for testCase in file.valid ?? [] {
                let document = try BSONDocument(fromBSON: try Hex.decode(testCase.canonicalBSON))
                let result = try Self.checkExtendedJSON(document, "\(file.fileName): \(testCase.description)")
                corpus.compared += result.compared
                corpus.agreed += result.agreed
            }
        }
        for seed in 0..<400 as Range<UInt64> {
            var rng = SeededRandom(seed: seed)
            let result = try Self.checkExtendedJSON(RandomDocuments.document(&rng), "random seed \(seed)")
            random.compared += result.compared
            random.agreed += result.agreed
        }
        print("interop: libbson's Extended JSON of lent documents agreed on \(corpus.agreed)/\(corpus.compared) corpus texts and \(random.agreed)/\(random.compared) random ones (canonical and relaxed, embedded documents included)")
        #expect(corpus.compared > 1400)
        #expect(random.compared > 700)
    }
}
