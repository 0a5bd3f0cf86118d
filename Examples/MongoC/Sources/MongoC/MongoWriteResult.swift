import LibBSON

/// The counts libmongoc reports for an insert, update or delete, and its whole reply.
public struct MongoWriteResult: Sendable {
    /// Documents inserted (`insertedCount`).
    public var insertedCount: Int64
    /// Documents the filter matched (`matchedCount`).
    public var matchedCount: Int64
    /// Documents changed (`modifiedCount`).
    public var modifiedCount: Int64
    /// Documents deleted (`deletedCount`).
    public var deletedCount: Int64
    /// Documents inserted by an upsert (`upsertedCount`).
    public var upsertedCount: Int64
    /// The reply as libmongoc gave it (with `upsertedId`, `writeErrors` ... when present).
    public var reply: BSONDocument

    init(reply: BSONDocument) {
        func count(_ key: String) -> Int64 { reply[key]?.toInt64() ?? 0 }
        insertedCount = count("insertedCount")
        matchedCount = count("matchedCount")
        modifiedCount = count("modifiedCount")
        deletedCount = count("deletedCount")
        upsertedCount = count("upsertedCount")
        self.reply = reply
    }
}
