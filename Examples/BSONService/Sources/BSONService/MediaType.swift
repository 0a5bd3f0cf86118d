import Foundation
import Hummingbird
import HTTPTypes
import LibBSON
import NIOCore

/// The media types the service speaks.
public enum MediaType {
    public static let bson = "application/bson"
    public static let json = "application/json"
    /// Several Extended JSON documents, one per line (`POST /convert` of several BSON documents).
    public static let ndjson = "application/x-ndjson"
}

/// The two body formats.
public enum BodyFormat: Sendable, Equatable {
    case bson
    case json

    /// The format of a request body, from its `Content-Type` (parameters ignored); `absent`
    /// when there is none, nil for a type the service does not read.
    static func ofRequest(_ request: Request, absent: BodyFormat?) -> BodyFormat? {
        guard let value = request.headers[.contentType] else { return absent }
        switch mediaType(value) {
        case MediaType.bson: return .bson
        case MediaType.json: return .json
        default: return nil
        }
    }

    /// The response format a client asks for with `Accept`: the first of `application/bson`,
    /// `application/json`, `application/*` or `*/*` it lists; BSON when it lists none of them.
    static func accepted(by request: Request) -> BodyFormat {
        guard let accept = request.headers[.accept] else { return .bson }
        for item in accept.split(separator: ",") {
            switch mediaType(item) {
            case MediaType.bson, "application/*", "*/*": return .bson
            case MediaType.json: return .json
            default: continue
            }
        }
        return .bson
    }

    private static func mediaType(_ value: some StringProtocol) -> String {
        let type = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

extension Request {
    /// The Extended JSON mode asked for with `?mode=canonical|relaxed`; nil when absent, which
    /// means the tenant's default (``LibBSON/BSONContext/extendedJSONMode`` of the bound context).
    /// The names are the library's (``LibBSON/ExtendedJSONMode/init(_:)``), case-sensitive.
    func extendedJSONMode() throws(ServiceError) -> ExtendedJSONMode? {
        guard let text = uri.queryParameters.get("mode") else { return nil }
        guard let mode = ExtendedJSONMode(text) else {
            let names = ExtendedJSONMode.allCases.map { "'\($0)'" }.joined(separator: " or ")
            throw ServiceError(.badRequest, code: "invalidMode", "mode must be \(names), got '\(text)'")
        }
        return mode
    }

    /// The body's bytes, at most `limit` of them (the tenant's limit, capped by the server's).
    ///
    /// A declared `Content-Length` over the limit is refused before anything is read; a
    /// chunked body is refused as soon as it passes the limit.
    func collectBody(limit: Int, tenant: String) async throws -> [UInt8] {
        if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw ServiceError.bodyTooLarge(limit: limit, tenant: tenant)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ServiceError.bodyTooLarge(limit: limit, tenant: tenant)
        }
        return Array(buffer.readableBytesView)
    }
}

extension Response {
    /// A document as BSON, or as Extended JSON in `mode` (nil: the bound context's default).
    static func document(_ document: BSONDocument, as format: BodyFormat, mode: ExtendedJSONMode?,
                         status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        let body: ByteBuffer
        switch format {
        case .bson:
            headers[.contentType] = MediaType.bson
            body = document.withUnsafeBytes { ByteBuffer(bytes: $0) }
        case .json:
            headers[.contentType] = MediaType.json
            // mode nil resolves the bound context: the tenant's default Extended JSON mode.
            body = ByteBuffer(string: document.toExtendedJSONString(mode: mode))
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
