import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// One ISO 8601 grammar (`ISO8601.parse`) through every entry point that reads date text:
/// `BSONDocument(fromJSON:)` and `JSONDecoder` (the same `{"$date": "…"}` through
/// `ExtendedJSONCodable`), and `BSONDecoder`'s `.iso8601` strategy (the `Date` it gives, stored
/// again by `BSONEncoder`). Each must give the milliseconds below, worked out by hand, or
/// refuse the text; libbson 1.23's `bson_new_from_json` is asked too, and must agree wherever
/// it is not listed as differing.
///
/// Before issue 13 the Extended JSON parser accepted second 60 and left-out seconds and
/// refused lower-case `t`/`z` and more than three fraction digits, while the Codable paths
/// did the opposite.
@Suite struct ISO8601Tests {
    enum Libbson {
        /// libbson reads the text as we do.
        case same
        /// libbson refuses the text.
        case refuses
        /// libbson reads other milliseconds (it rolls a day its month lacks over).
        case reads(Int64)
    }

    static let cases: [(text: String, ms: Int64?, libbson: Libbson)] = [
        // Second 60 (RFC 3339's leap second) is the next minute's second 0, in any minute.
        // 2017-01-01 is day 17167 (Python's datetime): 17167 * 86400 = 1483228800 s.
        ("2016-12-31T23:59:60Z", 1_483_228_800_000, .same),
        ("2016-12-31T23:59:60.999+0100", 1_483_228_800_000 - 3_600_000 + 999, .same),
        ("1970-01-01T00:00:60Z", 60_000, .same),
        ("1970-01-01T23:59:60.5Z", 86_400_500, .same),
        // Seconds left out, offsets without a colon (libbson's forms).
        ("1970-01-01T00:00Z", 0, .same),
        ("1970-01-01T01:00:00+0100", 0, .same),
        ("1970-01-01T00:00:00-0530", 19_800_000, .same),           // UTC is 5 h 30 min later
        // The corpus's "positive ms": 1356351330 s (calendar.timegm) + 501 ms.
        ("2012-12-24T12:15:30.501Z", 1_356_351_330_501, .same),
        ("1970-01-01T00:00:00.1Z", 100, .same),
        ("1970-01-01T00:00:00.12Z", 120, .same),
        // Day -719528 and day 2932896 (see CivilCalendarTests), day 11016 (2000 is a leap year).
        ("0000-01-01T00:00:00Z", -719_528 * 86_400_000, .same),
        ("9999-12-31T23:59:59.999Z", 2_932_896 * 86_400_000 + 86_399_999, .same),
        ("2000-02-29T00:00:00Z", 11_016 * 86_400_000, .same),
        // RFC 3339 forms libbson refuses: the colon in the offset, lower-case t and z.
        ("1970-01-01T01:00:00+01:00", 0, .refuses),
        ("1970-01-01t00:00:00z", 0, .refuses),
        // Fractions of any length (RFC 3339), rounded to the nearest millisecond, halfway away
        // from zero: 0.5 ms -> 1; -1 s + 999.5 ms = -0.5 ms -> -1; 123.456789123 -> 123; 999.9 -> 1000.
        ("1970-01-01T00:00:00.0005Z", 1, .refuses),
        ("1969-12-31T23:59:59.9995Z", -1, .refuses),
        ("1970-01-01T00:00:00.123456789123Z", 123, .refuses),
        ("1970-01-01T00:00:00.9999Z", 1000, .refuses),
        // A day its month does not have: refused; libbson rolls it into March (day 60 of 1970,
        // and 1900-03-01, day -25508).
        ("1970-02-30T00:00:00Z", nil, .reads(60 * 86_400_000)),
        ("1900-02-29T00:00:00Z", nil, .reads(-25_508 * 86_400_000)),
        // Refused by both.
        ("1970-01-01T00:00:61Z", nil, .refuses),
        ("1970-01-01T24:00:00Z", nil, .refuses),
        ("1970-01-01T00:60:00Z", nil, .refuses),
        ("1970-13-01T00:00:00Z", nil, .refuses),
        ("1970-01-01T00:00:00", nil, .refuses),
        ("1970-01-01 00:00:00Z", nil, .refuses),
        ("1970-01-01T00:00:00,5Z", nil, .refuses),
        ("1970-01-01T00:00:00.Z", nil, .refuses),
        ("10000-01-01T00:00:00Z", nil, .refuses),
        ("1970-01-01T00:00:00+2400", nil, .refuses),
        ("1970-01-01T00:00:00+01", nil, .refuses),
        (" 1970-01-01T00:00:00Z", nil, .refuses),
        ("1970-01-01T00:00:00Zjunk", nil, .refuses),
    ]

    static func datetimeDocument(_ ms: Int64) -> BSONDocument {
        ["a": .datetime(BSONDatetime(millisecondsSinceEpoch: ms))]
    }

