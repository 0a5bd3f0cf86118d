import Foundation
import Testing
import LibBSON

/// `BSONDocument` as a `Collection` of `(key, value)` whose indices are byte offsets.
@Suite struct BSONDocumentCollectionTests {
    private let doc: BSONDocument = ["a": 1, "b": "two", "c": ["d": true]]

    @Test func firstIsTheFirstElementNotAMethod() {
        let first = doc.first
        #expect(first?.key == "a")
        #expect(first?.value == 1)
        #expect(BSONDocument().first == nil)
    }

    @Test func indicesAreTheByteOffsetsOfTheElements() {
        let offsets = doc.indices.map(\.byteOffset)
        #expect(offsets == doc.elementLayouts.map(\.elementRange.lowerBound))
        #expect(doc.startIndex.byteOffset == 4)
        #expect(doc.endIndex.byteOffset == doc.byteCount - 1)
        let empty = BSONDocument()
        #expect(empty.startIndex == empty.endIndex)
    }

    @Test func elementsByIndexMatchIteration() {
        let byIndex = doc.indices.map { doc[$0].key }
        #expect(byIndex == ["a", "b", "c"])
        #expect(doc.indices.map { doc[$0].value } == doc.values)
        #expect(doc.count == 3)
        #expect(doc.firstIndex { $0.key == "b" }.map { doc[$0].value } == "two")
    }

    @Test func collectionAlgorithmsWork() {
        #expect(doc.prefix(2).map(\.key) == ["a", "b"])
        #expect(doc.dropFirst().map(\.key) == ["b", "c"])
        #expect(doc.contains { $0.value.type == .document })
        #expect(doc.map(\.key) == ["a", "b", "c"])
    }

    @Test func filterReturnsADocumentWithTheKeptElementsBytes() throws {
        let kept = doc.filter { $0.value.type != .string }
        #expect(kept == ["a": 1, "c": ["d": true]])
        #expect(throws: Never.self) { try BSONDocument(fromBSON: kept.bytes) }
        #expect(doc.filter { _ in false } == BSONDocument())
        // Repeated keys stay repeated.
        let twice = try BSONDocument(elements: [(key: "k", value: 1), (key: "k", value: 2)])
        #expect(twice.filter { _ in true }.keys == ["k", "k"])
    }

    @Test func mapValuesKeepsKeysAndOrder() {
        let mapped = doc.mapValues { value -> BSON in value.type == .int32 ? .int64(10) : .null }
        #expect(mapped == ["a": .int64(10), "b": .null, "c": .null])
        #expect(throws: Never.self) { try BSONDocument(fromBSON: mapped.bytes) }
    }

    @Test func anIndexFromAnotherDocumentIsRefused() async {
        #if compiler(>=6.2)
        await #expect(processExitsWith: .failure) {
            let long: BSONDocument = ["a": "a long string value", "b": 1]
            let short: BSONDocument = ["a": 1]
            let index = long.index(after: long.startIndex)   // offset 30: past short's end
            _ = short[index]
        }
        #endif
    }
}
