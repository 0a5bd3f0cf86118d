import Foundation
import Testing
import LibBSON

/// `BSONObjectID`: hex text, its timestamp, and generated ids.
@Suite struct BSONObjectIDTests {
    @Test func objectIDHexRoundTripAndTimestamp() throws {
        let id = try BSONObjectID("57E193D7A9CC81B4027498B5")
        #expect(id.hex == "57e193d7a9cc81b4027498b5")
        #expect(id.timestamp == Date(timeIntervalSince1970: 0x57E1_93D7))
        #expect(throws: BSONError.self) { try BSONObjectID("57e193d7") }
        #expect(throws: BSONError.self) { try BSONObjectID("zze193d7a9cc81b4027498b5") }
        #expect(throws: BSONError.self) { try BSONObjectID([1, 2, 3]) }
    }

    @Test func generatedObjectIDsAreUniqueAndIncreasing() {
        let ids = (0..<10_000).map { _ in BSONObjectID() }
        #expect(Set(ids).count == ids.count)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { ObjectIDOrder.follows($1, $0) })
    }
}
