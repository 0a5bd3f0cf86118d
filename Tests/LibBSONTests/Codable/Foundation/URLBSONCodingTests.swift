import Foundation
import Testing
import LibBSON

/// `URL` through BSONEncoder and BSONDecoder (Codable/Foundation/URL+BSONCoding.swift): its
/// absolute string.
@Suite struct URLBSONCodingTests {
    @Test func urlAsItsAbsoluteString() throws {
        let url = try #require(URL(string: "https://example.com/a?b=c"))
        #expect(try BSONEncoder().encode(Box(value: url)) == ["value": "https://example.com/a?b=c"])
        #expect(try CodableTestSupport.roundTrip(Box(value: url)) == Box(value: url))
        // A relative URL is written whole, resolved against its base.
        let relative = try #require(URL(string: "b/c?d", relativeTo: URL(string: "https://example.com/a/")))
        #expect(try BSONEncoder().encode(Box(value: relative)) == ["value": "https://example.com/a/b/c?d"])
    }

    @Test func textThatIsNotAURLIsAnError() throws {
        #expect(try BSONDecoder().decode(Box<URL>.self, from: ["value": "https://example.com/"]).value.host == "example.com")
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Box<URL>.self, from: ["value": ""]) }
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Box<URL>.self, from: ["value": .int32(1)]) }
    }
}
