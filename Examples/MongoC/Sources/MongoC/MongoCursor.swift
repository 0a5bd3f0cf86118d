import CLibBSON
import CMongoC
import LibBSON

/// The results of a find or an aggregation (`mongoc_cursor_t`), fetched batch by batch.
///
/// Read it with ``next()``, ``toArray()`` or `for try await`. Each document is copied once out
/// of libmongoc's batch and validated before it is decoded; a malformed one is a located
/// ``BSONError``. A failed query or `getMore` throws a ``BSONError`` with code `.cError` (the
/// server's code and message, and its reply). The cursor keeps its client alive and destroys
/// the `mongoc_cursor_t` when it goes away (libmongoc kills a live server cursor then).
///
/// ```swift
/// for try await order in try orders.find(["status": "paid"], as: Order.self) {
///     print(order.total)
/// }
/// ```
public final class MongoCursor<Element> {
    private let client: MongoClient
    private let handle: OpaquePointer
    private let transform: (BSONDocument) throws -> Element

    init(client: MongoClient, handle: OpaquePointer?, transform: @escaping (BSONDocument) throws -> Element) throws {
        // libmongoc returns a cursor even for a query that fails (the error comes with the
        // first `next`); nil would mean it could not allocate one.
        guard let handle else { throw BSONError(.cError, "libmongoc returned no cursor") }
        self.client = client
        self.handle = handle
        self.transform = transform
    }

    deinit {
        mongoc_cursor_destroy(handle)
    }

    /// The next result, nil at the end; fetches the next batch from the server when needed
    /// (blocking the calling thread for it).
    ///
    /// - Throws: ``BSONError``: the server's or the network's error, or a malformed document.
    public func next() throws -> Element? {
        var current: OpaquePointer?
        if mongoc_cursor_next(handle, &current), let current {
            return try transform(BSONDocument(copying: current))
        }
        var error = bson_error_t()
        var reply: OpaquePointer?
        guard mongoc_cursor_error_document(handle, &error, &reply) else { return nil }
        throw BSONError(error, reply: reply)
    }

    /// Every remaining result, in order.
    public func toArray() throws -> [Element] {
        var results: [Element] = []
        while let element = try next() { results.append(element) }
        return results
    }
}

extension MongoCursor: AsyncSequence {
    /// Iterates the cursor from an async context (each step may block for a `getMore`).
    public struct AsyncIterator: AsyncIteratorProtocol {
        let cursor: MongoCursor

        public mutating func next() async throws -> Element? {
            try cursor.next()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> Element? {
            try cursor.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(cursor: self)
    }
}
