import Foundation
import Testing
import LibBSON

/// The `.datetime(Date)` and `.objectID()` factories.
@Suite struct BSONFactoriesTests {
    @Test func datetimeFromADateRoundsAsBSONDatetimeDoes() {
        let date = Date(timeIntervalSince1970: 1.0006)
        #expect(BSON.datetime(date) == .datetime(BSONDatetime(date)))
        #expect(BSON.datetime(Date(timeIntervalSince1970: 86_400)).datetimeValue?.millisecondsSinceEpoch == 86_400_000)
    }

    @Test func objectIDMakesANewIdEachTime() {
        let a = BSON.objectID(), b = BSON.objectID()
        #expect(a.type == .objectID)
        #expect(a != b)
    }
}
