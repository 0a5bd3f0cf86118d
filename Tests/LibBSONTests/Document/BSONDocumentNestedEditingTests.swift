import Foundation
import Testing
import LibBSON
import LibBSONTestSupport

/// Editing nested documents and arrays through `BSONDocument`'s and `BSON`'s subscripts.
/// Expected bytes come from libbson parsing the expected document as JSON (an independent
/// encoder), and every result is validated again from its bytes.
@Suite struct BSONDocumentNestedEditingTests {
    /// `doc`'s bytes are valid and equal libbson's encoding of `json`.
    private func expectBytes(_ doc: BSONDocument, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try BSONDocument(fromBSON: doc.bytes) }
        #expect(doc.bytes == (try LibBSONOracle.bsonBytes(fromJSON: json)), sourceLocation: sourceLocation)
    }

    @Test func aKeyOfAnEmbeddedDocumentIsSetThroughTheSubscript() throws {
        var doc: BSONDocument = ["name": "Ada", "address": ["city": "Boston", "zip": "02139"], "n": 1]
        doc["address"]?["city"] = "Cambridge"
        try expectBytes(doc, #"{"name": "Ada", "address": {"city": "Cambridge", "zip": "02139"}, "n": 1}"#)
        doc["address"]?["country"] = "US"
        doc["address"]?["zip"] = nil
        try expectBytes(doc, #"{"name": "Ada", "address": {"city": "Cambridge", "country": "US"}, "n": 1}"#)
    }

    @Test func aNestedArrayIsAppendedToThroughArrayValue() throws {
        var doc: BSONDocument = ["tags": ["math"], "n": 1]
        doc["tags"]?.arrayValue?.append("chess")
        doc["tags"]?.arrayValue?.append("poetry")
        try expectBytes(doc, #"{"tags": ["math", "chess", "poetry"], "n": 1}"#)
    }

    @Test func anArrayElementIsReplacedAndRemovedByIndex() throws {
        var doc: BSONDocument = ["a": [1, 2, 3]]
        doc["a"]?[1] = "two"
        try expectBytes(doc, #"{"a": [1, "two", 3]}"#)
        doc["a"]?[0] = nil
        try expectBytes(doc, #"{"a": ["two", 3]}"#)
    }

    @Test func editsReachSeveralLevelsDown() throws {
        var doc: BSONDocument = ["a": ["b": ["c": [["d": 1]]]]]
        doc["a"]?["b"]?["c"]?[0]?["d"] = 2
        doc["a"]?["b"]?["e"] = true
        try expectBytes(doc, #"{"a": {"b": {"c": [{"d": 2}], "e": true}}}"#)
    }

    @Test func editingAMissingKeyChangesNothingAndTheChainSaysSo() throws {
        var doc: BSONDocument = ["a": 1]
        let done: Void? = (doc["missing"]?["b"] = 2)
        #expect(done == nil)
        try expectBytes(doc, #"{"a": 1}"#)
    }

    @Test func editingThroughAValueThatIsNotAContainerChangesNothing() throws {
        var doc: BSONDocument = ["s": "text", "a": [1]]
        doc["s"]?["b"] = 2          // a string has no keys
        doc["a"]?[5] = 2            // out of range
        doc["a"]?["k"] = 2          // an array has no keys
        try expectBytes(doc, #"{"s": "text", "a": [1]}"#)
        // Chaining through documentValue tells the caller: the chain evaluates to nil.
        let done: Void? = (doc["s"]?.documentValue?["b"] = 2)
        #expect(done == nil)
    }

    @Test func theDefaultSubscriptCreatesAMissingValue() throws {
        var doc: BSONDocument = ["a": 1]
        doc["tags", default: []].arrayValue?.append("chess")
        doc["tags", default: []].arrayValue?.append("go")
        #expect(doc["a", default: 0] == .int32(1))
        #expect(doc["zzz", default: "none"] == "none")
        try expectBytes(doc, #"{"a": 1, "tags": ["chess", "go"]}"#)
    }

    @Test func assigningNilToDocumentValueMakesTheValueNull() {
        var value: BSON = ["a": 1]
        value.documentValue = nil
        #expect(value == .null)
        var other: BSON = 5
        other.documentValue = nil
        #expect(other == 5)
        other.arrayValue = ["x"]
        #expect(other == ["x"])
    }

    @Test func aCopyIsNotChangedByAnEditOfTheOriginal() throws {
        var doc: BSONDocument = ["a": ["b": 1]]
        let copy = doc
        let inner = doc["a"]
        doc["a"]?["b"] = 2
        try expectBytes(copy, #"{"a": {"b": 1}}"#)
        #expect(inner == ["b": 1])
        try expectBytes(doc, #"{"a": {"b": 2}}"#)
    }

    @Test func anEditOfAnEmbeddedDocumentReadOutOfItsParentLeavesTheParentAlone() throws {
        let parent: BSONDocument = ["a": ["b": 1], "c": 2]
        var inner = try #require(parent["a"]?.documentValue)
        inner["b"] = "changed"
        try expectBytes(parent, #"{"a": {"b": 1}, "c": 2}"#)
        try expectBytes(inner, #"{"b": "changed"}"#)
    }
}
