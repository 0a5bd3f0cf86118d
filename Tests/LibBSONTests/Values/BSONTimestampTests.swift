import Testing
import LibBSON

/// `BSONTimestamp`: ordered by time, then increment; stored increment first.
@Suite struct BSONTimestampTests {
    @Test func ordersByTimeThenIncrement() {
        let a = BSONTimestamp(timestamp: 1, increment: 9)
        let b = BSONTimestamp(timestamp: 2, increment: 0)
        let c = BSONTimestamp(timestamp: 2, increment: 1)
        #expect(a < b && b < c)
        #expect([c, a, b].sorted() == [a, b, c])
        #expect(c.description == "Timestamp(2, 1)")
    }

    /// The increment is the low word: bytes 0-3 hold it, 4-7 the time.
    @Test func isStoredIncrementFirst() {
        let doc: BSONDocument = ["t": .timestamp(BSONTimestamp(timestamp: 0x0102_0304, increment: 0x0506_0708))]
        #expect(Array(doc.bytes[7..<15]) == [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01])
        #expect(doc["t"] == .timestamp(BSONTimestamp(timestamp: 0x0102_0304, increment: 0x0506_0708)))
    }
}
