import Hummingbird
import HTTPTypes
import LibBSON
import NIOCore

/// Every error the service answers with: a status and a JSON body
/// `{"error": "...", "code": "...", "offset": 37, "documentIndex": 0, "keyPath": "a.b"}`
/// (the last three only when known).
///
/// Library errors keep their own words: a ``BSONError`` from validation or the Extended JSON
/// parser becomes a 400 (413 for a size limit) whose `error` is the library's description,
/// with the rule that failed as `code` and the byte offset, document index and key path.
public struct ServiceError: HTTPResponseError, Equatable {
    public var status: HTTPResponse.Status
    /// A short machine-readable name: the ``BSONError/Code`` for library errors.
    public var code: String
    public var message: String
    public var offset: Int?
    public var documentIndex: Int?
    public var keyPath: [String] = []

    public init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// A library error: 413 for a size limit, else 400, in the library's words.
    public init(_ error: BSONError) {
        self.status = error.code == .sizeLimitExceeded ? .contentTooLarge : .badRequest
        self.code = error.code.rawValue
        self.message = error.description
        self.offset = error.offset
        self.documentIndex = error.documentIndex
        self.keyPath = error.keyPath
    }

    /// A typed body that does not decode (``BSONDecoder``'s `DecodingError`).
    public init(_ error: DecodingError) {
        let (context, kind): (DecodingError.Context?, String) = switch error {
        case .typeMismatch(_, let c): (c, "typeMismatch")
        case .valueNotFound(_, let c): (c, "valueNotFound")
        case .keyNotFound(_, let c): (c, "keyNotFound")
        case .dataCorrupted(let c): (c, "dataCorrupted")
        @unknown default: (nil, "decodingError")
        }
        self.status = .badRequest
        self.code = kind
        let path = context?.codingPath.map(\.stringValue) ?? []
        self.message = (context?.debugDescription ?? "\(error)") + (path.isEmpty ? "" : " (key path: \(path.joined(separator: ".")))")
        self.keyPath = path
    }

    /// A value the tenant's strategies cannot write (``BSONEncoder``'s `EncodingError`), such
    /// as a date outside the years 0000-9999 for an ISO 8601 tenant: the client's value, so 400.
    public init(_ error: EncodingError) {
        let context: EncodingError.Context? = switch error {
        case .invalidValue(_, let c): c
        @unknown default: nil
        }
        self.status = .badRequest
        self.code = "unrepresentable"
        let path = context?.codingPath.map(\.stringValue) ?? []
        self.message = (context?.debugDescription ?? "\(error)") + (path.isEmpty ? "" : " (key path: \(path.joined(separator: ".")))")
        self.keyPath = path
    }

    /// A body larger than the limit that applies.
    static func bodyTooLarge(limit: Int, tenant: String) -> ServiceError {
        ServiceError(.contentTooLarge, code: "bodyTooLarge",
                     "the request body exceeds the limit of \(limit) bytes for tenant '\(tenant)'")
    }

    /// The body as a BSON document, written out as relaxed Extended JSON.
    var document: BSONDocument {
        var elements: [(key: String, value: BSON)] = [("error", .string(message)), ("code", .string(code))]
        if let offset { elements.append(("offset", .int64(Int64(offset)))) }
        if let documentIndex { elements.append(("documentIndex", .int64(Int64(documentIndex)))) }
        if !keyPath.isEmpty { elements.append(("keyPath", .string(keyPath.joined(separator: ".")))) }
        // The keys are constants without NUL, so this cannot fail; an empty document if it did.
        return (try? BSONDocument(elements: elements)) ?? BSONDocument()
    }

    public func response(from request: Request, context: some RequestContext) -> Response {
        let json = document.toExtendedJSONString(mode: .relaxed)
        var headers = HTTPFields()
        headers[.contentType] = MediaType.json
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}

/// Turns the errors handlers let through into ``ServiceError`` responses, so that handlers
/// can simply `try` library calls: `BSONError` (400/413), `DecodingError` and `EncodingError`
/// (400), a body over
/// a limit (413), a store conflict (409) or a full store (507).
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as BSONError {
            throw ServiceError(error)
        } catch let error as DecodingError {
            throw ServiceError(error)
        } catch let error as EncodingError {
            throw ServiceError(error)
        } catch let error as DocumentStore.InsertError {
            switch error {
            case .duplicateID(let key):
                throw ServiceError(.conflict, code: "duplicateID", "a document with _id \(key) already exists")
            case .full(let maxDocuments, let maxBytes):
                throw ServiceError(.init(code: 507, reasonPhrase: "Insufficient Storage"), code: "storeFull",
                                   "the tenant's store is full (at most \(maxDocuments) documents, \(maxBytes) bytes)")
            }
        }
    }
}
