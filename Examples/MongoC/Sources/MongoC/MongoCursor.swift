import CLibBSON
import CMongoC
import Dispatch
import LibBSON

/// The results of a find or an aggregation (`mongoc_cursor_t`), fetched batch by batch.
///
/// Read it with ``next()`` or ``toArray()`` (which block the calling thread while a batch is
/// fetched, as libmongoc does), or with `for try await`, which fetches on a Dispatch thread and
/// suspends the task meanwhile, so that no thread of Swift's cooperative pool waits on the
/// network. Each document is copied once out of libmongoc's batch and validated before it is
/// decoded; a malformed one is a located ``BSONError``. A failed query or `getMore` throws a
/// ``BSONError`` with code `.cError` (the server's code and message, and its reply); after the
/// last result or an error, the cursor returns nil.
///
/// The cursor keeps its collection (and so its client) alive, as libmongoc requires, and
/// destroys the `mongoc_cursor_t` when it goes away (libmongoc kills a live server cursor then).
///
/// ```swift
/// for try await order in try orders.find(["status": "paid"], as: Order.self) {
///     print(order.total)
/// }
/// ```
public final class MongoCursor<Element> {
    /// The collection the cursor reads: it must outlive the `mongoc_cursor_t`.
    private let collection: MongoCollection
    private let handle: OpaquePointer
    private let transform: (BSONDocument) throws -> Element
    /// True after the last result or an error: libmongoc refuses to advance such a cursor.
    private var finished = false

    init(collection: MongoCollection, handle: OpaquePointer?, transform: @escaping (BSONDocument) throws -> Element) throws {
        // libmongoc returns a cursor even for a query that fails (the error comes with the
        // first `next`); nil would mean it could not allocate one.
        guard let handle else { throw BSONError(.invalidValue, "libmongoc returned no cursor") }
        self.collection = collection
        self.handle = handle
        self.transform = transform
    }

    deinit {
        mongoc_cursor_destroy(handle)
    }

    /// The next result, nil at the end; fetches the next batch from the server when needed,
    /// blocking the calling thread meanwhile.
    ///
    /// - Throws: ``BSONError``: the server's or the network's error, or a malformed document.
    public func next() throws -> Element? {
        try nextDocument().map(transform)
    }

    /// Every remaining result, in order (blocking, as ``next()``).
    public func toArray() throws -> [Element] {
        var results: [Element] = []
        while let element = try next() { results.append(element) }
        return results
    }

    /// The next document as libmongoc gives it, copied and validated.
    private func nextDocument() throws -> BSONDocument? {
        guard !finished else { return nil }
        var current: OpaquePointer?
        if mongoc_cursor_next(handle, &current), let current {
            return try BSONDocument(copying: current)
        }
        finished = true
        var error = bson_error_t()
        var reply: OpaquePointer?
        guard mongoc_cursor_error_document(handle, &error, &reply) else { return nil }
        throw BSONError(error, reply: reply)
    }

    /// ``nextDocument()`` on a Dispatch thread, the calling task suspended until it is done.
    fileprivate func nextDocumentOffThePool(isolation: isolated (any Actor)? = #isolation) async throws -> BSONDocument? {
        // The cursor is not Sendable, but it is used by one thread at a time: the task that
        // owns it is suspended until the continuation resumes.
        let cursor = UncheckedTransfer(value: self)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try cursor.value.nextDocument() })
            }
        }
    }
}

extension MongoCursor: AsyncSequence {
    /// Iterates the cursor from an async context; batches are fetched off the cooperative pool.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let cursor: MongoCursor

        public mutating func next() async throws -> Element? {
            try await next(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> Element? {
            guard let document = try await cursor.nextDocumentOffThePool(isolation: actor) else { return nil }
            return try cursor.transform(document)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(cursor: self)
    }
}

/// Carries a value that is not `Sendable` to another thread, for code that guarantees by
/// its structure that only one thread uses the value at a time (see its one use above).
private struct UncheckedTransfer<Value>: @unchecked Sendable {
    let value: Value
}
