import Foundation
import LibBSON
import MongoC
import Testing

/// Swift types in and out through the Codable coders and the bridge.
@Suite struct CodableTests {
    struct Order: Codable, Equatable {
        var _id: Int
        var customer: String
        var total: Double
        var items: [String]
        var paid: Bool
        var placedAt: Date
    }

    @Test("Encodable values reach the server as PyMongo reads them; Decodable values come back")
    func codableRoundTrip() throws {
        let server = try MockServer(scenario: "codable")
        let placed = Date(timeIntervalSince1970: 1_700_000_000)   // 2023-11-14
        var found: [Order] = []
        do {
            let orders = try server.client().collection("orders", in: "shop")
            let result = try orders.insertMany([
                Order(_id: 1, customer: "Ada", total: 12.5, items: ["mug", "book"], paid: true, placedAt: placed),
                Order(_id: 2, customer: "Grace", total: 99, items: [], paid: false, placedAt: placed),
            ])
            #expect(result.insertedCount == 2)
            found = try orders.find(["paid": true], as: Order.self).toArray()
        }
        let report = try server.finish()
        #expect(report.failedChecks == [] && report.ok)
        // 2024-03-01T09:00:00.250Z, as the server sent it.
        let march = Date(timeIntervalSince1970: 1_709_283_600.25)
        #expect(found == [
            Order(_id: 3, customer: "Alan", total: 7.25, items: ["pen"], paid: true, placedAt: march),
            Order(_id: 4, customer: "Edsger", total: 0.5, items: ["gcd", "sort"], paid: false, placedAt: march),
        ])
    }
}
