import CLibBSON
import CMongoC
import LibBSON

/// A collection (`mongoc_collection_t`): insert, find, update, delete, aggregate.
///
/// Every document goes to C borrowed (``BSONDocument/withUnsafeBSONPointer(_:)``, no copy) and
/// every reply or cursor document comes back copied once and validated. The collection keeps
/// its client alive and destroys its `mongoc_collection_t` when it goes away.
public final class MongoCollection {
    /// The client this collection belongs to (libmongoc requires it to outlive the collection).
    let client: MongoClient
    /// The `mongoc_collection_t *`, owned by this collection.
    let handle: OpaquePointer

    init(client: MongoClient, handle: OpaquePointer) {
        self.client = client
        self.handle = handle
    }

    deinit {
        mongoc_collection_destroy(handle)
    }

    /// The collection's name.
    public var name: String { String(cString: mongoc_collection_get_name(handle)) }

    // MARK: Insert

    /// Inserts one document (`mongoc_collection_insert_one`), lent to C in place.
    ///
    /// libmongoc adds an `_id` ObjectId first when the document has none, which copies the
    /// document once in C; give documents an `_id` (``BSONDocument/withID()``) to avoid it
    /// and to know the id.
    @discardableResult
    public func insertOne(_ document: BSONDocument) throws -> MongoWriteResult {
        try document.withUnsafeBSONPointer { document in
            try MongoWriteResult(reply: BSONDocument.reply { reply, error in
                mongoc_collection_insert_one(handle, document, nil, reply, error)
            })
        }
    }

    /// Encodes a value with `encoder` and inserts it.
    @discardableResult
    public func insertOne<T: Encodable>(_ value: T, encoder: BSONEncoder = BSONEncoder()) throws -> MongoWriteResult {
        try insertOne(encoder.encode(value))
    }

    /// Inserts documents in order, in as few commands as the server's limits allow
    /// (`mongoc_collection_insert_many`). Every document is lent to C in place.
    @discardableResult
    public func insertMany(_ documents: [BSONDocument]) throws -> MongoWriteResult {
        try BSONDocument.withUnsafeBSONPointers(to: documents) { pointers, count in
            try MongoWriteResult(reply: BSONDocument.reply { reply, error in
                mongoc_collection_insert_many(handle, pointers, count, nil, reply, error)
            })
        }
    }

    /// Encodes values with `encoder` and inserts them in order.
    @discardableResult
    public func insertMany<T: Encodable>(_ values: [T], encoder: BSONEncoder = BSONEncoder()) throws -> MongoWriteResult {
        try insertMany(values.map { try encoder.encode($0) })
    }

    // MARK: Find and aggregate

    /// The documents that match `filter` (`mongoc_collection_find_with_opts`), shaped by
    /// `options` (projection, sort, skip, limit, batch size).
    public func find(_ filter: BSONDocument = BSONDocument(), options: MongoFindOptions = MongoFindOptions()) throws -> MongoCursor<BSONDocument> {
        try find(filter, options: options) { $0 }
    }

    /// The documents that match `filter`, each decoded as `T` with `decoder`.
    public func find<T: Decodable>(_ filter: BSONDocument = BSONDocument(), options: MongoFindOptions = MongoFindOptions(),
                                   as type: T.Type, decoder: BSONDecoder = BSONDecoder()) throws -> MongoCursor<T> {
        try find(filter, options: options) { try decoder.decode(T.self, from: $0) }
    }

    private func find<T>(_ filter: BSONDocument, options: MongoFindOptions,
                         _ transform: @escaping (BSONDocument) throws -> T) throws -> MongoCursor<T> {
        let opts = try options.document()
        let cursor = filter.withUnsafeBSONPointer { filter in
            opts.withUnsafeBSONPointer { opts in
                mongoc_collection_find_with_opts(handle, filter, opts, nil)
            }
        }
        return try MongoCursor(collection: self, handle: cursor, transform: transform)
    }

