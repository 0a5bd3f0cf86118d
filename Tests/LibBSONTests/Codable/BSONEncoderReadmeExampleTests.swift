import Foundation
import Testing
import LibBSON

/// The Codable example of the README, verbatim (between the markers), followed by checks
/// of what its comments claim. Keep the two in step.
@Suite struct BSONEncoderReadmeExampleTests {
    // README example: begin
    struct User: Codable, Equatable {
        var _id: BSONObjectID
        var displayName: String
        var email: String?                  // nil: the key is left out
        var joined: Date                    // a BSON datetime
        var roles: [String]
        var settings: BSONDocument          // embedded as it is
    }
    // README example: end (type)

    @Test func readmeExample() throws {
        // README example: begin (code)
        let user = User(_id: BSONObjectID(), displayName: "Ada", email: nil,
                        joined: Date(timeIntervalSince1970: 1_700_000_000),
                        roles: ["admin"], settings: ["theme": "dark"])

        let doc = try BSONEncoder().encode(user)                      // a BSONDocument
        let bytes = doc.bytes                                         // BSON, to store or send
        let back = try BSONDecoder().decode(User.self, from: bytes)   // validated, then decoded
        // back == user
        // doc.keys == ["_id", "displayName", "joined", "roles", "settings"]

        var options = BSONCoderOptions()
        options.keyEncodingStrategy = .convertToSnakeCase
        options.keyDecodingStrategy = .convertFromSnakeCase
        let snake = try BSONEncoder(options: options).encode(user)
        // snake.keys == ["_id", "display_name", "joined", "roles", "settings"]

        do {
            _ = try BSONDecoder().decode(User.self, from: ["_id": .objectID(user._id), "displayName": 42])
        } catch DecodingError.typeMismatch(_, let context) {
            print(context.codingPath.map(\.stringValue), context.debugDescription)
            // ["displayName"] Expected String but found int 42
        }
        // README example: end (code)

        #expect(back == user)
        #expect(doc.keys == ["_id", "displayName", "joined", "roles", "settings"])
        #expect(doc["joined"] == .datetime(BSONDatetime(millisecondsSinceEpoch: 1_700_000_000_000)))
        #expect(snake.keys == ["_id", "display_name", "joined", "roles", "settings"])
        #expect(try BSONDecoder(options: options).decode(User.self, from: snake) == user)
        do {
            _ = try BSONDecoder().decode(User.self, from: ["_id": .objectID(user._id), "displayName": 42])
            Issue.record("no error")
        } catch DecodingError.typeMismatch(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["displayName"])
            #expect(context.debugDescription == "Expected String but found int 42")
        }
    }
}
