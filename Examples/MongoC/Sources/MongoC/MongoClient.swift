import CLibBSON
import CMongoC
import LibBSON

/// A connection to a MongoDB deployment through libmongoc (`mongoc_client_t`).
///
/// One client owns one `mongoc_client_t`, destroyed with the client. Like the C handle, a
/// client is for one thread at a time (it is not `Sendable`): give each task its own, or
/// put one behind an actor. Calls block the calling thread for their network round trips, as
/// libmongoc's do; run them on a thread of your own in a server, not on Swift's cooperative
/// pool.
///
/// ```swift
/// let client = try MongoClient(uri: "mongodb://127.0.0.1:27017/?appname=orders")
/// let orders = try client.collection("orders", in: "shop")
/// try orders.insertOne(["_id": 1, "status": "paid"])
/// ```
public final class MongoClient {
    /// The `mongoc_client_t *`, owned by this client.
    let handle: OpaquePointer

    /// Connects lazily to the deployment a MongoDB connection string names (libmongoc opens
    /// connections on first use).
    ///
    /// - Throws: ``BSONError`` with code `.cError` when libmongoc refuses the string.
    public init(uri: String) throws {
        MongoDriver.initialize()
        var error = bson_error_t()
        guard let parsed = mongoc_uri_new_with_error(uri, &error) else { throw BSONError(error) }
        defer { mongoc_uri_destroy(parsed) }
        guard let client = mongoc_client_new_from_uri_with_error(parsed, &error) else { throw BSONError(error) }
        // Version 2: server errors come back in the MONGOC_ERROR_SERVER domain with the
        // server's own code, as the driver specifications say.
        _ = mongoc_client_set_error_api(client, Int32(MONGOC_ERROR_API_VERSION_2))
        handle = client
    }

    deinit {
        mongoc_client_destroy(handle)
    }

    /// A collection of a database on this deployment.
    ///
    /// - Throws: ``BSONError`` with code `.embeddedNUL` when a name contains NUL (C would
    ///   silently cut it there and name another collection).
    public func collection(_ name: String, in database: String) throws -> MongoCollection {
        try MongoCollection(client: self, handle: mongoc_client_get_collection(
            handle, CName.checked(database, "database name"), CName.checked(name, "collection name")))
    }

    /// Runs a database command (`mongoc_client_command_simple`) and returns its reply.
    ///
    /// - Throws: ``BSONError`` with code `.cError` (libmongoc's domain, code and message, and
    ///   the server's reply when it sent one), or a validation error when the reply is malformed.
    @discardableResult
    public func runCommand(_ command: BSONDocument, on database: String) throws -> BSONDocument {
        try command.withUnsafeBSONPointer { command in
            try BSONDocument.reply { reply, error in
                mongoc_client_command_simple(handle, try CName.checked(database, "database name"), command, nil, reply, error)
            }
        }
    }
}
