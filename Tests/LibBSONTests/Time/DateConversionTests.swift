import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// One rule from `Date` to BSON milliseconds (the nearest, halfway away from zero; no value
/// for NaN or beyond the Int64 range), and back, through every entry point: the value
/// initialisers, `BSONEncoder` with each date strategy that stores milliseconds, the BSON
/// bytes it writes, the Extended JSON text of those bytes, and `BSONDecoder`.
///
/// Before issue 13, `BSONDatetime(date)` rounded down while `BSONEncoder` rounded to the
/// nearest, so `Date(timeIntervalSince1970: 1.0006)` was stored as 1000 or 1001 ms depending
/// on the API.
@Suite struct DateConversionTests {
    static func options(_ encoding: BSONCoderOptions.DateEncodingStrategy) -> BSONCoderOptions {
        var o = BSONCoderOptions()
        o.dateEncodingStrategy = encoding
        return o
    }

    /// Seconds since 1970, the milliseconds they must be stored as (worked out by hand from
    /// the decimal value: round to the nearest), and the ISO 8601 text of those milliseconds.
    static let cases: [(seconds: Double, ms: Int64, iso: String)] = [
        // 1000.6 ms -> 1001 (rounding down gave 1000).
        (1.0006, 1001, "1970-01-01T00:00:01.001Z"),
        // 1.001 s is 1000.9999999999999 ms in binary floating point -> 1001 (down gave 1000).
        (1.001, 1001, "1970-01-01T00:00:01.001Z"),
        // -1000.4 ms -> -1000, i.e. -1 s + 0 ms: 1969-12-31T23:59:59.000 (no fraction written).
        (-1.0004, -1000, "1969-12-31T23:59:59Z"),
        // -1000.6 ms -> -1001 = -2 s + 999 ms.
        (-1.0006, -1001, "1969-12-31T23:59:58.999Z"),
        // The corpus's "positive ms" datetime: 1356351330 s (calendar.timegm of 2012-12-24
        // 12:15:30) + 501 ms.
        (1_356_351_330.501, 1_356_351_330_501, "2012-12-24T12:15:30.501Z"),
        // 9999-12-31T23:59:59 is 253402300799 s (2932896 days * 86400 + 86399); + 999.4 ms -> 999.
        (253_402_300_799.9994, 253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        // 0000-01-01 is day -719528: -62167219200 s; -0.4 ms -> 0 ms.
        (-62_167_219_200.0004, -62_167_219_200_000, "0000-01-01T00:00:00Z"),
    ]

    @Test func aDateIsStoredAsItsNearestMillisecondByEveryAPI() throws {
        for c in Self.cases {
            let date = Date(timeIntervalSince1970: c.seconds)
            let expected = BSONDatetime(millisecondsSinceEpoch: c.ms)
            // The value initialisers.
            #expect(BSONDatetime(date) == expected, "BSONDatetime(\(c.seconds) s)")
            #expect(BSONDatetime(validating: date) == expected, "BSONDatetime(validating: \(c.seconds) s)")
            // Codable, each strategy that stores milliseconds, as BSON bytes.
            let doc = try BSONEncoder().encode(Box(value: date))
            #expect(doc.bytes == (["value": .datetime(expected)] as BSONDocument).bytes, ".bsonDatetime, \(c.seconds) s")
            #expect(try BSONEncoder(options: Self.options(.millisecondsSince1970)).encode(Box(value: date))
                == ["value": .int64(c.ms)], ".millisecondsSince1970, \(c.seconds) s")
            #expect(try BSONEncoder(options: Self.options(.iso8601)).encode(Box(value: date))
                == ["value": .string(c.iso)], ".iso8601, \(c.seconds) s")
            // The Extended JSON text of those bytes (relaxed: ISO for 1970...9999, else the
            // count), read back by both Extended JSON readers.
            let relaxed = doc.toExtendedJSONString()
            #expect(relaxed == (c.ms >= 0 ? #"{"value":{"$date":"\#(c.iso)"}}"# : #"{"value":{"$date":{"$numberLong":"\#(c.ms)"}}}"#))
            let isoText = #"{"value": {"$date": "\#(c.iso)"}}"#
            #expect(try BSONDocument(fromJSON: isoText) == doc, "\(isoText)")
            #expect(try JSONDecoder().decode(BSON.self, from: Data(isoText.utf8)) == .document(doc), "\(isoText) through JSONDecoder")
        }
    }

    /// The way back: every API gives the `Date` nearest to ms / 1000, and that `Date` is stored
    /// again as the same milliseconds (what rounding to the nearest is for).
    @Test func millisecondsComeBackAsTheSameDateEverywhere() throws {
        var rng = SeededRandom(seed: 13)
        var samples: [Int64] = Self.cases.map(\.ms) + [0, 1, -1, 999, -999, 1_001, 2_000_000_000_001]
        // Within the years 0000 to 9999, and out to 2^51 ms (about 71,000 years), where a
        // `Date` still resolves milliseconds.
        samples += (0..<2000).map { _ in Int64.random(in: -62_167_219_200_000...253_402_300_799_999, using: &rng) }
        samples += (0..<2000).map { _ in Int64.random(in: -(1 << 51)...(1 << 51), using: &rng) }
        var isoOptions = BSONCoderOptions()
        isoOptions.dateEncodingStrategy = .iso8601
        isoOptions.dateDecodingStrategy = .iso8601
        var msOptions = BSONCoderOptions()
        msOptions.dateDecodingStrategy = .millisecondsSince1970
        var failures: [Int64] = []
        for ms in samples {
            let date = Date(timeIntervalSince1970: Double(ms) / 1000)
            let dt = BSONDatetime(millisecondsSinceEpoch: ms)
            var ok = dt.date == date
                && BSONDatetime(date) == dt
                && (try? BSONDecoder().decode(Box<Date>.self, from: ["value": .datetime(dt)]).value) == date
                && (try? BSONDecoder(options: msOptions).decode(Box<Date>.self, from: ["value": .int64(ms)]).value) == date
                && (try? BSONEncoder().encode(Box(value: date))) == ["value": .datetime(dt)]
            if ISO8601.Years.fourDigit.milliseconds.contains(ms) {
                // Through the ISO 8601 text and back, and from the text of the relaxed writer.
                let text = try BSONEncoder(options: isoOptions).encode(Box(value: date))
                ok = ok && (try? BSONDecoder(options: isoOptions).decode(Box<Date>.self, from: text).value) == date
                if case .string(let iso)? = text["value"] {
                    ok = ok && (try? BSONDocument(fromJSON: #"{"value": {"$date": "\#(iso)"}}"#)) == ["value": .datetime(dt)]
                }
            }
            if !ok { failures.append(ms) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    /// A `Date` with no BSON datetime: NaN, infinities and beyond the Int64 range of
    /// milliseconds (1e17 s is 1e20 ms > 2^63 ~ 9.22e18). `BSONDatetime(validating:)` gives nil
    /// and every Codable strategy throws; only `BSONDatetime(_:)` clamps, as documented.
    @Test func datesOutsideTheRangeHaveNoDatetime() throws {
        let cases: [(seconds: Double, clamped: Int64)] = [
            (.nan, 0), (.infinity, .max), (-.infinity, .min), (1e17, .max), (-1e17, .min),
        ]
        for c in cases {
            let date = Date(timeIntervalSince1970: c.seconds)
            #expect(BSONDatetime(validating: date) == nil, "\(c.seconds)")
            #expect(BSONDatetime(date).millisecondsSinceEpoch == c.clamped, "\(c.seconds)")
            for strategy in [BSONCoderOptions.DateEncodingStrategy.bsonDatetime, .millisecondsSince1970, .iso8601] {
                #expect(throws: EncodingError.self, "\(c.seconds), \(strategy)") {
                    try BSONEncoder(options: Self.options(strategy)).encode(Box(value: date))
                }
            }
        }
        // The error can be printed, even for NaN (Foundation's `Date.description` traps on it).
        let nan = #expect(throws: EncodingError.self) { try BSONEncoder().encode(Box(value: Date(timeIntervalSince1970: .nan))) }
        #expect(nan.map { String(describing: $0) }?.contains("nan seconds since 1970 is outside the range of BSON datetimes") == true)
        // Just inside: 9.2e15 s = 9.2e18 ms < 2^63 (9.2e18 = 92 * 10^17 is a multiple of 2^17,
        // so a double holds it exactly). ISO 8601 text stops at year 9999.
        let far = Date(timeIntervalSince1970: 9.2e15)
        #expect(BSONDatetime(validating: far)?.millisecondsSinceEpoch == 9_200_000_000_000_000_000)
        #expect(BSONDatetime(far).millisecondsSinceEpoch == 9_200_000_000_000_000_000)
        #expect(try BSONEncoder().encode(Box(value: far)) == ["value": .datetime(BSONDatetime(millisecondsSinceEpoch: 9_200_000_000_000_000_000))])
        #expect(throws: EncodingError.self) { try BSONEncoder(options: Self.options(.iso8601)).encode(Box(value: far)) }
    }
}
