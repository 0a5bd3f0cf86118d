import LibBSON

/// What `find` returns and in which order: the options of libmongoc's
/// `mongoc_collection_find_with_opts` that most queries use.
public struct MongoFindOptions: Sendable {
    /// The fields to return (`{"name": 1, "_id": 0}`); nil returns whole documents.
    public var projection: BSONDocument?
    /// The sort order (`{"placedAt": -1}`); nil leaves the server's order.
    public var sort: BSONDocument?
    /// The number of documents to skip first.
    public var skip: Int64?
    /// The most documents to return; nil for no limit.
    public var limit: Int64?
    /// The number of documents per batch the server sends.
    public var batchSize: Int32?

    /// Creates options; nil leaves the server's default.
    public init(projection: BSONDocument? = nil, sort: BSONDocument? = nil, skip: Int64? = nil,
                limit: Int64? = nil, batchSize: Int32? = nil) {
        self.projection = projection
        self.sort = sort
        self.skip = skip
        self.limit = limit
        self.batchSize = batchSize
    }

    /// The options document libmongoc takes.
    func document() throws -> BSONDocument {
        var elements: [(key: String, value: BSON)] = []
        if let projection { elements.append(("projection", .document(projection))) }
        if let sort { elements.append(("sort", .document(sort))) }
        if let skip { elements.append(("skip", .int64(skip))) }
        if let limit { elements.append(("limit", .int64(limit))) }
        if let batchSize { elements.append(("batchSize", .int32(batchSize))) }
        return try BSONDocument(elements: elements)
    }
}
