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

    @Test func equalityIsOnBytesAndHashingAgrees() {
        let a: BSONDocument = ["x": 1, "y": 2]
        let b: BSONDocument = ["x": 1, "y": 2]
        let c: BSONDocument = ["y": 2, "x": 1]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }

    @Test func dataAndBytesAgree() throws {
        let doc: BSONDocument = ["a": "b"]
        #expect([UInt8](doc.toData()) == doc.bytes)
        let again = try BSONDocument(fromBSON: doc.toData())
        #expect(again == doc)
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
