import Foundation
import Testing
@testable import LibBSON

/// The ObjectId generator over one libbson `bson_context_t` (Interop/ObjectIDGenerator.swift):
/// its ids carry the time, its own random value and a counter that moves forward. (Its ids
/// after `fork()` are `BSONContextForkTests`'s; many threads at once, `BSONContextConcurrencyTests`'s.)
@Suite struct ObjectIDGeneratorTests {
    @Test func idsFollowEachOtherWithOneRandomValue() {
        let generator = ObjectIDGenerator()
        let before = UInt32(Date().timeIntervalSince1970)
        let ids = (0..<1_000).map { _ in generator.next() }
        let after = UInt32(Date().timeIntervalSince1970.rounded(.up))
        #expect(Set(ids).count == ids.count)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { ObjectIDOrder.follows($1, $0) })
        // No other test draws from this generator: the counter moves by exactly one.
        #expect(zip(ids, ids.dropFirst()).allSatisfy { (ObjectIDOrder.counter($1) &- ObjectIDOrder.counter($0)) & 0xFF_FFFF == 1 })
        #expect(Set(ids.map { $0.byteArray[4..<9] }).count == 1)
        #expect(ids.allSatisfy { (before...after).contains(ObjectIDOrder.timestamp($0)) })
    }

    /// Two generators in one process draw their own random values.
    @Test func eachGeneratorHasItsOwnRandomValue() {
        let a = ObjectIDGenerator(), b = ObjectIDGenerator()
        #expect(a.next().byteArray[4..<9] != b.next().byteArray[4..<9])
    }
}
