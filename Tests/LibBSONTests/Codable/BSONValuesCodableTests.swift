import Foundation
import Testing
import LibBSON

/// The BSON value types' `Codable` conformances (Codable/BSONValues+Codable.swift): native
/// values through `BSONEncoder` and `BSONDecoder`, canonical Extended JSON through other coders.
@Suite struct BSONValuesCodableTests {

    struct AllBSON: Codable, Equatable {
        var id: BSONObjectID
        var decimal: BSONDecimal128
        var binary: BSONBinary
        var datetime: BSONDatetime
        var timestamp: BSONTimestamp
        var regex: BSONRegularExpression
        var code: BSONCode
        var codeWithScope: BSONCodeWithScope
        var dbPointer: BSONDBPointer
        var symbol: BSONSymbol
        var document: BSONDocument
        var values: [BSON]
        var any: BSON
        var optionalValue: BSON?
    }

    static func allBSON() throws -> AllBSON {
        AllBSON(id: BSONObjectID(), decimal: try BSONDecimal128("1.50"),
                binary: BSONBinary(subtype: .userDefined(0x05), data: [1, 2, 3]),
                datetime: BSONDatetime(millisecondsSinceEpoch: -62_135_596_800_000),
                timestamp: BSONTimestamp(timestamp: 123, increment: 456),
                regex: try BSONRegularExpression(pattern: "^a.*", options: "mi"),
                code: BSONCode(code: "function() {}"),
                codeWithScope: BSONCodeWithScope(code: "x", scope: ["x": 1]),
                dbPointer: BSONDBPointer(ref: "db.coll", id: BSONObjectID()),
                symbol: BSONSymbol("sym"),
                document: ["nested": ["deep": .minKey], "list": [1, "two"]],
                values: [.undefined, .null, .minKey, .maxKey, .int32(1), .int64(2), .double(.nan),
                         .binary(BSONBinary(subtype: .binaryOld, data: [9]))],
                any: .decimal128(try BSONDecimal128("-0.0")),
                optionalValue: .maxKey)
    }

    @Test func bsonValueTypesPassThroughUnchanged() throws {
        let v = try Self.allBSON()
        let doc = try BSONEncoder().encode(v)
        #expect(doc["id"] == .objectID(v.id))
        #expect(doc["decimal"] == .decimal128(v.decimal))
        #expect(doc["binary"] == .binary(v.binary))
        #expect(doc["datetime"] == .datetime(v.datetime))
        #expect(doc["timestamp"] == .timestamp(v.timestamp))
        #expect(doc["regex"] == .regex(v.regex))
        #expect(doc["code"] == .code(v.code))
        #expect(doc["codeWithScope"] == .codeWithScope(v.codeWithScope))
        #expect(doc["dbPointer"] == .dbPointer(v.dbPointer))
        #expect(doc["symbol"] == .symbol(v.symbol))
        #expect(doc["document"] == .document(v.document))
        #expect(doc["any"] == v.any)
        #expect(doc["optionalValue"] == .maxKey)
        // NaN is not equal to itself: compare the encoded bytes instead.
        let back = try BSONDecoder().decode(AllBSON.self, from: doc)
        #expect(try BSONEncoder().encode(back) == doc)
    }

    @Test func documentFieldIsASliceOfTheInputWithTheSameBytes() throws {
        let inner: BSONDocument = ["a": 1, "b": ["c": "d"]]
        let doc: BSONDocument = ["x": 1, "inner": .document(inner)]
        let back = try BSONDecoder().decode(Box<BSONDocument>.self, from: ["value": .document(inner)])
        #expect(back.value.bytes == inner.bytes)
        struct Fields: Codable { var x: Int; var inner: BSONDocument }
        #expect(try BSONDecoder().decode(Fields.self, from: doc).inner == inner)
        // A BSONDocument at the top level is the document itself.
        #expect(try BSONEncoder().encode(inner) == inner)
        #expect(try BSONDecoder().decode(BSONDocument.self, from: doc) == doc)
    }

    @Test func valueTypesThroughJSONEncoderAreCanonicalExtendedJSON() throws {
        let v = try Self.allBSON()
        let json = try JSONEncoder().encode(v)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""$oid":"\#(v.id.hex)""#))
        #expect(text.contains(#""$numberDecimal":"1.50""#))
        #expect(text.contains(#""$timestamp":{"#))
        let back = try JSONDecoder().decode(AllBSON.self, from: json)
        #expect(back.id == v.id && back.decimal == v.decimal && back.binary == v.binary && back.datetime == v.datetime)
        #expect(back.timestamp == v.timestamp && back.regex == v.regex && back.code == v.code && back.symbol == v.symbol)
        #expect(back.dbPointer == v.dbPointer && back.codeWithScope == v.codeWithScope && back.any == v.any)
        #expect(back.optionalValue == .maxKey)
        #expect(back.document["nested"] == ["deep": .minKey])
        #expect(back.document["list"] == [1, "two"])
        #expect(back.values.count == v.values.count)
        #expect(back.values[0] == .undefined && back.values[4] == .int32(1) && back.values[5] == .int64(2))
        #expect(back.values[6].doubleValue?.isNaN == true)
    }

    @Test func bsonFromRelaxedExtendedJSONThroughJSONDecoder() throws {
        let json = #"{"i": 1, "big": 9007199254740993, "d": 1.5, "s": "x", "n": null, "a": [true], "date": {"$date": "2020-01-02T03:04:05.678Z"}}"#
        let bson = try JSONDecoder().decode(BSON.self, from: Data(json.utf8))
        #expect(bson["i"] == .int32(1))
        #expect(bson["big"] == .int64(9_007_199_254_740_993))
        #expect(bson["d"] == .double(1.5))
        #expect(bson["s"] == "x")
        #expect(bson["n"] == .null)
        #expect(bson["a"] == [true])
        #expect(bson["date"] == .datetime(BSONDatetime(millisecondsSinceEpoch: 1_577_934_245_678)))
    }
}
