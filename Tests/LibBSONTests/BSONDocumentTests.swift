import Foundation
import Testing
@testable import LibBSON

@Suite struct BSONDocumentTests {
    @Test func emptyDocumentIsFiveBytes() {
        let doc = BSONDocument()
        #expect(doc.bytes == [5, 0, 0, 0, 0])
        #expect(doc.isEmpty)
        #expect(doc.count == 0)
        #expect(doc.keys.isEmpty)
    }

    @Test func literalKeepsKeyOrder() {
        let doc: BSONDocument = ["z": 1, "a": 2, "m": 3]
        #expect(doc.keys == ["z", "a", "m"])
        #expect(doc.count == 3)
    }

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

    @Test func sequenceYieldsEveryElementInOrder() {
        let doc: BSONDocument = ["a": 1, "b": [true, nil], "c": ["d": "e"]]
        let pairs = Array(doc)
        #expect(pairs.map(\.key) == ["a", "b", "c"])
        #expect(pairs[1].value == .array([.bool(true), .null]))
        #expect(pairs[2].value["d"] == .string("e"))
    }

    @Test func equalityIsOnBytesAndHashingAgrees() {
        let a: BSONDocument = ["x": 1, "y": 2]
        let b: BSONDocument = ["x": 1, "y": 2]
        let c: BSONDocument = ["y": 2, "x": 1]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }

    @Test func keyWithNULIsRejectedBySetValue() {
        var doc = BSONDocument()
        #expect(throws: BSONError.self) { try doc.setValue(1, forKey: "a\0b") }
        #expect(throws: BSONError.self) { try BSONDocument(elements: [(key: "x\0", value: BSON.null)]) }
        #expect(doc.isEmpty)
    }

    @Test func withIDMovesOrCreatesTheID() throws {
        let plain: BSONDocument = ["a": 1]
        let withNew = try plain.withID()
        #expect(withNew.keys == ["_id", "a"])
        #expect(withNew["_id"]?.objectIDValue != nil)
        let id = BSONObjectID()
        let late: BSONDocument = ["a": 1, "_id": .objectID(id), "b": 2]
        let moved = try late.withID()
        #expect(moved.keys == ["_id", "a", "b"])
        #expect(moved["_id"] == .objectID(id))
        #expect(throws: Never.self) { try BSONDocument(fromBSON: moved.bytes) }
        let first: BSONDocument = ["_id": 7, "a": 1]
        #expect(try first.withID() == first)
    }

    @Test func dataAndBytesAgree() throws {
        let doc: BSONDocument = ["a": "b"]
        #expect([UInt8](doc.toData()) == doc.bytes)
        let again = try BSONDocument(fromBSON: doc.toData())
        #expect(again == doc)
    }

    @Test func descriptionIsRelaxedExtendedJSON() {
        let doc: BSONDocument = ["n": 1, "l": .int64(2), "d": 1.5]
        #expect(doc.description == #"{"n":1,"l":2,"d":1.5}"#)
        #expect(doc.toCanonicalExtendedJSONString() ==
            #"{"n":{"$numberInt":"1"},"l":{"$numberLong":"2"},"d":{"$numberDouble":"1.5"}}"#)
    }

    @Test func everyTypeRoundTripsThroughBytes() throws {
        let scope: BSONDocument = ["x": 1]
        let doc: BSONDocument = [
            "double": 1.25, "string": "héllo", "doc": ["k": "v"], "array": [1, "two"],
            "binary": .binary(BSONBinary(subtype: .userDefined(0x05), data: [1, 2, 3])),
            "old": .binary(BSONBinary(subtype: .binaryOld, data: [9, 9])),
            "undefined": .undefined, "oid": .objectID(BSONObjectID()), "bool": true,
            "date": .datetime(BSONDatetime(millisecondsSinceEpoch: .min)), "null": nil,
            "regex": .regex(try BSONRegularExpression(pattern: "a+", options: "xi")),
            "dbptr": .dbPointer(BSONDBPointer(ref: "db.c", id: try BSONObjectID("57e193d7a9cc81b4027498b5"))),
            "code": .code(BSONCode(code: "f()")), "symbol": .symbol(BSONSymbol("s")),
            "cws": .codeWithScope(BSONCodeWithScope(code: "g()", scope: scope)),
            "int32": .int32(.min), "ts": .timestamp(BSONTimestamp(timestamp: .max, increment: 1)),
            "int64": .int64(.max), "dec": .decimal128(try BSONDecimal128("1.000E-10")),
            "min": .minKey, "max": .maxKey,
        ]
        let again = try BSONDocument(fromBSON: doc.bytes)
        #expect(again == doc)
        #expect(Set(again.map(\.value.type)) == Set(BSONType.allCases))
        for (key, value) in doc {
            #expect(again[key] == value, "\(key)")
        }
        #expect(again["regex"]?.regexValue?.options == "ix")
        #expect(again["old"]?.binaryValue?.data == [9, 9])
        let fromJSON = try BSONDocument(fromJSON: doc.toCanonicalExtendedJSONString())
        #expect(fromJSON == doc)
    }
}
