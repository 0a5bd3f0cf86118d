import Foundation
import Testing
@testable import LibBSON

/// `ExtendedJSONCodable`, the Extended JSON shape BSON values take through other coders
/// (`JSONDecoder`, `JSONEncoder`), against the parser behind `BSONDocument(fromJSON:)`: the
/// same wrapper text gives the same value, or is refused by both.
///
/// Before issue 13 the two read wrapper strings with different code and disagreed on:
/// `$numberDouble` hex floats (`Double("0x10")` accepted), base64 with whitespace or
/// non-zero padding bits (Foundation's rules, not libbson's), `{"$uuid": …}` and a lone
/// `{"$regex": "…"}` (documents to the decoder, values to the parser), `{"$regex": <not a
/// string>, "$options": …}` (an error to the decoder, the query operator to the parser), and
/// `{"$undefined": false}` / `{"$minKey": 2}` (accepted by the decoder).
@Suite struct ExtendedJSONCodableTests {
    /// What each reader gives for `{"a": wrapper}`: the value, or nil when refused.
    static func both(_ wrapper: String) -> (parser: BSON?, decoder: BSON?) {
        let text = #"{"a": \#(wrapper)}"#
        let parsed = (try? BSONDocument(fromJSON: text))?["a"]
        let decoded = (try? JSONDecoder().decode(BSON.self, from: Data(text.utf8)))?["a"]
        return (parsed, decoded)
    }

    static let accepted: [String] = [
        #"{"$numberInt": "+7"}"#, #"{"$numberInt": "-0"}"#, #"{"$numberLong": "007"}"#,
        #"{"$numberDouble": "1e3"}"#, #"{"$numberDouble": ".5"}"#, #"{"$numberDouble": "-Infinity"}"#,
        #"{"$numberDecimal": "1.5E+3"}"#, #"{"$oid": "56E1FC72E0C917E9C4714161"}"#,
        #"{"$binary": {"base64": "A QI=\n", "subType": "0"}}"#, #"{"$binary": "AQI=", "$type": "80"}"#,
        #"{"$uuid": "73ffd264-44b3-4c69-90e8-e7d1dfc035d4"}"#,
        #"{"$date": "2016-12-31T23:59:60Z"}"#, #"{"$date": {"$numberLong": "+5"}}"#, #"{"$date": -42}"#,
        #"{"$timestamp": {"t": 1, "i": 2}}"#,
        #"{"$regularExpression": {"pattern": "p", "options": "mi"}}"#,
        #"{"$regex": "p", "$options": "iim"}"#, #"{"$regex": "p"}"#,
        #"{"$dbPointer": {"$ref": "c", "$id": {"$oid": "56e1fc72e0c917e9c4714161"}}}"#,
        #"{"$code": "x"}"#, #"{"$code": "x", "$scope": {"y": 1}}"#, #"{"$symbol": "s"}"#,
        #"{"$undefined": true}"#, #"{"$minKey": 1}"#, #"{"$maxKey": 1}"#,
        #"{"$type": "string"}"#, #"{"x": {"$numberLong": "1"}}"#,
    ]

    static let refused: [String] = [
        #"{"$numberInt": "2147483648"}"#, #"{"$numberInt": " 1"}"#, #"{"$numberLong": "1.0"}"#,
        #"{"$numberDouble": "0x10"}"#, #"{"$numberDouble": "inf"}"#, #"{"$numberDouble": "1e400"}"#,
        #"{"$oid": "56e1fc72e0c917e9c471416z"}"#,
        #"{"$binary": {"base64": "AR==", "subType": "00"}}"#, #"{"$binary": {"base64": "AQI", "subType": "00"}}"#,
        #"{"$binary": {"base64": "AQI=", "subType": "100"}}"#, #"{"$binary": "AQI=", "$type": "0x1"}"#,
        #"{"$uuid": "73ffd26444b34c6990e8e7d1dfc035d4"}"#,
        #"{"$date": "1970-02-30T00:00:00Z"}"#, #"{"$date": {"$numberLong": "1e3"}}"#,
        #"{"$timestamp": {"t": 4294967296, "i": 1}}"#,
        #"{"$regularExpression": {"pattern": "p", "options": "ii"}}"#, #"{"$regex": "p", "$options": "iz"}"#,
        #"{"$undefined": false}"#, #"{"$minKey": 2}"#, #"{"$maxKey": 0}"#,
    ]

    @Test func bothReadersAcceptTheSameWrappersAlike() {
        for wrapper in Self.accepted {
            let (parser, decoder) = Self.both(wrapper)
            #expect(parser != nil && parser == decoder, "\(wrapper): parser \(String(describing: parser)), decoder \(String(describing: decoder))")
        }
    }

    @Test func bothReadersRefuseTheSameWrappers() {
        for wrapper in Self.refused {
            let (parser, decoder) = Self.both(wrapper)
            #expect(parser == nil && decoder == nil, "\(wrapper): parser \(String(describing: parser)), decoder \(String(describing: decoder))")
        }
    }

    /// `$regex` with a value that is not a string is the query operator: a plain document.
    @Test func regexQueryOperatorIsADocumentToBoth() throws {
        let (parser, decoder) = Self.both(#"{"$regex": {"$regularExpression": {"pattern": "p", "options": ""}}, "$options": "ix"}"#)
        let regex = try BSONRegularExpression(pattern: "p", options: "")
        #expect(parser?.documentValue?["$regex"] == .regex(regex) && parser?.documentValue?["$options"] == "ix")
        #expect(decoder?.documentValue?["$regex"] == .regex(regex) && decoder?.documentValue?["$options"] == "ix")
    }

    /// Values written by `JSONEncoder` read back through both readers.
    @Test func encodedValuesReadBackThroughBothReaders() throws {
        let values: [BSON] = [
            .int32(-5), .int64(1 << 40), .double(0.1), .double(-.infinity), .decimal128(try BSONDecimal128("1.5")),
            .objectID(try BSONObjectID("56e1fc72e0c917e9c4714161")), .symbol(BSONSymbol("s")),
            .code(BSONCode(code: "x")), .codeWithScope(BSONCodeWithScope(code: "x", scope: ["y": .int32(1)])),
            .binary(BSONBinary(subtype: .uuid, data: Array(0..<16))), .datetime(BSONDatetime(millisecondsSinceEpoch: -1)),
            .timestamp(BSONTimestamp(timestamp: 1, increment: 2)), .regex(try BSONRegularExpression(pattern: "p", options: "xi")),
            .dbPointer(BSONDBPointer(ref: "c", id: try BSONObjectID("56e1fc72e0c917e9c4714161"))),
            .undefined, .minKey, .maxKey,
        ]
        for value in values {
            let json = try #require(String(data: try JSONEncoder().encode(value), encoding: .utf8))
            let (parser, decoder) = Self.both(json)
            #expect(parser == value && decoder == value, "\(json)")
        }
    }
}
