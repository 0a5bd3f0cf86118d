import BSONService
import BSONServiceClient
import Foundation
import LibBSON
import Testing

@Suite("POST /convert")
struct ConvertTests {
    static let json = #"{"n":{"$numberLong":"42"},"when":{"$date":{"$numberLong":"1700000000000"}},"id":{"$oid":"0123456789abcdef01234567"},"d":{"$numberDecimal":"1.50"}}"#

    @Test("Extended JSON to BSON: the library's bytes")
    func jsonToBSON() async throws {
        try await withServer { client in
            let response = try await client.send(.post, "/convert", contentType: MediaType.json, body: Array(Self.json.utf8))
            #expect(response.status == 200, "\(response.text)")
            #expect(response.contentType == MediaType.bson)
            #expect(response.body == (try BSONDocument(fromJSON: Self.json)).bytes)
        }
    }

    @Test("BSON to Extended JSON: tenant default, ?mode=, several documents as lines")
    func bsonToJSON() async throws {
        try await withServer { client in
            let doc = try BSONDocument(fromJSON: Self.json)
            let relaxed = try await client.send(.post, "/convert", contentType: MediaType.bson, body: doc.bytes)
            #expect(relaxed.status == 200)
            #expect(relaxed.contentType == MediaType.json)
            #expect(relaxed.text == doc.toExtendedJSONString(mode: .relaxed))
            #expect(relaxed.text.contains(#""n":42"#))

            let acme = try await client.send(.post, "/convert", tenant: "acme", contentType: MediaType.bson, body: doc.bytes)
            #expect(acme.text == Self.json)
            let asked = try await client.send(.post, "/convert?mode=canonical", contentType: MediaType.bson, body: doc.bytes)
            #expect(asked.text == Self.json)

            let two = try await client.send(.post, "/convert?mode=canonical", contentType: MediaType.bson, body: doc.bytes + doc.bytes)
            #expect(two.contentType == MediaType.ndjson)
            #expect(two.text == Self.json + "\n" + Self.json + "\n")
        }
    }

    @Test("round trip: JSON to BSON to JSON gives the canonical text back")
    func roundTrip() async throws {
        try await withServer { client in
            let bson = try await client.send(.post, "/convert", contentType: MediaType.json, body: Array(Self.json.utf8))
            let back = try await client.send(.post, "/convert?mode=canonical", contentType: MediaType.bson, body: bson.body)
            #expect(back.text == Self.json)
        }
    }

    @Test("bad Extended JSON: 400 with the parser's reason and byte offset")
    func badJSON() async throws {
        try await withServer { client in
            let text = #"{"a": 1, "b": {"$numberLong": "x"}}"#
            let response = try await client.send(.post, "/convert", contentType: MediaType.json, body: Array(text.utf8))
            let error = try expectError(response, status: 400, code: "invalidJSON")
            #expect(error["offset"] != nil)
            do {
                _ = try BSONDocument(fromJSON: text)
                Issue.record("the library accepted \(text)")
            } catch let expected as BSONError {
                #expect(error["error"]?.stringValue == expected.description)
            }

            // Bytes that are not UTF-8: the library's error, at the first bad byte.
            let notUTF8 = try await client.send(.post, "/convert", contentType: MediaType.json, body: [0x7B, 0xFF, 0x7D])
            #expect(try expectError(notUTF8, status: 400, code: "invalidUTF8")["offset"]?.toInt() == 1)
            let inString = Array(#"{"name": "Ad"#.utf8) + [0xC3] + Array(#"a"}"#.utf8)
            let badString = try await client.send(.post, "/convert", contentType: MediaType.json, body: inString)
            let stringError = try expectError(badString, status: 400, code: "invalidUTF8")
            #expect(stringError["offset"]?.toInt() == 12)
            #expect(stringError["keyPath"]?.stringValue == "name")

            let trailing = try await client.send(.post, "/convert", contentType: MediaType.json, body: Array(#"{} x"#.utf8))
            _ = try expectError(trailing, status: 400, code: "invalidJSON")
        }
    }

    @Test("the tenant's limits apply to JSON too")
    func jsonLimits() async throws {
        try await withServer { client in
            let deep = String(repeating: #"{"a":"#, count: 12) + "1" + String(repeating: "}", count: 12)
            let acme = try await client.send(.post, "/convert", tenant: "acme", contentType: MediaType.json, body: Array(deep.utf8))
            _ = try expectError(acme, status: 400, code: "depthLimitExceeded")
            let plain = try await client.send(.post, "/convert", contentType: MediaType.json, body: Array(deep.utf8))
            #expect(plain.status == 200)

            let big = #"{"s":""# + String(repeating: "q", count: 20_000) + #""}"#
            let tooBig = try await client.send(.post, "/convert", tenant: "acme", contentType: MediaType.json, body: Array(big.utf8))
            _ = try expectError(tooBig, status: 413, code: "sizeLimitExceeded")
        }
    }

    @Test("a missing or other content type is 415; bad BSON is 400")
    func contentTypes() async throws {
        try await withServer { client in
            let none = try await client.send(.post, "/convert", body: Array("{}".utf8))
            _ = try expectError(none, status: 415, code: "unsupportedMediaType")
            let text = try await client.send(.post, "/convert", contentType: "text/plain", body: Array("{}".utf8))
            _ = try expectError(text, status: 415, code: "unsupportedMediaType")
            let bad = try await client.send(.post, "/convert", contentType: MediaType.bson, body: [9, 0, 0, 0, 0x08, 0x61, 0, 2, 0])
            _ = try expectError(bad, status: 400, code: "invalidValue")
        }
    }
}
