import Foundation
import Testing
@testable import LibBSON

/// `Date` through BSONEncoder and BSONDecoder: every strategy (Codable/Foundation/Date+BSONCoding.swift).
@Suite struct DateBSONCodingTests {
    static let when = Date(timeIntervalSince1970: 1_356_351_330.501)   // 2012-12-24T12:15:30.501Z

    @Test func dateAsBSONDatetimeByDefault() throws {
        let doc = try BSONEncoder().encode(Box(value: Self.when))
        #expect(doc["value"] == .datetime(BSONDatetime(millisecondsSinceEpoch: 1_356_351_330_501)))
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.when)) == Box(value: Self.when))
        // Rounded to the nearest millisecond, before and after 1970.
        let early = Date(timeIntervalSince1970: -1.0004)
        #expect(try BSONEncoder().encode(Box(value: early))["value"] == .datetime(BSONDatetime(millisecondsSinceEpoch: -1000)))
    }

    @Test func dateAsMillisecondsSince1970() throws {
        let o = coderOptions { $0.dateEncodingStrategy = .millisecondsSince1970; $0.dateDecodingStrategy = .millisecondsSince1970 }
        let doc = try BSONEncoder(options: o).encode(Box(value: Self.when))
        #expect(doc["value"] == .int64(1_356_351_330_501))
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.when), options: o) == Box(value: Self.when))
        #expect(try BSONDecoder(options: o).decode(Box<Date>.self, from: ["value": .int32(1500)]).value == Date(timeIntervalSince1970: 1.5))
        #expect(try BSONDecoder(options: o).decode(Box<Date>.self, from: ["value": .double(2500)]).value == Date(timeIntervalSince1970: 2.5))
    }

    @Test func dateAsSecondsSince1970() throws {
        let o = coderOptions { $0.dateEncodingStrategy = .secondsSince1970; $0.dateDecodingStrategy = .secondsSince1970 }
        let doc = try BSONEncoder(options: o).encode(Box(value: Self.when))
        #expect(doc["value"] == .double(Self.when.timeIntervalSince1970))
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.when), options: o) == Box(value: Self.when))
        #expect(try BSONDecoder(options: o).decode(Box<Date>.self, from: ["value": .int64(86_400)]).value == Date(timeIntervalSince1970: 86_400))
    }

    @Test func dateAsISO8601() throws {
        let o = coderOptions { $0.dateEncodingStrategy = .iso8601; $0.dateDecodingStrategy = .iso8601 }
        let dates: [Date] = [Self.when, Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -86_400.25),
                             Date(timeIntervalSince1970: 253_402_300_799.999), Date(timeIntervalSince1970: -62_167_219_200)]
        let expected = ["2012-12-24T12:15:30.501Z", "1970-01-01T00:00:00Z", "1969-12-30T23:59:59.750Z",
                        "9999-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z"]
        for (date, text) in zip(dates, expected) {
            #expect(try BSONEncoder(options: o).encode(Box(value: date))["value"] == .string(text))
            #expect(try CodableTestSupport.roundTrip(Box(value: date), options: o) == Box(value: date))
        }
        // Offsets and fractions of any length are read.
        let d = BSONDecoder(options: o)
        #expect(try d.decode(Box<Date>.self, from: ["value": "2012-12-24T13:15:30.501+01:00"]).value == Self.when)
        #expect(try d.decode(Box<Date>.self, from: ["value": "2012-12-24T07:15:30.501-0500"]).value == Self.when)
        #expect(try d.decode(Box<Date>.self, from: ["value": "2012-12-24T12:15:30.5Z"]).value == Date(timeIntervalSince1970: 1_356_351_330.5))
        // Invalid text and out-of-range dates are errors.
        #expect(throws: DecodingError.self) { try d.decode(Box<Date>.self, from: ["value": "2012-02-30T00:00:00Z"]) }
        #expect(throws: DecodingError.self) { try d.decode(Box<Date>.self, from: ["value": "yesterday"]) }
        #expect(throws: EncodingError.self) { try BSONEncoder(options: o).encode(Box(value: Date(timeIntervalSince1970: 1e12))) }
    }

    @Test func dateWithCustomClosures() throws {
        let o = coderOptions {
            $0.dateEncodingStrategy = .custom { date, encoder in
                var c = encoder.singleValueContainer()
                try c.encode("day \(Int(date.timeIntervalSince1970 / 86_400))")
            }
            $0.dateDecodingStrategy = .custom { decoder in
                let text = try decoder.singleValueContainer().decode(String.self)
                guard let days = Double(text.dropFirst(4)) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad day"))
                }
                return Date(timeIntervalSince1970: days * 86_400)
            }
        }
        let v = Box(value: [Date(timeIntervalSince1970: 86_400 * 3)])
        #expect(try BSONEncoder(options: o).encode(v) == ["value": ["day 3"]])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
        // A custom closure may also write a keyed container.
        let keyed = coderOptions {
            $0.dateEncodingStrategy = .custom { date, encoder in
                var c = encoder.container(keyedBy: BSONCodingKey.self)
                try c.encode(date.timeIntervalSince1970, forKey: BSONCodingKey(stringValue: "t"))
            }
        }
        #expect(try BSONEncoder(options: keyed).encode(Box(value: Date(timeIntervalSince1970: 2))) == ["value": ["t": .double(2)]])
    }

    @Test func datetimeStrategyRejectsOtherTypes() throws {
        let error = #expect(throws: DecodingError.self) {
            try BSONDecoder().decode(Box<Date>.self, from: ["value": .int64(5)])
        }
        let thrown = try #require(error)
        #expect(CodableTestSupport.context(thrown)?.debugDescription == "Expected a UTC datetime but found long 5")
    }
}
