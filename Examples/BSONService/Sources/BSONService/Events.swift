import Foundation
import LibBSON

/// The typed body of `POST /events`, decoded with `BSONDecoder()`: its `at` is read with the
/// tenant's date strategy (a BSON datetime by default, an ISO 8601 string for acme, int64
/// milliseconds for globex).
public struct Event: Codable, Sendable, Equatable {
    public var type: String
    public var at: Date
    public var tags: [String]?

    public init(type: String, at: Date, tags: [String]? = nil) {
        self.type = type
        self.at = at
        self.tags = tags
    }
}

/// What `POST /events` stores and returns, encoded with `BSONEncoder()`: dates and keys follow
/// the tenant's strategies (globex writes `received_at` as int64 milliseconds).
public struct EventReceipt: Codable, Sendable, Equatable {
    public var id: BSONObjectID
    public var tenant: String
    public var type: String
    public var at: Date
    public var receivedAt: Date
    public var tags: [String]

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case tenant, type, at, receivedAt, tags
    }

    public init(id: BSONObjectID, tenant: String, type: String, at: Date, receivedAt: Date, tags: [String]) {
        self.id = id
        self.tenant = tenant
        self.type = type
        self.at = at
        self.receivedAt = receivedAt
        self.tags = tags
    }
}
