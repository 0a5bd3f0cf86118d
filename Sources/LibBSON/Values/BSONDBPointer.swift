/// A DBPointer (type 0x0C, deprecated by the BSON specification): a namespace and an ObjectId.
public struct BSONDBPointer: Sendable, Hashable, CustomStringConvertible {
    /// The namespace (`database.collection`).
    public var ref: String
    /// The id of the referenced document.
    public var id: BSONObjectID
    /// Creates a DBPointer.
    public init(ref: String, id: BSONObjectID) {
        self.ref = ref
        self.id = id
    }
    public var description: String { "DBPointer(\(ref), \(id))" }
}
