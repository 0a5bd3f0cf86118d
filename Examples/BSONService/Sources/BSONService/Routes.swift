import Foundation
import Hummingbird
import HTTPTypes
import LibBSON

/// The handlers. Each runs with the request's tenant context bound by ``TenantMiddleware``,
/// so the library calls here take no `context:` argument: they resolve the tenant's.
struct DocumentRoutes: Sendable {
    /// The server-wide body limit; a tenant's own limit applies under it.
    let serverBodyLimit: Int

    func bodyLimit(for tenant: Tenant) -> Int { min(tenant.maxBodySize, serverBodyLimit) }

    /// `POST /documents`: one or more concatenated BSON documents. Every one is validated with
    /// the tenant's limits and given an `_id` (an ObjectId from the tenant's generator) when it
    /// has none, which must leave it within the tenant's maximum document size; then all are
    /// stored, or none. Answers `{"ids": [...], "count": n}`.
    @Sendable func insert(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        guard BodyFormat.ofRequest(request, absent: .bson) == .bson else {
            throw ServiceError(.unsupportedMediaType, code: "unsupportedMediaType",
                               "POST /documents takes \(MediaType.bson)")
        }
        let mode = try request.extendedJSONMode()
        let body = try await request.collectBody(limit: bodyLimit(for: tenant), tenant: tenant.name)

        // The bound context's limits: BSONReader takes its options explicitly.
        let limits = BSONContext.resolve().validation
        let reader = BSONReader(bytes: body, options: limits)
        var batch: [(key: DocumentKey, document: BSONDocument)] = []
        var ids: [BSON] = []
        while let document = try reader.readDocument() {
            let index = batch.count
            let stored: BSONDocument
            do {
                // A new ObjectId from the bound (tenant's) generator; refused (413) when the
                // 17 bytes it adds take the document over the tenant's maximum size.
                stored = try document.withID()
            } catch var error as BSONError {
                error.documentIndex = index
                throw error
            }
            guard let id = stored["_id"], let key = DocumentKey(id: id) else {
                var error = ServiceError(.badRequest, code: "unsupportedID",
                                         "_id must be an ObjectId, a string or an integer, got \(stored["_id"]?.type.description ?? "nothing")")
                error.documentIndex = index
                throw error
            }
            batch.append((key, stored))
            ids.append(id)
        }
        guard !batch.isEmpty else {
            throw ServiceError(.badRequest, code: "emptyBody", "the body holds no BSON document")
        }
        try tenant.store.insert(batch)
        let answer = try BSONDocument(elements: [("ids", .array(ids)), ("count", .int32(Int32(ids.count)))])
        return .document(answer, as: BodyFormat.accepted(by: request), mode: mode, status: .created)
    }

    /// `GET /documents/{id}`: the stored document, as BSON or (with `Accept: application/json`)
    /// Extended JSON in the tenant's default mode or the one `?mode=` asks for.
    @Sendable func find(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let mode = try request.extendedJSONMode()
        guard let raw = context.parameters.get("id"), let id = percentDecoded(raw) else {
            throw ServiceError(.badRequest, code: "invalidID", "the id in the path is not valid percent-encoding")
        }
        guard let document = tenant.store.document(forAnyOf: DocumentKey.candidates(forPath: id)) else {
            throw ServiceError(.notFound, code: "notFound", "no document with _id '\(id)' in tenant '\(tenant.name)'")
        }
        return .document(document, as: BodyFormat.accepted(by: request), mode: mode)
    }

