import Foundation
import BSONService
import BSONServiceClient
import Hummingbird
import LibBSON
import Logging
import NIOCore
import ServiceLifecycle
import Testing

struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

/// Starts the service on 127.0.0.1 with a port the system picks, runs `body` with a client
/// connected to it, and stops the server (gracefully) whatever `body` does.
func withServer<T: Sendable>(
    _ configure: (inout ServiceConfiguration) -> Void = { _ in },
    _ body: @Sendable (ServiceClient) async throws -> T
) async throws -> T {
    var configuration = ServiceConfiguration()
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configuration.logLevel = .warning
    configure(&configuration)

    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let app = buildApplication(configuration: configuration) { channel in
        portSink.yield(channel.localAddress?.port ?? -1)
        portSink.finish()
    }
    var logger = Logger(label: "bson-service-tests")
    logger.logLevel = .warning
    let services = ServiceGroup(configuration: .init(services: [app], logger: logger))

    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await services.triggerGracefulShutdown()
            throw HarnessError(description: "the server did not report a port")
        }
        let client = ServiceClient(port: port)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try await client.shutdown()
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
        return try result.get()
    }
}

/// Concatenated BSON bytes of several documents.
func concatenated(_ documents: [BSONDocument]) -> [UInt8] {
    documents.flatMap(\.bytes)
}

/// `document` with `_id` first, as the service stores it.
func withLeadingID(_ id: BSON, _ document: BSONDocument) throws -> BSONDocument {
    var result = BSONDocument()
    try result.append(key: "_id", value: id)
    for (key, value) in document where key != "_id" {
        try result.append(key: key, value: value)
    }
    return result
}

/// The ids of a `POST /documents` answer.
func ids(_ response: ServiceResponse) throws -> [BSON] {
    let answer = try response.document()
    guard let ids = answer["ids"]?.arrayValue else {
        throw HarnessError(description: "no ids in \(answer)")
    }
    return ids
}

/// A path segment for an id.
func pathSegment(_ id: BSON) -> String {
    switch id {
    case .objectID(let oid): oid.hex
    case .string(let s): s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    case .int32(let n): "\(n)"
    case .int64(let n): "\(n)"
    default: "unsupported"
    }
}

/// The error document of an error response, with its status checked.
func expectError(_ response: ServiceResponse, status: Int, code: String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> BSONDocument {
    #expect(response.status == status, "body: \(response.text)", sourceLocation: sourceLocation)
    #expect(response.contentType == MediaType.json, sourceLocation: sourceLocation)
    let error = try response.errorDocument()
    #expect(error["code"]?.stringValue == code, "body: \(response.text)", sourceLocation: sourceLocation)
    return error
}
