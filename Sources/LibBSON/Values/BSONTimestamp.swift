/// A BSON timestamp (type 0x11), MongoDB's internal replication clock: seconds and an increment.
public struct BSONTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public var timestamp: UInt32
    /// An ordinal within the second.
    public var increment: UInt32

    /// Creates a timestamp.
    public init(timestamp: UInt32, increment: UInt32) {
        self.timestamp = timestamp
        self.increment = increment
    }

    public static func < (lhs: BSONTimestamp, rhs: BSONTimestamp) -> Bool {
        (lhs.timestamp, lhs.increment) < (rhs.timestamp, rhs.increment)
    }

    public var description: String { "Timestamp(\(timestamp), \(increment))" }
}