    /// `POST /convert`: the body's `Content-Type` decides the direction. Extended JSON (one
    /// object) becomes BSON; BSON becomes Extended JSON (one document: `application/json`;
    /// several: one per line, `application/x-ndjson`). Limits and mode are the tenant's.
    @Sendable func convert(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let mode = try request.extendedJSONMode()
        guard let format = BodyFormat.ofRequest(request, absent: nil) else {
            throw ServiceError(.unsupportedMediaType, code: "unsupportedMediaType",
                               "POST /convert takes \(MediaType.json) (to BSON) or \(MediaType.bson) (to Extended JSON)")
        }
        let body = try await request.collectBody(limit: bodyLimit(for: tenant), tenant: tenant.name)
        switch format {
        case .json:
            // Parsed from the body's bytes: the tenant's depth and size limits, and bytes that
            // are not UTF-8 are a 400 `invalidUTF8` with the offset of the first bad byte.
            let document = try BSONDocument(fromJSON: body)
            return .document(document, as: .bson, mode: nil)
        case .bson:
            let reader = BSONReader(bytes: body, options: BSONContext.resolve().validation)
            var documents: [BSONDocument] = []
            while let document = try reader.readDocument() {
                documents.append(document)
            }
            switch documents.count {
            case 0:
                throw ServiceError(.badRequest, code: "emptyBody", "the body holds no BSON document")
            case 1:
                return .document(documents[0], as: .json, mode: mode)
            default:
                var text = ""
                for document in documents {
                    text += document.toExtendedJSONString(mode: mode)
                    text += "\n"
                }
                var headers = HTTPFields()
                headers[.contentType] = MediaType.ndjson
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
        }
    }

    /// `POST /events`: one BSON document decoded into ``Event`` with `BSONDecoder()` (the
    /// tenant's strategies), stored as an ``EventReceipt`` encoded with `BSONEncoder()`, which
    /// is also the answer.
    @Sendable func event(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        guard BodyFormat.ofRequest(request, absent: .bson) == .bson else {
            throw ServiceError(.unsupportedMediaType, code: "unsupportedMediaType", "POST /events takes \(MediaType.bson)")
        }
        let mode = try request.extendedJSONMode()
        let body = try await request.collectBody(limit: bodyLimit(for: tenant), tenant: tenant.name)
        let document = try BSONDocument(fromBSON: body)    // exactly one document, tenant's limits
        let event = try BSONDecoder().decode(Event.self, from: document)
        let receipt = EventReceipt(id: BSONObjectID(), tenant: tenant.name, type: event.type, at: event.at,
                                   receivedAt: Date(), tags: event.tags ?? [])
        let stored = try BSONEncoder().encode(receipt)
        try tenant.store.insert([(.objectID(receipt.id), stored)])
        return .document(stored, as: BodyFormat.accepted(by: request), mode: mode, status: .created)
    }

    /// `GET /tenant`: which tenant and which context served the request, with its settings
    /// and store usage. `context` is `BSONContext.resolve().name`: what the library resolved.
    @Sendable func tenantInfo(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let current = BSONContext.resolve()
        let usage = tenant.store.usage
        let info = try BSONDocument(elements: [
            ("tenant", .string(tenant.name)),
            ("context", .string(current.name)),
            ("global", .bool(current.isGlobal)),
            ("extendedJSONMode", .string(current.extendedJSONMode.description)),
            ("maxDocumentSize", .int64(Int64(current.validation.maxDocumentSize))),
            ("maxDepth", .int64(Int64(current.validation.maxDepth))),
            ("maxBodySize", .int64(Int64(bodyLimit(for: tenant)))),
            ("documents", .int64(Int64(usage.documents))),
            ("bytes", .int64(Int64(usage.bytes))),
        ])
        return .document(info, as: BodyFormat.accepted(by: request), mode: .relaxed)
    }
}

/// `segment` with its `%XX` escapes decoded; nil when an escape is malformed or the result is
/// not UTF-8. (Hummingbird hands path parameters over still encoded.)
func percentDecoded(_ segment: String) -> String? {
    func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
    let input = Array(segment.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var i = 0
    while i < input.count {
        if input[i] == UInt8(ascii: "%") {
            guard i + 2 < input.count, let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2]) else {
                return nil
            }
            output.append(high << 4 | low)
            i += 3
        } else {
            output.append(input[i])
            i += 1
        }
    }
    return String(validating: output, as: UTF8.self)
}
