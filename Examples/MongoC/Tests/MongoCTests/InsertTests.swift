import LibBSON
import MongoC
import Testing

/// Documents built in Swift go through libmongoc to a real wire-protocol peer unchanged.
@Suite struct InsertTests {
    @Test("insertOne and insertMany put exactly the Swift documents on the wire")
    func insertsAreByteExact() throws {
        let server = try MockServer(scenario: "insert")
        let everyType = try TestDocuments.everyType()
        let sample = try TestDocuments.sample()
        do {
            let orders = try server.client().collection("orders", in: "shop")
            let one = try orders.insertOne(everyType)
            #expect(one.insertedCount == 1)
            let many = try orders.insertMany(sample)
            #expect(many.insertedCount == Int64(sample.count))
        }
        let report = try server.finish()
        #expect(report.failedChecks == [] && report.ok)
        #expect(report.hexList("insertOne") == [everyType.bytes])
        let received = report.hexList("insertMany")
        #expect(received == sample.map(\.bytes))
        print("mongoc wire: sent 1 every-type document and \(sample.count) sample documents; the server received \(1 + received.count), "
              + "byte-identical to Swift's bytes and to its own encoder (\(report.checkCount) server checks)")
    }
}
