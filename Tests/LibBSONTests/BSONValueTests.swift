import Foundation
import Testing
@testable import LibBSON

@Suite struct BSONValueTests {
    @Test func literalsPickTheExpectedCases() {
        let small: BSON = 5
        let big: BSON = 5_000_000_000
        #expect(small == .int32(5))
        #expect(big == .int64(5_000_000_000))
        #expect(("x" as BSON) == .string("x"))
        #expect((2.5 as BSON) == .double(2.5))
        #expect((nil as BSON) == .null)
        #expect(([1, "a"] as BSON) == .array([.int32(1), .string("a")]))
        #expect(((["k": 1] as BSON).documentValue?["k"]) == .int32(1))
    }

    @Test func losslessIntegerConversions() {
        #expect(BSON.int32(7).toInt() == 7)
        #expect(BSON.int64(.max).toInt64() == .max)
        #expect(BSON.double(3.0).toInt() == 3)
        #expect(BSON.double(3.5).toInt() == nil)
        #expect(BSON.double(.nan).toInt() == nil)
        #expect(BSON.int64(1 << 40).toInt32() == nil)
        #expect(BSON.string("3").toInt() == nil)
    }

    @Test func losslessDoubleConversions() {
        #expect(BSON.int32(7).toDouble() == 7.0)
        #expect(BSON.int64(1 << 53).toDouble() == 9_007_199_254_740_992.0)
        #expect(BSON.int64((1 << 53) + 1).toDouble() == nil)
        #expect(BSON.bool(true).toDouble() == nil)
    }

    @Test func typedAccessorsReturnNilForOtherTypes() {
        let v = BSON.string("s")
        #expect(v.stringValue == "s")
        #expect(v.int32Value == nil)
        #expect(v.documentValue == nil)
        #expect(v.arrayValue == nil)
        #expect(v.type == .string)
    }

    @Test func objectIDHexRoundTripAndTimestamp() throws {
        let id = try BSONObjectID("57E193D7A9CC81B4027498B5")
        #expect(id.hex == "57e193d7a9cc81b4027498b5")
        #expect(id.timestamp == Date(timeIntervalSince1970: 0x57E1_93D7))
        #expect(throws: BSONError.self) { try BSONObjectID("57e193d7") }
        #expect(throws: BSONError.self) { try BSONObjectID("zze193d7a9cc81b4027498b5") }
        #expect(throws: BSONError.self) { try BSONObjectID([1, 2, 3]) }
    }

    @Test func generatedObjectIDsAreUniqueAndIncreasing() {
        let ids = (0..<10_000).map { _ in BSONObjectID() }
        #expect(Set(ids).count == ids.count)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { ObjectIDOrder.follows($1, $0) })
    }

    @Test func decimal128StringsRoundTripExactly() throws {
        for s in ["0.10", "-0", "1.000000000000000000000000000000000E+6144", "NaN", "Infinity", "-Infinity", "1234567890123456789012345678901234"] {
            #expect(try BSONDecimal128(s).description == s)
        }
        #expect(throws: BSONError.self) { try BSONDecimal128("1.2.3") }
        #expect(throws: BSONError.self) { try BSONDecimal128("") }
        #expect(throws: BSONError.self) { try BSONDecimal128("1\u{0}") }
    }

    @Test func datetimeKeepsEveryMillisecond() {
        for ms: Int64 in [.min, -1, 0, 1, 1_356_351_330_501, .max] {
            let dt = BSONDatetime(millisecondsSinceEpoch: ms)
            let doc: BSONDocument = ["d": .datetime(dt)]
            #expect(doc["d"]?.datetimeValue?.millisecondsSinceEpoch == ms)
        }
        let date = Date(timeIntervalSince1970: 1_356_351_330.501)
        #expect(BSONDatetime(date).millisecondsSinceEpoch == 1_356_351_330_501)
        #expect(BSONDatetime(millisecondsSinceEpoch: 1_356_351_330_501).description == "2012-12-24T12:15:30.501Z")
        #expect(BSONDatetime(Date.distantFuture).date.timeIntervalSince1970 == Date.distantFuture.timeIntervalSince1970)
    }

    @Test func regexOptionsAreSortedAndNULIsRejected() throws {
        #expect(try BSONRegularExpression(pattern: "a", options: "xmi").options == "imx")
        #expect(throws: BSONError.self) { try BSONRegularExpression(pattern: "a\0", options: "") }
        #expect(throws: BSONError.self) { try BSONRegularExpression(pattern: "a", options: "i\0") }
    }

    @Test func uuidHelpers() throws {
        let uuid = UUID()
        let bin = BSONBinary(uuid: uuid)
        #expect(bin.subtype == .uuid)
        #expect(try bin.toUUID() == uuid)
        let legacy = BSONBinary(subtype: .uuidOld, data: bin.data)
        #expect(try legacy.toUUID() == uuid)
        #expect(throws: BSONError.self) { try BSONBinary(subtype: .generic, data: bin.data).toUUID() }
        #expect(throws: BSONError.self) { try BSONBinary(subtype: .uuid, data: [1, 2]).toUUID() }
        #expect(BSONBinary.Subtype.userDefined(0x01).rawValue == 0x81)
    }

    @Test func valueDescriptionIsRelaxedJSON() {
        #expect(BSON.int64(3).description == "3")
        #expect(BSON.string("a\"b").description == #""a\"b""#)
        #expect(BSON.array([1, 2]).description == "[1,2]")
    }
}

@Suite struct BSONValueEdgeTests {
    /// libbson 1.23 reads "0." + 65,530 zeros + "5" as 5E-6176; we refuse such strings.
    @Test func absurdlyLongDecimalStringsAreRefused() throws {
        let long = "0." + String(repeating: "0", count: 65_530) + "5"
        #expect(throws: BSONError.self) { try BSONDecimal128(long) }
        #expect(throws: BSONError.self) { try BSONDocument(fromJSON: #"{"d": {"$numberDecimal": "\#(long)"}}"#) }
        #expect(try BSONDecimal128("1.5E+10").description == "1.5E+10")
    }

    /// The size limit is checked while parsing, not after building the whole output.
    @Test func jsonSizeLimitStopsTheParserEarly() {
        let text = "{\"a\":[" + String(repeating: "1,", count: 2_000_000) + "1]}"
        let limits = BSONContext(name: "1 MiB", validation: BSONValidationOptions(maxDocumentSize: 1 << 20))
        #expect {
            try BSONDocument(fromJSON: text, context: limits)
        } throws: { error in
            guard let e = error as? BSONError, e.code == .sizeLimitExceeded, let offset = e.offset else { return false }
            return offset < text.utf8.count / 2   // stopped near 1 MiB of output, far before the end
        }
    }
}
