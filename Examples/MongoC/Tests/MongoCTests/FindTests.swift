import LibBSON
import MongoC
import Testing

/// Replies from a real wire-protocol peer reach Swift exactly, across cursor batches.
@Suite struct FindTests {
    @Test("find sends filter, projection, sort and limit, and reads three batches exactly")
    func findOverSeveralBatches() async throws {
        let server = try MockServer(scenario: "find")
        let filter: BSONDocument = ["status": "paid", "total": ["$gt": .double(10)]]
        let projection: BSONDocument = ["customer": .int32(1), "total": .int32(1)]
        let sort: BSONDocument = ["placedAt": .int32(-1)]
        var received: [BSONDocument] = []
        do {
            let orders = try server.client().collection("orders", in: "shop")
            let cursor = try orders.find(filter, options: MongoFindOptions(projection: projection, sort: sort, limit: 100, batchSize: 16))
            for try await document in cursor { received.append(document) }
            // A drained cursor stays at its end (libmongoc would refuse to advance it).
            #expect(try cursor.next() == nil)
            #expect(try cursor.toArray().isEmpty)
        }
        let report = try server.finish()
        #expect(report.failedChecks == [] && report.ok)
        #expect(report.hex("filter") == filter.bytes)
        #expect(report.hex("projection") == projection.bytes)
        #expect(report.hex("sort") == sort.bytes)
        #expect((report.data["limit"] as? Int) == 100)
        #expect((report.data["batchSize"] as? Int) == 16)
        let sent = report.hexList("sent")
        #expect(sent.count == 37)
        #expect(received.map(\.bytes) == sent)
        #expect(received.first == (try TestDocuments.everyType()))
        print("mongoc wire: received \(received.count)/\(sent.count) documents over \(report.data["batches"] ?? "?") batches, byte-identical")
    }
}
