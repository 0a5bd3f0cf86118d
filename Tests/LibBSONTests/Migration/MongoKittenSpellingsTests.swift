import Foundation
import Testing
import LibBSON

/// MongoKitten's spellings that still compile here (deprecated, with a rename): each gives what
/// its new spelling gives. The unavailable ones cannot be called; scripts/check-fixits compiles
/// them and checks their diagnostics.
@Suite struct MongoKittenSpellingsTests {
    @available(*, deprecated, message: "calls the deprecated spelling it checks")
    @Test func containsKeyAnswersAsHasKey() {
        let doc: BSONDocument = ["a": 1, "b": nil]
        for key in ["a", "b", "c", ""] {
            #expect(doc.containsKey(key) == doc.hasKey(key))
        }
        #expect(doc.containsKey("b"))
        #expect(!doc.containsKey("c"))
    }

    @available(*, deprecated, message: "calls the deprecated spelling it checks")
    @Test func makeDataIsTheDocumentsBytes() {
        let doc: BSONDocument = ["a": "x", "n": ["b": true]]
        #expect(doc.makeData() == doc.toData())
        #expect(doc.makeData() == Data(doc.bytes))
        #expect(BSONDocument().makeData() == Data([5, 0, 0, 0, 0]))
    }

    @available(*, deprecated, message: "calls the deprecated spelling it checks")
    @Test func objectIDHexStringAndDateAreHexAndTimestamp() throws {
        let oid = try BSONObjectID("507f1f77bcf86cd799439011")
        #expect(oid.hexString == oid.hex)
        #expect(oid.hexString == "507f1f77bcf86cd799439011")
        #expect(oid.date == oid.timestamp)
        #expect(oid.date == Date(timeIntervalSince1970: 0x507f_1f77))
    }
}