    /// Runs an aggregation pipeline (`mongoc_collection_aggregate`) and returns its results.
    ///
    /// The stages are written once into the `{"pipeline": [...]}` command libmongoc takes (as
    /// a C caller builds it with `bson_append_document`); nothing else is copied.
    public func aggregate(_ pipeline: [BSONDocument]) throws -> MongoCursor<BSONDocument> {
        let command: BSONDocument = ["pipeline": .array(pipeline.map { .document($0) })]
        let cursor = command.withUnsafeBSONPointer { pipeline in
            mongoc_collection_aggregate(handle, MONGOC_QUERY_NONE, pipeline, nil, nil)
        }
        return try MongoCursor(collection: self, handle: cursor) { $0 }
    }

    /// The number of documents that match `filter` (`mongoc_collection_count_documents`).
    public func countDocuments(_ filter: BSONDocument = BSONDocument()) throws -> Int64 {
        var count: Int64 = -1
        _ = try filter.withUnsafeBSONPointer { filter in
            try BSONDocument.reply { reply, error in
                count = mongoc_collection_count_documents(handle, filter, nil, nil, reply, error)
                return count >= 0
            }
        }
        return count
    }

    // MARK: Update and delete

    /// Updates the first document that matches `filter` (`mongoc_collection_update_one`).
    /// `update` is an update document (`["$set": [...]]`) or a pipeline.
    @discardableResult
    public func updateOne(_ filter: BSONDocument, _ update: BSONDocument, upsert: Bool = false) throws -> MongoWriteResult {
        try write(filter, update, upsert: upsert, mongoc_collection_update_one)
    }

    /// Updates every document that matches `filter` (`mongoc_collection_update_many`).
    @discardableResult
    public func updateMany(_ filter: BSONDocument, _ update: BSONDocument, upsert: Bool = false) throws -> MongoWriteResult {
        try write(filter, update, upsert: upsert, mongoc_collection_update_many)
    }

    /// Deletes the first document that matches `filter` (`mongoc_collection_delete_one`).
    @discardableResult
    public func deleteOne(_ filter: BSONDocument) throws -> MongoWriteResult {
        try delete(filter, mongoc_collection_delete_one)
    }

    /// Deletes every document that matches `filter` (`mongoc_collection_delete_many`).
    @discardableResult
    public func deleteMany(_ filter: BSONDocument) throws -> MongoWriteResult {
        try delete(filter, mongoc_collection_delete_many)
    }

    // MARK: Commands

    /// Runs a command on this collection's database (`mongoc_collection_command_simple`).
    @discardableResult
    public func runCommand(_ command: BSONDocument) throws -> BSONDocument {
        try command.withUnsafeBSONPointer { command in
            try BSONDocument.reply { reply, error in
                mongoc_collection_command_simple(handle, command, nil, reply, error)
            }
        }
    }

    private typealias UpdateFunction = (OpaquePointer?, OpaquePointer?, OpaquePointer?, OpaquePointer?,
                                        OpaquePointer?, UnsafeMutablePointer<bson_error_t>?) -> Bool
    private typealias DeleteFunction = (OpaquePointer?, OpaquePointer?, OpaquePointer?,
                                        OpaquePointer?, UnsafeMutablePointer<bson_error_t>?) -> Bool

    private func write(_ filter: BSONDocument, _ update: BSONDocument, upsert: Bool, _ function: UpdateFunction) throws -> MongoWriteResult {
        let opts: BSONDocument = upsert ? ["upsert": true] : BSONDocument()
        return try filter.withUnsafeBSONPointer { filter in
            try update.withUnsafeBSONPointer { update in
                try opts.withUnsafeBSONPointer { opts in
                    try MongoWriteResult(reply: BSONDocument.reply { reply, error in
                        function(handle, filter, update, opts, reply, error)
                    })
                }
            }
        }
    }

    private func delete(_ filter: BSONDocument, _ function: DeleteFunction) throws -> MongoWriteResult {
        try filter.withUnsafeBSONPointer { filter in
            try MongoWriteResult(reply: BSONDocument.reply { reply, error in
                function(handle, filter, nil, reply, error)
            })
        }
    }
}
