import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The BSON Corpus through the Codable path: every valid document decodes into
/// `BSONDocument`-typed fields (and `[String: BSON]`) unchanged; every decodeErrors input is a
/// `DecodingError`.
@Suite struct BSONDecoderCorpusTests {
    struct Envelope: Codable {
        var id: Int
        var doc: BSONDocument
        var copies: [BSONDocument]
        var maybe: BSONDocument?
    }

    @Test func validCorpusDocumentsDecodeIntoDocumentFields() throws {
        var checked = 0
        for file in try Fixtures.loadBSONCorpus() {
            for valid in file.valid ?? [] {
                let bytes = try Hex.decode(valid.canonicalBSON)
                let doc = try BSONDocument(fromBSON: bytes)
                let label = "\(file.fileName): \(valid.description)"

                // Embedded in a struct: encoded and decoded back byte for byte.
                let envelope = Envelope(id: checked, doc: doc, copies: [doc, doc], maybe: doc)
                let encoded = try BSONEncoder().encode(envelope)
                #expect(encoded["doc"] == .document(doc), "\(label)")
                let back = try BSONDecoder().decode(Envelope.self, from: encoded.bytes)
                #expect(back.doc.bytes == bytes, "\(label)")
                #expect(back.copies.map(\.bytes) == [bytes, bytes], "\(label)")
                #expect(back.maybe?.bytes == bytes, "\(label)")

                // At the top level, from bytes, as a document and as a dictionary of values.
                #expect(try BSONDecoder().decode(BSONDocument.self, from: bytes).bytes == bytes, "\(label)")
                let dict = try BSONDecoder().decode([String: BSON].self, from: doc)
                for (key, value) in doc {
                    let decoded = try #require(dict[key], "\(label): \(key)")
                    // Compared as bytes: a NaN payload is not equal to itself.
                    #expect(try BSONDocument(elements: [(key: "v", value: decoded)]) == BSONDocument(elements: [(key: "v", value: value)]),
                            "\(label): \(key)")
                }

                // The degenerate encodings too, where the corpus has them.
                if let degenerate = valid.degenerateBSON {
                    let dBytes = try Hex.decode(degenerate)
                    #expect(try BSONDecoder().decode(Box<BSONDocument>.self, from: ["value": .document(try BSONDocument(fromBSON: dBytes))]).value.bytes == dBytes,
                            "\(label) (degenerate)")
                }
                checked += 1
            }
        }
        #expect(checked > 300, "only \(checked) corpus documents were checked")
    }

    @Test func decodeErrorInputsAreDecodingErrors() throws {
        var checked = 0
        for file in try Fixtures.loadBSONCorpus() {
            for invalid in file.decodeErrors ?? [] {
                let bytes = try Hex.decode(invalid.bson)
                do {
                    _ = try BSONDecoder().decode(BSONDocument.self, from: bytes)
                    Issue.record("\(file.fileName): \(invalid.description) decoded")
                } catch DecodingError.dataCorrupted(let context) {
                    #expect(context.underlyingError is BSONError, "\(file.fileName): \(invalid.description)")
                }
                checked += 1
            }
        }
        #expect(checked > 50, "only \(checked) decodeErrors cases were checked")
    }
}
