import BSONService
import BSONServiceClient
import Foundation
import LibBSON
import Testing

@Suite("POST /events: Codable with each tenant's strategies")
struct EventsTests {
    static let at = Date(timeIntervalSince1970: 1_700_000_000.25)

    @Test("default tenant: dates as BSON datetimes")
    func defaultTenant() async throws {
        try await withServer { client in
            let body: BSONDocument = ["type": "login", "at": .datetime(BSONDatetime(Self.at)), "tags": ["web"]]
            let response = try await client.send(.post, "/events", body: body.bytes)
            #expect(response.status == 201, "\(response.text)")
            let receipt = try response.document()
            #expect(receipt["tenant"] == "default")
            #expect(receipt["type"] == "login")
            #expect(receipt["at"] == .datetime(BSONDatetime(Self.at)))
            #expect(receipt["receivedAt"]?.datetimeValue != nil)
            #expect(receipt["tags"] == ["web"])
            let decoded = try BSONDecoder().decode(EventReceipt.self, from: receipt)
            #expect(decoded.at == Self.at)

            // Stored under its _id like any document.
            guard let id = receipt["_id"]?.objectIDValue else {
                Issue.record("no ObjectId in \(receipt)")
                return
            }
            let stored = try await client.send(.get, "/documents/\(id.hex)")
            #expect(try stored.document() == receipt)
        }
    }

    @Test("acme: dates as ISO 8601 strings, both ways")
    func acme() async throws {
        try await withServer { client in
            let body: BSONDocument = ["type": "order", "at": "2023-11-14T22:13:20.250Z"]
            let response = try await client.send(.post, "/events", tenant: "acme", body: body.bytes)
            #expect(response.status == 201, "\(response.text)")
            let receipt = try response.document()
            #expect(receipt["tenant"] == "acme")
            #expect(receipt["at"] == "2023-11-14T22:13:20.250Z")
            #expect(receipt["receivedAt"]?.stringValue?.hasSuffix("Z") == true)
            #expect(receipt["tags"] == .array([]))

            // A BSON datetime is not what acme's strategy reads.
            let wrong: BSONDocument = ["type": "order", "at": .datetime(BSONDatetime(Self.at))]
            let refused = try await client.send(.post, "/events", tenant: "acme", body: wrong.bytes)
            let error = try expectError(refused, status: 400, code: "typeMismatch")
            #expect(error["keyPath"] == "at")
        }
    }

    @Test("globex: int64 milliseconds and snake_case keys")
    func globex() async throws {
        try await withServer { client in
            let body: BSONDocument = ["type": "ship", "at": .int64(1_700_000_000_250)]
            let response = try await client.send(.post, "/events", tenant: "globex", body: body.bytes)
            #expect(response.status == 201, "\(response.text)")
            let receipt = try response.document()
            #expect(receipt["at"] == .int64(1_700_000_000_250))
            #expect(receipt["received_at"]?.int64Value != nil)
            #expect(receipt["receivedAt"] == nil)
        }
    }

    @Test("a body that is not an Event is 400; more than one document is 400")
    func badEvents() async throws {
        try await withServer { client in
            let missing = try await client.send(.post, "/events", body: (["type": "x"] as BSONDocument).bytes)
            _ = try expectError(missing, status: 400, code: "keyNotFound")
            let one: BSONDocument = ["type": "x", "at": .datetime(BSONDatetime(Self.at))]
            let two = try await client.send(.post, "/events", body: one.bytes + one.bytes)
            let error = try expectError(two, status: 400, code: "invalidLength")
            #expect(error["offset"]?.toInt() == one.byteCount)
        }
    }

    @Test("dates at the edges of each tenant's strategy: 201 or 400, never a 500")
    func extremeDates() async throws {
        try await withServer { client in
            let cases: [(String?, BSON)] = [
                (nil, .datetime(BSONDatetime(millisecondsSinceEpoch: .max))),
                (nil, .datetime(BSONDatetime(millisecondsSinceEpoch: .min))),
                ("globex", .int64(.max)), ("globex", .int64(.min)), ("globex", .double(.nan)), ("globex", .double(1e300)),
                ("acme", "9999-12-31T23:59:59.999Z"), ("acme", "9999-12-31T23:59:59-01:00"),
                ("acme", "0000-01-01T00:00:00+01:00"), ("acme", "2024-02-30T00:00:00Z"), ("acme", "not a date"),
            ]
            for (tenant, at) in cases {
                let body: BSONDocument = ["type": "edge", "at": at]
                let response = try await client.send(.post, "/events", tenant: tenant, body: body.bytes)
                #expect(response.status == 201 || response.status == 400, "\(tenant ?? "default") \(at): \(response.status) \(response.text)")
                if response.status == 400 {
                    #expect((try? response.errorDocument())?["code"] != nil, "\(response.text)")
                }
            }
            let unrepresentable = try await client.send(.post, "/events", tenant: "acme",
                                                        body: (["type": "edge", "at": "9999-12-31T23:59:59-01:00"] as BSONDocument).bytes)
            _ = try expectError(unrepresentable, status: 400, code: "unrepresentable")
        }
    }
}
