import Foundation
import Testing
@testable import LibBSON

/// camelCase <-> snake_case (Codable/SnakeCaseConversion.swift), with the rules `JSONEncoder`
/// and `JSONDecoder` document, checked against Foundation's own conversion of the same keys.
@Suite struct SnakeCaseConversionTests {
    static let keys = [
        "", "a", "A", "simple", "myURLProperty", "userID", "imageURLs", "URL", "ABC", "aB", "HTTPServer",
        "version2Value", "_private", "__leading", "trailing_", "alreadySnake_case", "one_two_three",
        "_one_two_three_", "a__b", "plain", "café", "éCafé", "ÉtéFini", "x1Y2z3",
    ]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Writes each key with its index as the value, so the converted keys can be matched up.
    struct Indexed: Encodable {
        var keys: [String]
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (index, key) in keys.enumerated() { try container.encode(index, forKey: Key(stringValue: key)) }
        }
    }

    /// Reads back every key a decoder presents, with its value.
    struct Presented: Decodable {
        var keys: [Int: String] = [:]
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            for key in container.allKeys { keys[try container.decode(Int.self, forKey: key)] = key.stringValue }
        }
    }

    @Test func toSnakeCaseIsJSONEncoders() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Keys that convert to the same snake_case key are written in separate objects.
        for key in Self.keys {
            let json = try encoder.encode(Indexed(keys: [key]))
            let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Int])
            #expect(object.keys.first == SnakeCaseConversion.toSnakeCase(key), "\(key)")
        }
        #expect(SnakeCaseConversion.toSnakeCase("myURLProperty") == "my_url_property")
        #expect(SnakeCaseConversion.toSnakeCase("__leading") == "__leading")
    }

    @Test func fromSnakeCaseIsJSONDecoders() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let snake = Self.keys + Self.keys.map(SnakeCaseConversion.toSnakeCase)
        for key in snake {
            let json = try JSONSerialization.data(withJSONObject: [key: 0])
            let presented = try decoder.decode(Presented.self, from: json)
            #expect(presented.keys[0] == SnakeCaseConversion.fromSnakeCase(key), "\(key)")
        }
        #expect(SnakeCaseConversion.fromSnakeCase("_one_two_three_") == "_oneTwoThree_")
        #expect(SnakeCaseConversion.fromSnakeCase("plain") == "plain")
    }

    /// A camelCase name of lowercase words survives the trip there and back.
    @Test func camelCaseWordsComeBack() {
        for key in ["firstName", "lastLoginAt", "a", "version2value", "_private"] {
            #expect(SnakeCaseConversion.fromSnakeCase(SnakeCaseConversion.toSnakeCase(key)) == key, "\(key)")
        }
        // Acronyms do not: their capitals are lost, as with JSONEncoder and JSONDecoder.
        #expect(SnakeCaseConversion.fromSnakeCase(SnakeCaseConversion.toSnakeCase("userID")) == "userId")
    }
}
