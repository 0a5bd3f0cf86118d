import CLibBSON
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// libbson's `bson_iter_t` walk of documents lent to C (`withUnsafeBSONPointer`) against a
/// Swift walk of the same documents through the public API: two independent readers must
/// agree on every element, nested levels and code-with-scope scopes included. Embedded
/// documents are lent in place: the `bson_t`'s data must be the very bytes libbson finds
/// inside the parent.
@Suite struct InteropWalkTests {
    /// What checking one document found.
    struct Outcome {
        /// Every walk agreed and every embedded document was lent in place.
        var agreed = true
        /// How many embedded documents were lent.
        var embedded = 0
    }

    /// Checks one document and, in place, each of its embedded documents.
    @discardableResult
    static func check(_ document: BSONDocument, _ label: @autoclosure () -> String) throws -> Outcome {
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

    @Test func everyTypeDocumentBuiltInSwift() throws {
        let document = try EveryTypeDocument.build()
        #expect(SwiftWalk.types(document) == Set(BSONType.allCases))
        let outcome = try Self.check(document, "every type")
        #expect(outcome.agreed)
        // doc, doc.n, array.2 and the scope
        #expect(outcome.embedded == 4)
    }

    @Test func corpusAndRandomDocuments() throws {
        var corpus = 0, random = 0, embedded = 0
        var corpusAgreed = 0, randomAgreed = 0
        for file in try Fixtures.loadBSONCorpus() {
            for testCase in file.valid ?? [] {
                let document = try BSONDocument(fromBSON: try Hex.decode(testCase.canonicalBSON))
                let outcome = try Self.check(document, "\(file.fileName): \(testCase.description)")
                corpus += 1
                corpusAgreed += outcome.agreed ? 1 : 0
                embedded += outcome.embedded
            }
        }
        for seed in 0..<400 as Range<UInt64> {
            var rng = SeededRandom(seed: seed)
            let document = RandomDocuments.document(&rng)
            let outcome = try Self.check(document, "random seed \(seed)")
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
        #expect(try Self.check(document, "doc of every type").agreed)
    }
}
