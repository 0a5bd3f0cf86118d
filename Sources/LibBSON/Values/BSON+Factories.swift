import Foundation

extension BSON {
    /// A datetime value from a `Date`, in whole milliseconds since the Unix epoch, rounded as
    /// ``BSONDatetime/init(_:)`` rounds (the same rule as the Codable encoder).
    ///
    /// ```swift
    /// let doc: BSONDocument = ["at": .datetime(Date())]
    /// ```
    public static func datetime(_ date: Date) -> BSON {
        .datetime(BSONDatetime(date))
    }

    /// A new ObjectId, from the generator of the bound context or ``BSONContext/global``
    /// (see ``BSONObjectID/init()``).
    ///
    /// ```swift
    /// var doc: BSONDocument = ["_id": .objectID(), "name": "Ada"]
    /// ```
    public static func objectID() -> BSON {
        .objectID(BSONObjectID())
    }
}
