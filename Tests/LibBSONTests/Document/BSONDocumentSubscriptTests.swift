import Foundation
import Testing
import LibBSON

/// Reading and writing a document by key: replacing in place, appending, removing, and
/// copy-on-write.
@Suite struct BSONDocumentSubscriptTests {
    @Test func settingExistingKeyReplacesInPlace() {
        var doc: BSONDocument = ["a": 1, "b": "two", "c": 3]
        doc["b"] = .double(2.5)
        #expect(doc.keys == ["a", "b", "c"])
        #expect(doc["b"] == .double(2.5))
        #expect(doc["a"] == .int32(1))
        #expect(doc["c"] == .int32(3))
    }

    @Test func settingNewKeyAppends() {
        var doc: BSONDocument = ["a": 1]
        doc["b"] = "x"
        #expect(doc.keys == ["a", "b"])
        #expect(doc.byteCount == doc.bytes.count)
        // The length field must follow every mutation.
        let length = doc.bytes.withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(as: Int32.self)) }
        #expect(Int(length) == doc.byteCount)
        #expect(throws: Never.self) { try BSONDocument(fromBSON: doc.bytes) }
    }

    @Test func settingNilRemoves() {
        var doc: BSONDocument = ["a": 1, "b": 2, "c": 3]
        doc["b"] = nil
        #expect(doc.keys == ["a", "c"])
        #expect(doc.removeValue(forKey: "a") == .int32(1))
        #expect(doc.removeValue(forKey: "missing") == nil)
        #expect(doc.keys == ["c"])
        #expect(throws: Never.self) { try BSONDocument(fromBSON: doc.bytes) }
    }

    @Test func keyWithNULIsRejectedBySetValue() {
        var doc = BSONDocument()
        #expect(throws: BSONError.self) { try doc.setValue(1, forKey: "a\0b") }
        #expect(throws: BSONError.self) { try BSONDocument(elements: [(key: "x\0", value: BSON.null)]) }
        #expect(doc.isEmpty)
    }

    @Test func copyOnWriteCopiesOnlyTheMutatedValue() {
        let original: BSONDocument = ["a": 1]
        var copy = original
        copy["a"] = 2
        #expect(original["a"] == .int32(1))
        #expect(copy["a"] == .int32(2))
    }

    @Test func embeddedDocumentIsIndependentOfItsParent() throws {
        var parent: BSONDocument = ["inner": ["x": 1], "after": true]
        var inner = try #require(parent["inner"]?.documentValue)
        inner["y"] = 2
        #expect(parent["inner"]?.documentValue?.keys == ["x"])
        parent["after"] = false
        #expect(inner.keys == ["x", "y"])
        #expect(throws: Never.self) { try BSONDocument(fromBSON: inner.bytes) }
    }
}
