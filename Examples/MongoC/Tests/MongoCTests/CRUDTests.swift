import LibBSON
import MongoC
import Testing

/// Update, delete, aggregate, count and commands through the bridge.
@Suite struct CRUDTests {
    @Test("update, delete, aggregate, count and a command, each byte-exact both ways")
    func crud() throws {
        let server = try MockServer(scenario: "crud")
        let filter: BSONDocument = ["_id": .int32(7)]
        let set: BSONDocument = ["$set": ["status": "shipped"]]
        let many: BSONDocument = ["status": "paid"]
        let inc: BSONDocument = ["$inc": ["reminders": .int32(1)]]
        let pipeline: [BSONDocument] = [["$match": ["status": "paid"]],
                                        ["$group": ["_id": "$status", "total": ["$sum": "$total"], "n": ["$sum": .int32(1)]]]]
        let ping: BSONDocument = ["ping": .int32(1)]
        var aggregated: [BSONDocument] = []
        var pingReply = BSONDocument()
        do {
            let client = try server.client()
            let orders = try client.collection("orders", in: "shop")
            let one = try orders.updateOne(filter, set, upsert: true)
            #expect(one.matchedCount == 1 && one.modifiedCount == 1)
            let all = try orders.updateMany(many, inc)
            #expect(all.matchedCount == 5 && all.modifiedCount == 4)
            #expect(try orders.deleteOne(filter).deletedCount == 1)
            #expect(try orders.deleteMany(many).deletedCount == 3)
            aggregated = try orders.aggregate(pipeline).toArray()
            #expect(try orders.countDocuments(many) == 42)
            pingReply = try client.runCommand(ping, on: "admin")
        }
        let report = try server.finish()
        #expect(report.failedChecks == [] && report.ok)
        let updateOne = report.data["updateOne"] as? [String: Any] ?? [:]
        #expect(MockServer.bytes(hex: updateOne["q"] as? String ?? "") == filter.bytes)
        #expect(MockServer.bytes(hex: updateOne["u"] as? String ?? "") == set.bytes)
        #expect(updateOne["upsert"] as? Bool == true)
        let updateMany = report.data["updateMany"] as? [String: Any] ?? [:]
        #expect(MockServer.bytes(hex: updateMany["u"] as? String ?? "") == inc.bytes)
        #expect(updateMany["multi"] as? Bool == true)
        #expect((report.data["deleteOne"] as? [String: Any])?["limit"] as? Int == 1)
        #expect((report.data["deleteMany"] as? [String: Any])?["limit"] as? Int == 0)
        #expect(report.hexList("pipeline") == pipeline.map(\.bytes))
        #expect(aggregated.map(\.bytes) == report.hexList("aggregateSent"))
        #expect(pingReply.bytes == report.hex("pingReply"))
        #expect(pingReply["echo"]?.documentValue == (try TestDocuments.everyType()))
    }
}
