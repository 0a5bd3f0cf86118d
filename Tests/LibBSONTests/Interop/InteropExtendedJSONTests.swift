import Testing
@testable import LibBSON
import LibBSONTestSupport

/// libbson's Extended JSON writer (`bson_as_canonical_extended_json`,
/// `bson_as_relaxed_extended_json`) run on documents lent to C in place, against ours. The
/// comparison and its known deviations are `ExtendedJSONWriterTests`'s (there libbson gets a
/// copy of the bytes; here it reads the document's own storage, embedded documents included).
@Suite struct InteropExtendedJSONTests {
    /// Compares both modes for `document` and each of its embedded documents; returns how many
    /// texts were compared, and how many of them agreed.
    static func check(_ document: BSONDocument, _ label: @autoclosure () -> String) throws -> (compared: Int, agreed: Int) {
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

    @Test func everyTypeDocument() throws {
        let result = try Self.check(try EveryTypeDocument.build(), "every type")
        // The document and its 4 embedded documents, in both modes.
        #expect(result.compared == 10)
        #expect(result.agreed == result.compared)
    }

    @Test func corpusAndRandomDocuments() throws {
        var corpus = (compared: 0, agreed: 0), random = (compared: 0, agreed: 0)
        for file in try Fixtures.loadBSONCorpus() {
            for testCase in file.valid ?? [] {
                let document = try BSONDocument(fromBSON: try Hex.decode(testCase.canonicalBSON))
                let result = try Self.check(document, "\(file.fileName): \(testCase.description)")
                corpus.compared += result.compared
                corpus.agreed += result.agreed
            }
        }
        for seed in 0..<400 as Range<UInt64> {
            var rng = SeededRandom(seed: seed)
            let result = try Self.check(RandomDocuments.document(&rng), "random seed \(seed)")
            random.compared += result.compared
            random.agreed += result.agreed
        }
        print("interop: libbson's Extended JSON of lent documents agreed on \(corpus.agreed)/\(corpus.compared) corpus texts and \(random.agreed)/\(random.compared) random ones (canonical and relaxed, embedded documents included)")
        #expect(corpus.compared > 1400)
        #expect(random.compared > 700)
    }
}
