import Foundation
import Testing
@testable import LibBSON

/// The settings of BSONCoderOptions not held by a Foundation type's file or the integer table: keys, nil, userInfo, validation limits.
@Suite struct BSONCoderOptionsTests {
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
        let o = coderOptions { $0.keyEncodingStrategy = .convertToSnakeCase; $0.keyDecodingStrategy = .convertFromSnakeCase }
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
    }

    @Test func snakeCaseAllKeysForEnumsWithAssociatedValues() throws {
        enum Event: Codable, Equatable { case userJoined(name: String), itemSold(count: Int) }
        let o = coderOptions { $0.keyEncodingStrategy = .convertToSnakeCase; $0.keyDecodingStrategy = .convertFromSnakeCase }
        let v = Box(value: [Event.userJoined(name: "a"), .itemSold(count: 2)])
        #expect(try BSONEncoder(options: o).encode(v)["value"]?[0] == ["user_joined": ["name": "a"]])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
    }

    @Test func customKeyStrategies() throws {
        let o = coderOptions {
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
        let o = coderOptions { $0.nilEncodingStrategy = .writeNull }
        let v = Optionals(a: nil, b: nil, c: [nil], d: nil)
        let doc = try BSONEncoder(options: o).encode(v)
        #expect(doc == ["a": .null, "b": .null, "c": [.null], "d": .null])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
        let some = Optionals(a: 1, b: "b", c: [], d: Keys.Inner(firstName: "f"))
        #expect(try CodableTestSupport.roundTrip(some, options: o) == some)
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
        let o = coderOptions { $0.userInfo[key] = "cm" }
        #expect(try BSONEncoder(options: o).encode(Box(value: Reads(unit: "x"))) == ["value": "cm"])
        #expect(try BSONDecoder(options: o).decode(Box<Reads>.self, from: ["value": 1]).value == Reads(unit: "cm"))
    }

    // MARK: Validation limits

    static let strict = BSONContext(name: "strict", validation: BSONValidationOptions(maxDepth: 2, maxDocumentSize: 64))
    /// `{"a": {"b": {"c": {"d": 1}}}}`: depth 3, over `strict`'s limit.
    static let deep = (["a": ["b": ["c": ["d": 1]]]] as BSONDocument).bytes
    struct Deep: Codable { var a: BSONDocument }

    @Test func validationReportsWhatAppliesWithNoContextBound() throws {
        let options = BSONCoderOptions()
        #expect(options.validationOverride == nil)
        #expect(options.validation(in: nil) == BSONContext.global.validation)
        #expect(options.validation(in: Self.strict) == Self.strict.validation)
        #expect(BSONDecoder().validation == BSONContext.global.validation)
        #expect(BSONDecoder(context: Self.strict).validation == Self.strict.validation)
        // What is reported is what is applied.
        _ = try BSONDecoder().decode(Deep.self, from: Self.deep)
        #expect(throws: DecodingError.self) { try BSONDecoder(context: Self.strict).decode(Deep.self, from: Self.deep) }
    }

    @Test func validationReportsTheBoundContextsLimits() throws {
        var loose = BSONCoderOptions()
        loose.validationOverride = BSONValidationOptions(maxDepth: 10)
        try BSONContext.withCurrent(Self.strict) {
            #expect(BSONCoderOptions().validation(in: nil) == Self.strict.validation)
            #expect(BSONDecoder().validation == Self.strict.validation)
            #expect(BSONDecoder(context: .global).validation == BSONContext.global.validation, "an explicit context wins")
            #expect(loose.validation(in: nil).maxDepth == 10, "the override wins over the context")
            #expect(BSONDecoder(options: loose).validation.maxDepth == 10)
            // What is reported is what is applied.
            #expect(throws: DecodingError.self) { try BSONDecoder().decode(Deep.self, from: Self.deep) }
            _ = try BSONDecoder(options: loose).decode(Deep.self, from: Self.deep)
            _ = try BSONDecoder(context: .global).decode(Deep.self, from: Self.deep)
        }
    }

    @Test func aContextsCoderOptionsCanCarryAnOverride() throws {
        var loose = BSONCoderOptions()
        loose.validationOverride = BSONValidationOptions(maxDepth: 10)
        let tenant = BSONContext(name: "tenant", coderOptions: loose, validation: Self.strict.validation)
        #expect(BSONDecoder(context: tenant).validation.maxDepth == 10)
        _ = try BSONDecoder(context: tenant).decode(Deep.self, from: Self.deep)
        // Options of the decoder's own replace the context's, override included.
        #expect(BSONDecoder(options: BSONCoderOptions(), context: tenant).validation == Self.strict.validation)
        #expect(throws: DecodingError.self) {
            try BSONDecoder(options: BSONCoderOptions(), context: tenant).decode(Deep.self, from: Self.deep)
        }
    }
}
