import Testing
import LibBSON
import LibBSONTestSupport

/// `elementLayouts`: each element's type and the byte ranges of its key, value and whole
/// element, through the public API only.
@Suite struct BSONDocumentElementLayoutTests {
    /// The example in `BSONElementLayout`'s documentation.
    @Test func documentedExampleHoldsItsOffsets() {
        let doc: BSONDocument = ["a": 1, "b": ["c": "d"]]
        let layouts = Array(doc.elementLayouts)
        #expect(layouts.map(\.key) == ["a", "b"])
        #expect(layouts.map(\.type) == [.int32, .document])
        #expect(layouts.map(\.keyRange) == [5..<6, 12..<13])
        #expect(layouts.map(\.valueRange) == [7..<11, 14..<28])
        #expect(layouts.map(\.elementRange) == [4..<11, 11..<28])
        #expect(layouts.map(\.elementRange.count) == [7, 17])
    }

    /// The ranges point at the bytes they name: the type byte, the key and its NUL, the value.
    @Test func rangesPointAtTheTypeByteKeyAndValue() {
        let doc: BSONDocument = ["name": "Ada", "n": .int64(-2), "t": true, "z": .null]
        let bytes = doc.bytes
        for element in doc.elementLayouts {
            #expect(bytes[element.elementRange.lowerBound] == element.type.rawValue)
            #expect(Array(bytes[element.keyRange]) == Array(element.key.utf8))
            #expect(bytes[element.keyRange.upperBound] == 0)
            #expect(element.valueRange.lowerBound == element.keyRange.upperBound + 1)
        }
        let string = Array(doc.elementLayouts)[0]
        #expect(Array(bytes[string.valueRange]) == [4, 0, 0, 0] + Array("Ada".utf8) + [0])
        #expect(Array(doc.elementLayouts)[3].valueRange.isEmpty)
    }

    /// Elements tile the document: its length field, the elements end to end, its NUL; keys,
    /// types and values agree with iteration. Checked on generated documents of every type.
    @Test func elementsTileTheDocumentAndAgreeWithIteration() throws {
        var rng = SeededRandom(seed: 13)
        for _ in 0..<300 {
            let doc = RandomDocuments.document(&rng)
            let bytes = doc.bytes
            var rebuilt = Array(bytes[0..<4])
            let elements = Array(doc)
            let layouts = Array(doc.elementLayouts)
            #expect(layouts.count == elements.count)
            for (layout, element) in zip(layouts, elements) {
                #expect(layout.elementRange.lowerBound == rebuilt.count)
                rebuilt += bytes[layout.elementRange]
                #expect(layout.key == element.key)
                #expect(layout.type == element.value.type)
                // One-element documents compare values bit for bit (NaN included).
                #expect(try BSONDocument(elements: [(layout.key, layout.value)]) == BSONDocument(elements: [element]))
            }
            rebuilt.append(0)
            #expect(rebuilt == bytes)
        }
    }

    /// Documents and arrays give their embedded document as a window whose own layouts count
    /// from its first byte; other types give nil.
    @Test func embeddedDocumentsAreWindowsWithTheirOwnOffsets() throws {
        let doc: BSONDocument = ["x": 1, "sub": ["k": "v"], "list": [true, .null], "s": "no"]
        let layouts = Array(doc.elementLayouts)
        #expect(layouts[0].embeddedDocument == nil)
        #expect(layouts[3].embeddedDocument == nil)
        let sub = try #require(layouts[1].embeddedDocument)
        #expect(sub == ["k": "v"])
        #expect(sub.bytes == Array(doc.bytes[layouts[1].valueRange]))
        #expect(Array(sub.elementLayouts).map(\.keyRange) == [5..<6])
        let list = try #require(layouts[2].embeddedDocument)
        #expect(list.keys == ["0", "1"])
        #expect(Array(list.elementLayouts).map(\.type) == [.bool, .null])
        #expect(Array(sub.elementLayouts)[0].document == sub)
    }

    /// A code-with-scope's scope is its value, not an embedded document.
    @Test func codeWithScopeHasNoEmbeddedDocument() {
        let doc: BSONDocument = ["f": .codeWithScope(BSONCodeWithScope(code: "x", scope: ["y": 1]))]
        let layout = Array(doc.elementLayouts)[0]
        #expect(layout.type == .codeWithScope)
        #expect(layout.embeddedDocument == nil)
        #expect(layout.value == .codeWithScope(BSONCodeWithScope(code: "x", scope: ["y": 1])))
    }

    /// The empty document has no elements; a document read from bytes lists the same layouts
    /// as the one it was written from.
    @Test func emptyAndValidatedDocuments() throws {
        #expect(Array(BSONDocument().elementLayouts).isEmpty)
        let doc: BSONDocument = ["a": [1, 2], "b": .minKey]
        let read = try BSONDocument(fromBSON: doc.bytes)
        #expect(Array(read.elementLayouts).map(\.elementRange) == Array(doc.elementLayouts).map(\.elementRange))
        #expect(Array(read.elementLayouts).map(\.type) == [.array, .minKey])
    }
}
