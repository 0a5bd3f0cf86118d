import BSONService
import BSONServiceClient
import Foundation
import LibBSON
import Testing

@Suite("Bad input: 400 with the library's reason and offset, 413 over a limit, nothing stored")
struct ValidationTests {
    /// A valid document whose string value holds an invalid UTF-8 byte at a known offset.
    static func invalidUTF8Document() -> (bytes: [UInt8], offset: Int) {
        var bytes = (["s": "abc"] as BSONDocument).bytes
        // layout: size(4) type(1) "s\0"(2) strlen(4) "abc\0" 0
        let offset = 4 + 1 + 2 + 4 + 1
        bytes[offset] = 0xFF
        return (bytes, offset)
    }

    @Test("invalid UTF-8: 400, the library's message with offset and key path, all or nothing")
    func invalidUTF8() async throws {
        try await withServer { client in
            let good: BSONDocument = ["_id": "good"]
            let (bad, offset) = Self.invalidUTF8Document()
            let response = try await client.send(.post, "/documents", body: good.bytes + bad)
            let error = try expectError(response, status: 400, code: "invalidUTF8")
            // The offset counts from the start of the body: the bad document is the second.
            #expect(error["offset"]?.toInt() == good.byteCount + offset)
            #expect(error["documentIndex"]?.toInt() == 1)
            #expect(error["keyPath"]?.stringValue == "s")
            let message = error["error"]?.stringValue ?? ""
            #expect(message.contains("at byte \(good.byteCount + offset)"), "\(message)")
            // The library's own words: the same text BSONReader gives.
            let reader = BSONReader(bytes: good.bytes + bad)
            _ = try reader.readDocument()
            #expect(throws: BSONError.self) { try reader.readDocument() }
            do throws(BSONError) {
                _ = try BSONReader(bytes: bad).readDocument()
                Issue.record("the library accepted the bad document")
            } catch {
                #expect(message.hasPrefix(error.reason), "\(message) vs \(error.reason)")
            }
            // Nothing of the batch was stored.
            #expect(try await client.send(.get, "/documents/good").status == 404)
        }
    }

    @Test("broken frames: truncated, bad size, trailing bytes, empty body")
    func brokenFrames() async throws {
        try await withServer { client in
            let doc = (["a": 1] as BSONDocument).bytes
            let truncated = try await client.send(.post, "/documents", body: Array(doc.dropLast(2)))
            let t = try expectError(truncated, status: 400, code: "truncated")
            #expect(t["offset"]?.toInt() == 0)

            let trailing = try await client.send(.post, "/documents", body: doc + [1, 2])
            let tr = try expectError(trailing, status: 400, code: "truncated")
            #expect(tr["offset"]?.toInt() == doc.count)
            #expect(tr["documentIndex"]?.toInt() == 1)

            let small = try await client.send(.post, "/documents", body: [3, 0, 0, 0, 0])
            _ = try expectError(small, status: 400, code: "invalidLength")

            var wrongType = doc
            wrongType[4] = 0x42
            let unknown = try await client.send(.post, "/documents", body: wrongType)
            let u = try expectError(unknown, status: 400, code: "unknownType")
            #expect(u["offset"]?.toInt() == 4)

            let empty = try await client.send(.post, "/documents", body: [])
            _ = try expectError(empty, status: 400, code: "emptyBody")
        }
    }

    @Test("a tenant's depth limit is a 400; the default tenant's is the library's")
    func depthLimit() async throws {
        try await withServer { client in
            var nested: BSONDocument = ["leaf": true]
            for _ in 0..<10 { nested = ["d": .document(nested)] }
            let acme = try await client.send(.post, "/documents", tenant: "acme", body: nested.bytes)
            _ = try expectError(acme, status: 400, code: "depthLimitExceeded")
            let globex = try await client.send(.post, "/documents", tenant: "globex", body: nested.bytes)
            #expect(globex.status == 201)
            let plain = try await client.send(.post, "/documents", body: nested.bytes)
            #expect(plain.status == 201)
        }
    }

    @Test("a document over the tenant's maximum document size is 413 with the library's reason")
    func documentSizeLimit() async throws {
        try await withServer { client in
            let big: BSONDocument = ["blob": .string(String(repeating: "x", count: 20_000))]   // over acme's 16 KiB
            let acme = try await client.send(.post, "/documents", tenant: "acme", body: big.bytes)
            let error = try expectError(acme, status: 413, code: "sizeLimitExceeded")
            #expect(error["error"]?.stringValue?.contains("16384") == true)
            #expect(try await client.send(.post, "/documents", tenant: "globex", body: big.bytes).status == 201)

            // Exactly at the limit it fits; the new _id pushes it over, which is a 413 too.
            let exact = 16 * 1024
            let filler = exact - (big.byteCount - 20_000)
            let atLimit: BSONDocument = ["blob": .string(String(repeating: "y", count: filler))]
            #expect(atLimit.byteCount == exact)
            let over = try await client.send(.post, "/documents", tenant: "acme", body: atLimit.bytes)
            let overError = try expectError(over, status: 413, code: "sizeLimitExceeded")
            #expect(overError["error"]?.stringValue?.contains("\(exact + 17) bytes, above the limit of \(exact)") == true)
            #expect(overError["documentIndex"]?.toInt() == 0)
            // 17 bytes less leaves room for the new _id: stored exactly at the limit.
            let roomy: BSONDocument = ["blob": .string(String(repeating: "y", count: filler - 17))]
            let fits = try await client.send(.post, "/documents", tenant: "acme", body: roomy.bytes)
            #expect(fits.status == 201, "\(fits.text)")
        }
    }

    @Test("bodies over the tenant's limit or the server's are 413, declared or chunked")
    func bodyLimits() async throws {
        try await withServer({ $0.serverBodyLimit = 3 * 1024 * 1024 }) { client in
            // acme: 64 KiB of small valid documents is over its body limit.
            let small: BSONDocument = ["k": .string(String(repeating: "z", count: 1000))]
            let many = concatenated(Array(repeating: small, count: 70))
            let acme = try await client.send(.post, "/documents", tenant: "acme", body: many)
            let error = try expectError(acme, status: 413, code: "bodyTooLarge")
            #expect(error["error"]?.stringValue?.contains("65536") == true)

            // The default tenant: the server-wide limit.
            let huge = [UInt8](repeating: 0, count: 3 * 1024 * 1024 + 1)
            let server = try await client.send(.post, "/documents", body: huge)
            let e2 = try expectError(server, status: 413, code: "bodyTooLarge")
            #expect(e2["error"]?.stringValue?.contains("server's limit") == true)

            // The connection pool still works after refused bodies.
            #expect(try await client.send(.post, "/documents", tenant: "acme", body: small.bytes).status == 201)
        }
    }

    @Test("a chunked body (no Content-Length) is cut off at the limit")
    func chunkedBodyLimit() async throws {
        try await withServer { client in
            let chunk = [UInt8](repeating: 0x41, count: 16 * 1024)
            let response = try await client.sendStreaming(.post, "/documents", tenant: "acme", chunks: Array(repeating: chunk, count: 8))
            _ = try expectError(response, status: 413, code: "bodyTooLarge")
        }
    }
}
