import Testing
import LibBSON

/// `BSONDBPointer` (deprecated by the specification): a collection name and an ObjectId.
@Suite struct BSONDBPointerTests {
    @Test func keepsItsCollectionAndIDThroughBytes() throws {
        let id = try BSONObjectID("57e193d7a9cc81b4027498b5")
        let pointer = BSONDBPointer(ref: "db.coll", id: id)
        #expect(pointer.description == "DBPointer(db.coll, 57e193d7a9cc81b4027498b5)")
        let doc = try BSONDocument(fromBSON: (["p": .dbPointer(pointer)] as BSONDocument).bytes)
        #expect(doc["p"] == .dbPointer(pointer))
        #expect(doc["p"] != .dbPointer(BSONDBPointer(ref: "db.other", id: id)))
    }
}
