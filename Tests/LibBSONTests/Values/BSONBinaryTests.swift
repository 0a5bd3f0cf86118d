import Foundation
import Testing
import LibBSON

/// `BSONBinary`: subtypes and the UUID helpers.
@Suite struct BSONBinaryTests {
    @Test func uuidHelpers() throws {
        let uuid = UUID()
        let bin = BSONBinary(uuid: uuid)
        #expect(bin.subtype == .uuid)
        #expect(try bin.toUUID() == uuid)
        let legacy = BSONBinary(subtype: .uuidOld, data: bin.data)
        #expect(try legacy.toUUID() == uuid)
        #expect(throws: BSONError.self) { try BSONBinary(subtype: .generic, data: bin.data).toUUID() }
        #expect(throws: BSONError.self) { try BSONBinary(subtype: .uuid, data: [1, 2]).toUUID() }
        #expect(BSONBinary.Subtype.userDefined(0x01).rawValue == 0x81)
    }
}
