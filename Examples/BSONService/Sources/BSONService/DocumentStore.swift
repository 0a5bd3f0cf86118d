import LibBSON
import Synchronization

/// The key a stored document is found by: its `_id`, for the `_id` types the service accepts.
public enum DocumentKey: Hashable, Sendable, CustomStringConvertible {
    case objectID(BSONObjectID)
    case string(String)
    /// int32 and int64 ids share this case, so `5` and `Int64(5)` are the same id (as in MongoDB).
    case integer(Int64)

    /// The key of an `_id` value, or nil for an `_id` type the service does not index.
    public init?(id: BSON) {
        switch id {
        case .objectID(let oid): self = .objectID(oid)
        case .string(let s): self = .string(s)
        case .int32(let n): self = .integer(Int64(n))
        case .int64(let n): self = .integer(n)
        default: return nil
        }
    }

    /// The keys a path segment may name, most specific first: an ObjectId when it is 24 hex
    /// digits, an integer when it is one, and always the string itself.
    public static func candidates(forPath segment: String) -> [DocumentKey] {
        var keys: [DocumentKey] = []
        if segment.utf8.count == 24, let oid = try? BSONObjectID(segment) {
            keys.append(.objectID(oid))
        }
        if let n = Int64(segment) {
            keys.append(.integer(n))
        }
        keys.append(.string(segment))
        return keys
    }

    public var description: String {
        switch self {
        case .objectID(let oid): "ObjectId(\(oid.hex))"
        case .string(let s): "\"\(s)\""
        case .integer(let n): "\(n)"
        }
    }
}

/// One tenant's documents, in memory, bounded in count and bytes.
///
/// Inserts are all or nothing: a batch with a duplicate `_id` (within itself or with a stored
/// document) or one that would pass the limits stores nothing.
public final class DocumentStore: Sendable {
    public enum InsertError: Error, Equatable, Sendable {
        case duplicateID(DocumentKey)
        case full(maxDocuments: Int, maxBytes: Int)
    }

    private struct State {
        var documents: [DocumentKey: BSONDocument] = [:]
        var bytes = 0
    }

    public let maxDocuments: Int
    public let maxBytes: Int
    private let state = Mutex(State())

    public init(maxDocuments: Int = 1_000_000, maxBytes: Int = 256 * 1024 * 1024) {
        self.maxDocuments = maxDocuments
        self.maxBytes = maxBytes
    }

    /// Stores every document of the batch, or none.
    public func insert(_ batch: [(key: DocumentKey, document: BSONDocument)]) throws(InsertError) {
        let batchBytes = batch.reduce(0) { $0 + $1.document.byteCount }
        try state.withLock { (state: inout State) throws(InsertError) in
            var seen = Set<DocumentKey>()
            for (key, _) in batch {
                if state.documents[key] != nil || !seen.insert(key).inserted {
                    throw .duplicateID(key)
                }
            }
            guard state.documents.count + batch.count <= maxDocuments,
                  state.bytes + batchBytes <= maxBytes else {
                throw .full(maxDocuments: maxDocuments, maxBytes: maxBytes)
            }
            for (key, document) in batch {
                state.documents[key] = document
            }
            state.bytes += batchBytes
        }
    }

    /// The document stored under the first of `keys` that has one.
    public func document(forAnyOf keys: [DocumentKey]) -> BSONDocument? {
        state.withLock { state in
            for key in keys {
                if let document = state.documents[key] { return document }
            }
            return nil
        }
    }

    /// How many documents, and how many bytes of them, are stored.
    public var usage: (documents: Int, bytes: Int) {
        state.withLock { ($0.documents.count, $0.bytes) }
    }
}
