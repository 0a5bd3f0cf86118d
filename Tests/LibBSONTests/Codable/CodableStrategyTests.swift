import Foundation
import Testing
@testable import LibBSON

/// Every strategy of BSONCoderOptions, encoded and decoded.
@Suite struct CodableStrategyTests {
    static let when = Date(timeIntervalSince1970: 1_356_351_330.501)   // 2012-12-24T12:15:30.501Z

    private func options(_ change: (inout BSONCoderOptions) -> Void) -> BSONCoderOptions {
        var o = BSONCoderOptions()
        change(&o)
        return o
    }

    // MARK: Dates

    @Test func dateAsBSONDatetimeByDefault() throws {
        let doc = try BSONEncoder().encode(Box(value: Self.when))
        #expect(doc["value"] == .datetime(BSONDatetime(millisecondsSinceEpoch: 1_356_351_330_501)))
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.when)) == Box(value: Self.when))
        // Rounded to the nearest millisecond, before and after 1970.
        let early = Date(timeIntervalSince1970: -1.0004)
        #expect(try BSONEncoder().encode(Box(value: early))["value"] == .datetime(BSONDatetime(millisecondsSinceEpoch: -1000)))
    }

    @Test func dateAsMillisecondsSince1970() throws {
        let o = options { $0.dateEncodingStrategy = .millisecondsSince1970; $0.dateDecodingStrategy = .millisecondsSince1970 }
        let doc = try BSONEncoder(options: o).encode(Box(value: Self.when))
        #expect(doc["value"] == .int64(1_356_351_330_501))
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.when), options: o) == Box(value: Self.when))
        #expect(try BSONDecoder(options: o).decode(Box<Date>.self, from: ["value": .int32(1500)]).value == Date(timeIntervalSince1970: 1.5))
        #expect(try BSONDecoder(options: o).decode(Box<Date>.self, from: ["value": .double(2500)]).value == Date(timeIntervalSince1970: 2.5))
    }

    @Test func dateAsSecondsSince1970() throws {
        let o = options { $0.dateEncodingStrategy = .secondsSince1970; $0.dateDecodingStrategy = .secondsSince1970 }
        let doc = try BSONEncoder(options: o).encode(Box(value: Self.when))
        #expect(doc["value"] == .double(Self.when.timeIntervalSince1970))
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.when), options: o) == Box(value: Self.when))
        #expect(try BSONDecoder(options: o).decode(Box<Date>.self, from: ["value": .int64(86_400)]).value == Date(timeIntervalSince1970: 86_400))
    }

    @Test func dateAsISO8601() throws {
        let o = options { $0.dateEncodingStrategy = .iso8601; $0.dateDecodingStrategy = .iso8601 }
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
        let o = options {
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
        let keyed = options {
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

    // MARK: UUIDs

    static let uuid = UUID(uuid: (0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF))

    @Test func uuidAsBinarySubtype4ByDefault() throws {
        let doc = try BSONEncoder().encode(Box(value: Self.uuid))
        #expect(doc["value"] == .binary(BSONBinary(uuid: Self.uuid)))
        #expect(doc["value"]?.binaryValue?.subtype == .uuid)
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.uuid)) == Box(value: Self.uuid))
    }

    @Test func uuidDecodingReadsLegacySubtype3() throws {
        let legacy = BSONBinary(subtype: .uuidOld, data: BSONBinary(uuid: Self.uuid).data)
        #expect(try BSONDecoder().decode(Box<UUID>.self, from: ["value": .binary(legacy)]).value == Self.uuid)
        // Other subtypes and other lengths are errors.
        #expect(throws: DecodingError.self) {
            try BSONDecoder().decode(Box<UUID>.self, from: ["value": .binary(BSONBinary(subtype: .generic, data: legacy.data))])
        }
        #expect(throws: DecodingError.self) {
            try BSONDecoder().decode(Box<UUID>.self, from: ["value": .binary(BSONBinary(subtype: .uuid, data: [1, 2]))])
        }
    }

    @Test func uuidAsString() throws {
        let o = options { $0.uuidEncodingStrategy = .string; $0.uuidDecodingStrategy = .string }
        #expect(try BSONEncoder(options: o).encode(Box(value: Self.uuid)) == ["value": "00112233-4455-6677-8899-AABBCCDDEEFF"])
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.uuid), options: o) == Box(value: Self.uuid))
        #expect(try BSONDecoder(options: o).decode(Box<UUID>.self, from: ["value": "00112233-4455-6677-8899-aabbccddeeff"]).value == Self.uuid)
        #expect(throws: DecodingError.self) { try BSONDecoder(options: o).decode(Box<UUID>.self, from: ["value": "not-a-uuid"]) }
    }

    // MARK: Data

    static let data = Data([0, 1, 2, 0xFE, 0xFF])

    @Test func dataAsGenericBinaryByDefault() throws {
        #expect(try BSONEncoder().encode(Box(value: Self.data)) == ["value": .binary(BSONBinary(subtype: .generic, data: Self.data))])
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.data)) == Box(value: Self.data))
        #expect(try CodableTestSupport.roundTrip(Box(value: Data())) == Box(value: Data()))
        // Any subtype reads as Data, the old subtype 2 without its inner length.
        for subtype in [BSONBinary.Subtype.binaryOld, .md5, .userDefined(1)] {
            let doc: BSONDocument = ["value": .binary(BSONBinary(subtype: subtype, data: Self.data))]
            #expect(try BSONDecoder().decode(Box<Data>.self, from: doc).value == Self.data)
        }
    }

    @Test func dataAsBase64() throws {
        let o = options { $0.dataEncodingStrategy = .base64; $0.dataDecodingStrategy = .base64 }
        #expect(try BSONEncoder(options: o).encode(Box(value: Self.data)) == ["value": "AAEC/v8="])
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.data), options: o) == Box(value: Self.data))
        #expect(throws: DecodingError.self) { try BSONDecoder(options: o).decode(Box<Data>.self, from: ["value": "***"]) }
    }

    @Test func dataWithCustomClosures() throws {
        let o = options {
            $0.dataEncodingStrategy = .custom { data, encoder in
                var c = encoder.unkeyedContainer()
                for byte in data { try c.encode(byte) }
            }
            $0.dataDecodingStrategy = .custom { decoder in
                var c = try decoder.unkeyedContainer()
                var bytes: [UInt8] = []
                while !c.isAtEnd { bytes.append(try c.decode(UInt8.self)) }
                return Data(bytes)
            }
        }
        #expect(try BSONEncoder(options: o).encode(Box(value: Data([7, 8]))) == ["value": [.int32(7), .int32(8)]])
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.data), options: o) == Box(value: Self.data))
    }

    // MARK: Keys

    struct Keys: Codable, Equatable {
        var userID: Int
        var imageURLs: [String]
        var simple: String
        var _private: Bool
        var alreadySnake_case: Int
        var nested: Inner
        var lookup: [String: Int]
        struct Inner: Codable, Equatable { var firstName: String }
    }

    static let keys = Keys(userID: 1, imageURLs: ["u"], simple: "s", _private: true, alreadySnake_case: 2,
                           nested: Keys.Inner(firstName: "Ada"), lookup: ["camelKey": 1])

    @Test func keysAsWrittenByDefault() throws {
        let doc = try BSONEncoder().encode(Self.keys)
        #expect(doc.keys == ["userID", "imageURLs", "simple", "_private", "alreadySnake_case", "nested", "lookup"])
        #expect(try CodableTestSupport.roundTrip(Self.keys) == Self.keys)
    }

    @Test func snakeCaseBothWays() throws {
        let o = options { $0.keyEncodingStrategy = .convertToSnakeCase; $0.keyDecodingStrategy = .convertFromSnakeCase }
        let doc = try BSONEncoder(options: o).encode(Self.keys)
        // As JSONEncoder: a word boundary before the last capital followed by lowercase.
        #expect(doc.keys == ["user_id", "image_ur_ls", "simple", "_private", "already_snake_case", "nested", "lookup"])
        #expect(doc["nested"] == ["first_name": "Ada"])
        // Dictionary keys are data: left as they are.
        #expect(doc["lookup"] == ["camelKey": .int64(1)])
        #expect(try CodableTestSupport.roundTrip(Self.keys, options: o) == Self.keys)
        // A document written by someone else in snake_case reads into camelCase properties.
        struct Profile: Codable, Equatable { var firstName: String; var lastLoginAt: Int }
        let other: BSONDocument = ["first_name": "Grace", "last_login_at": 5]
        #expect(try BSONDecoder(options: o).decode(Profile.self, from: other) == Profile(firstName: "Grace", lastLoginAt: 5))
        #expect(SnakeCaseConversion.toSnakeCase("myURLProperty") == "my_url_property")
        #expect(SnakeCaseConversion.toSnakeCase("__leading") == "__leading")
        #expect(SnakeCaseConversion.fromSnakeCase("_one_two_three_") == "_oneTwoThree_")
        #expect(SnakeCaseConversion.fromSnakeCase("plain") == "plain")
    }

    @Test func snakeCaseAllKeysForEnumsWithAssociatedValues() throws {
        enum Event: Codable, Equatable { case userJoined(name: String), itemSold(count: Int) }
        let o = options { $0.keyEncodingStrategy = .convertToSnakeCase; $0.keyDecodingStrategy = .convertFromSnakeCase }
        let v = Box(value: [Event.userJoined(name: "a"), .itemSold(count: 2)])
        #expect(try BSONEncoder(options: o).encode(v)["value"]?[0] == ["user_joined": ["name": "a"]])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
    }

    @Test func customKeyStrategies() throws {
        let o = options {
            $0.keyEncodingStrategy = .custom { path in
                let last = path.last?.stringValue ?? ""
                return BSONCodingKey(stringValue: "k_" + last + "_\(path.count)")
            }
            $0.keyDecodingStrategy = .custom { path in
                let last = path.last?.stringValue ?? ""
                let parts = last.split(separator: "_")
                return BSONCodingKey(stringValue: parts.count == 3 ? String(parts[1]) : last)
            }
        }
        struct Inner: Codable, Equatable { var b: Int }
        struct Outer: Codable, Equatable { var a: Inner; var c: String }
        let v = Outer(a: Inner(b: 1), c: "x")
        let doc = try BSONEncoder(options: o).encode(v)
        #expect(doc == ["k_a_1": ["k_b_2": .int64(1)], "k_c_1": "x"])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
    }

    // MARK: Nil

    struct Optionals: Codable, Equatable {
        var a: Int?
        var b: String?
        var c: [Int?]
        var d: Keys.Inner?
    }

    @Test func nilOmitsTheKeyByDefault() throws {
        let v = Optionals(a: nil, b: "x", c: [1, nil], d: nil)
        let doc = try BSONEncoder().encode(v)
        #expect(doc == ["b": "x", "c": [.int64(1), .null]])
        #expect(try CodableTestSupport.roundTrip(v) == v)
    }

    @Test func nilWritesNullWhenAsked() throws {
        let o = options { $0.nilEncodingStrategy = .writeNull }
        let v = Optionals(a: nil, b: nil, c: [nil], d: nil)
        let doc = try BSONEncoder(options: o).encode(v)
        #expect(doc == ["a": .null, "b": .null, "c": [.null], "d": .null])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
        let some = Optionals(a: 1, b: "b", c: [], d: Keys.Inner(firstName: "f"))
        #expect(try CodableTestSupport.roundTrip(some, options: o) == some)
    }

    // MARK: Integers

    struct Widths: Codable, Equatable {
        var i8: Int8, i16: Int16, i32: Int32, i64: Int64, i: Int
        var u8: UInt8, u16: UInt16, u32: UInt32, u64: UInt64, u: UInt
        var f: Float, d: Double
    }

    static let widths = Widths(i8: -8, i16: -16, i32: -32, i64: -64, i: -1, u8: 8, u16: 16, u32: 32, u64: 64, u: 1, f: 0.5, d: 0.25)

    @Test func integerWidthsBySwiftTypeByDefault() throws {
        let doc = try BSONEncoder().encode(Self.widths)
        #expect(doc.map(\.value.type) == [.int32, .int32, .int32, .int64, .int64, .int32, .int32, .int64, .int64, .int64, .double, .double])
        #expect(try CodableTestSupport.roundTrip(Self.widths) == Self.widths)
        let extremes = Widths(i8: .min, i16: .max, i32: .min, i64: .max, i: .min, u8: .max, u16: .max, u32: .max,
                              u64: UInt64(Int64.max), u: UInt(Int64.max), f: .greatestFiniteMagnitude, d: -.infinity)
        #expect(try CodableTestSupport.roundTrip(extremes) == extremes)
    }

    @Test func integerWidthsSmallestThatFits() throws {
        let o = options { $0.integerEncodingStrategy = .smallestThatFits }
        let doc = try BSONEncoder(options: o).encode(Self.widths)
        #expect(doc.map(\.value.type) == [.int32, .int32, .int32, .int32, .int32, .int32, .int32, .int32, .int32, .int32, .double, .double])
        let big = Box(value: [Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min) - 1])
        #expect(try BSONEncoder(options: o).encode(big) == ["value": [.int32(.max), .int64(2_147_483_648), .int64(-2_147_483_649)]])
        #expect(try CodableTestSupport.roundTrip(Self.widths, options: o) == Self.widths)
    }

    @Test func unsignedAboveInt64MaxIsAnErrorByDefault() throws {
        struct U: Codable { var count: UInt64 }
        let error = #expect(throws: EncodingError.self) { try BSONEncoder().encode(Box(value: [U(count: .max)])) }
        let thrown = try #require(error)
        let context = try #require(CodableTestSupport.encodingContext(thrown))
        #expect(CodableTestSupport.path(context.codingPath) == ["value", "0", "count"])
        #expect(context.debugDescription.hasPrefix("18446744073709551615 does not fit in a BSON int64"))
        #expect(throws: EncodingError.self) { try BSONEncoder().encode(Box(value: UInt(Int64.max) + 1)) }
        // Negative values never decode into unsigned types by default.
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Box<UInt64>.self, from: ["value": .int64(-1)]) }
    }

    @Test func unsignedAsInt64BitPattern() throws {
        let o = options { $0.unsignedIntegerStrategy = .int64BitPattern }
        let v = Box(value: [UInt64.max, UInt64(Int64.max) + 1, 5])
        #expect(try BSONEncoder(options: o).encode(v) == ["value": [.int64(-1), .int64(.min), .int64(5)]])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
        #expect(try CodableTestSupport.roundTrip(Box(value: UInt.max), options: o) == Box(value: UInt.max))
        // Only 64-bit unsigned types read bit patterns.
        #expect(throws: DecodingError.self) { try BSONDecoder(options: o).decode(Box<UInt32>.self, from: ["value": .int64(-1)]) }
    }

    @Test func unsignedAsDecimal128() throws {
        let o = options { $0.unsignedIntegerStrategy = .decimal128 }
        let v = Box(value: [UInt64.max, 7])
        #expect(try BSONEncoder(options: o).encode(v) == ["value": [.decimal128(try BSONDecimal128("18446744073709551615")), .int64(7)]])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
        // Decimal128 integers decode into any integer type that holds them, with any options.
        #expect(try BSONDecoder().decode(Box<Int8>.self, from: ["value": .decimal128(try BSONDecimal128("-12"))]).value == -12)
        #expect(throws: DecodingError.self) {
            try BSONDecoder().decode(Box<Int>.self, from: ["value": .decimal128(try BSONDecimal128("1.5"))])
        }
    }

    // MARK: userInfo

    @Test func userInfoReachesEncodeAndInit() throws {
        let key = try #require(Reads.key)
        struct Reads: Codable, Equatable {
            static let key = CodingUserInfoKey(rawValue: "unit")
            var unit: String
            init(unit: String) { self.unit = unit }
            init(from decoder: any Decoder) throws { unit = Self.key.flatMap { decoder.userInfo[$0] as? String } ?? "none" }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                try c.encode(Self.key.flatMap { encoder.userInfo[$0] as? String } ?? "none")
            }
        }
        let o = options { $0.userInfo[key] = "cm" }
        #expect(try BSONEncoder(options: o).encode(Box(value: Reads(unit: "x"))) == ["value": "cm"])
        #expect(try BSONDecoder(options: o).decode(Box<Reads>.self, from: ["value": 1]).value == Reads(unit: "cm"))
    }
}