    @Test func everyReaderAcceptsAndRefusesTheSameText() throws {
        var iso = BSONCoderOptions()
        iso.dateDecodingStrategy = .iso8601
        for c in Self.cases {
            let json = #"{"a": {"$date": "\#(c.text)"}}"#
            let expected = c.ms.map(Self.datetimeDocument)
            #expect((try? BSONDocument(fromJSON: json)) == expected, "BSONDocument(fromJSON:) \(c.text)")
            #expect((try? JSONDecoder().decode(BSON.self, from: Data(json.utf8))) == expected.map(BSON.document),
                    "JSONDecoder \(c.text)")
            let date = try? BSONDecoder(options: iso).decode(Box<Date>.self, from: ["value": .string(c.text)]).value
            #expect(date.flatMap { try? BSONEncoder().encode(Box(value: $0))["value"] } == c.ms.map { .datetime(BSONDatetime(millisecondsSinceEpoch: $0)) },
                    ".iso8601 \(c.text)")
            let libbson = try? LibBSONOracle.bsonBytes(fromJSON: json)
            switch c.libbson {
            case .same: #expect(libbson != nil && libbson == expected?.bytes, "libbson \(c.text)")
            case .refuses: #expect(libbson == nil, "libbson \(c.text)")
            case .reads(let ms): #expect(libbson == Self.datetimeDocument(ms).bytes, "libbson \(c.text)")
            }
        }
    }

    /// A `Date` read from text is the `Date` of its nearest millisecond, as a `$date` is: the
    /// halfway cases above give the same answer through `.iso8601` only because of that (a
    /// `Date` counts from 2001 in a `Double`, too coarse near 1970 to keep 0.0005 s exactly).
    @Test func codableReadsFractionsToTheNearestMillisecond() throws {
        var iso = BSONCoderOptions()
        iso.dateDecodingStrategy = .iso8601
        let decoder = BSONDecoder(options: iso)
        for (text, ms) in [("1970-01-01T00:00:00.123456789123Z", 123.0), ("1970-01-01T00:00:00.0005Z", 1),
                           ("1969-12-31T23:59:59.9995Z", -1), ("2012-12-24T12:15:30.5Z", 1_356_351_330_500)] {
            #expect(try decoder.decode(Box<Date>.self, from: ["value": .string(text)]).value == Date(timeIntervalSince1970: ms / 1000), "\(text)")
        }
    }

    /// The one formatter: relaxed Extended JSON and the `.iso8601` strategy write the same text
    /// (the Extended JSON spec's form: `Z`, three fraction digits, none when zero); relaxed
    /// writes it only for 1970 to 9999, `.iso8601` for 0000 to 9999. A second 60 read from text
    /// is written as the next minute.
    @Test func relaxedExtendedJSONAndCodableWriteTheSameText() throws {
        var iso = BSONCoderOptions()
        iso.dateEncodingStrategy = .iso8601
        let cases: [(ms: Int64, text: String)] = [
            (0, "1970-01-01T00:00:00Z"),
            (1, "1970-01-01T00:00:00.001Z"),
            (1_483_228_800_000, "2017-01-01T00:00:00Z"),
            (1_356_351_330_501, "2012-12-24T12:15:30.501Z"),
            (1_356_351_330_010, "2012-12-24T12:15:30.010Z"),
            (2_932_896 * 86_400_000 + 86_399_999, "9999-12-31T23:59:59.999Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (-86_400_250, "1969-12-30T23:59:59.750Z"),
            (-719_528 * 86_400_000, "0000-01-01T00:00:00Z"),
        ]
        for c in cases {
            let doc = Self.datetimeDocument(c.ms)
            let date = Date(timeIntervalSince1970: Double(c.ms) / 1000)
            #expect(try BSONEncoder(options: iso).encode(Box(value: date)) == ["value": .string(c.text)])
            let relaxed = c.ms >= 0 ? #"{"a":{"$date":"\#(c.text)"}}"# : #"{"a":{"$date":{"$numberLong":"\#(c.ms)"}}}"#
            #expect(doc.toExtendedJSONString() == relaxed)
            #expect(BSONDatetime(millisecondsSinceEpoch: c.ms).description == (c.ms >= 0 ? c.text : "\(c.ms) ms since epoch"))
        }
        #expect(try BSONDocument(fromJSON: #"{"a": {"$date": "2016-12-31T23:59:60Z"}}"#).toExtendedJSONString()
            == #"{"a":{"$date":"2017-01-01T00:00:00Z"}}"#)
        // Past year 9999: relaxed falls back to the count, .iso8601 is an error.
        let y10k: Int64 = 253_402_300_800_000
        #expect(Self.datetimeDocument(y10k).toExtendedJSONString() == #"{"a":{"$date":{"$numberLong":"253402300800000"}}}"#)
        #expect(throws: EncodingError.self) { try BSONEncoder(options: iso).encode(Box(value: Date(timeIntervalSince1970: Double(y10k) / 1000))) }
    }
}
