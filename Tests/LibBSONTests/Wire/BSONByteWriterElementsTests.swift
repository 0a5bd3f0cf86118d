import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The element writer (Wire/BSONByteWriter+Elements.swift), `BSON` to bytes: against the
/// element reader type by type, and the element header (type byte, key) it writes.
@Suite struct BSONByteWriterElementsTests {
    /// The element reader against the element writer, type by type.
    @Test func everyTypeReadsBackWhatWasWrittenAndEndsWhereTheLayoutSays() throws {
        let doc = try EveryTypeDocument.build()
        let walked = BSONValueLayoutTests.elements(doc)
        doc.withUnsafeBytes { p in
            for element in walked {
                var end = -1
                let value = BSONElementReader.value(p, element.type, element.valueAt, owner: doc.storage, end: &end)
                #expect(end == element.end, "\(element.type)")
                #expect(value.type == element.type)
                var writer = BSONByteWriter()
                do { try writer.appendValue(value) } catch { Issue.record("\(element.type): \(error)") }
                #expect(writer.toArray() == Array(UnsafeRawBufferPointer(rebasing: p[element.valueAt..<element.end])),
                        "\(element.type): the value writes back to the same bytes")
            }
        }
    }

    /// An element is its type byte, its key as a C string, then its value; array elements are
    /// keyed by their index in decimal.
    @Test func elementsAreTypeByteKeyAndValue() throws {
        var writer = BSONByteWriter()
        try writer.appendElement(key: "ab", value: .int32(0x0102_0304))
        try writer.appendElement(index: 12, value: .bool(true))
        try writer.appendElement(key: "", value: .null)
        #expect(writer.toArray() == [BSONType.int32.rawValue, 0x61, 0x62, 0, 4, 3, 2, 1,
                                     BSONType.bool.rawValue, 0x31, 0x32, 0, 1,
                                     BSONType.null.rawValue, 0])
    }

    /// A key the format cannot hold (a NUL inside) is refused with the rule it breaks (the
    /// builders roll the element back; see `BSONDocumentBuilderHostileTests`).
    @Test func keyWithNULIsRefusedAsAnEmbeddedNUL() throws {
        var writer = BSONByteWriter()
        let error = try #require(throws: BSONError.self) { try writer.appendElement(key: "a\u{0}", value: .int32(1)) }
        #expect(error.code == .embeddedNUL)
    }
}
