import Foundation
import Testing
import LibBSON

/// `BSONDatetime`: milliseconds, `Date` and its ISO 8601 description.
@Suite struct BSONDatetimeTests {
    @Test func datetimeKeepsEveryMillisecond() {
        for ms: Int64 in [.min, -1, 0, 1, 1_356_351_330_501, .max] {
            let dt = BSONDatetime(millisecondsSinceEpoch: ms)
            let doc: BSONDocument = ["d": .datetime(dt)]
            #expect(doc["d"]?.datetimeValue?.millisecondsSinceEpoch == ms)
        }
        let date = Date(timeIntervalSince1970: 1_356_351_330.501)
        #expect(BSONDatetime(date).millisecondsSinceEpoch == 1_356_351_330_501)
        #expect(BSONDatetime(millisecondsSinceEpoch: 1_356_351_330_501).description == "2012-12-24T12:15:30.501Z")
        #expect(BSONDatetime(Date.distantFuture).date.timeIntervalSince1970 == Date.distantFuture.timeIntervalSince1970)
    }
}
