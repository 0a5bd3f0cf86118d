import AsyncHTTPClient
import LibBSON
import NIOCore
import NIOHTTP1

/// One answer of the service, with its body read in full.
public struct ServiceResponse: Sendable {
    public let status: Int
    public let contentType: String?
    public let body: [UInt8]

    /// The body as text (lossy for bytes that are not UTF-8).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as one validated BSON document.
    public func document() throws -> BSONDocument {
        try BSONDocument(fromBSON: body, context: .global)
    }

    /// An error body (`{"error": ..., "code": ...}`), parsed from its Extended JSON bytes
    /// (which must be UTF-8).
    public func errorDocument() throws -> BSONDocument {
        try BSONDocument(fromJSON: body, context: .global)
    }
}

/// A client of the service on this machine: it only ever connects to 127.0.0.1.
public final class ServiceClient: Sendable {
    public enum Method: Sendable {
        case get, post

        var http: HTTPMethod { self == .get ? .GET : .POST }
    }

    /// The loopback address every request goes to.
    public static let host = "127.0.0.1"

    public let port: Int
    private let http: HTTPClient

    /// - Parameter connections: the most connections kept open to the server at once.
    public init(port: Int, connections: Int = 8) {
        self.port = port
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        self.http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Sends one request and reads the whole answer (at most `maxBody` bytes of it).
    public func send(
        _ method: Method, _ path: String, tenant: String? = nil, contentType: String? = nil,
        accept: String? = nil, headers: [(String, String)] = [], body: [UInt8]? = nil,
        timeout: Duration = .seconds(30), maxBody: Int = 64 * 1024 * 1024
    ) async throws -> ServiceResponse {
        var request = makeRequest(method, path, tenant: tenant, contentType: contentType, accept: accept, headers: headers)
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        return try await execute(request, timeout: timeout, maxBody: maxBody)
    }

    /// Sends a body in chunks without a `Content-Length` (chunked transfer encoding).
    public func sendStreaming(
        _ method: Method, _ path: String, tenant: String? = nil, contentType: String? = nil,
        chunks: [[UInt8]], timeout: Duration = .seconds(30)
    ) async throws -> ServiceResponse {
        var request = makeRequest(method, path, tenant: tenant, contentType: contentType, accept: nil, headers: [])
        let stream = AsyncStream<ByteBuffer> { continuation in
            for chunk in chunks { continuation.yield(ByteBuffer(bytes: chunk)) }
            continuation.finish()
        }
        request.body = .stream(stream, length: .unknown)
        return try await execute(request, timeout: timeout, maxBody: 64 * 1024 * 1024)
    }

    private func makeRequest(_ method: Method, _ path: String, tenant: String?, contentType: String?,
                             accept: String?, headers: [(String, String)]) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: "http://\(Self.host):\(port)\(path)")
        request.method = method.http
        if let tenant { request.headers.add(name: "X-Tenant", value: tenant) }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let accept { request.headers.add(name: "Accept", value: accept) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        return request
    }

    private func execute(_ request: HTTPClientRequest, timeout: Duration, maxBody: Int) async throws -> ServiceResponse {
        let (seconds, attoseconds) = timeout.components
        let response = try await http.execute(request, timeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        let buffer = try await response.body.collect(upTo: maxBody)
        return ServiceResponse(status: Int(response.status.code),
                               contentType: response.headers.first(name: "Content-Type"),
                               body: Array(buffer.readableBytesView))
    }

    /// Closes the connections; call once, when done.
    public func shutdown() async throws {
        try await http.shutdown()
    }
}
