import BSONService
import BSONServiceClient
import Foundation
import LibBSON
import Testing

/// A small deterministic generator (SplitMix64), so failures replay.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Nothing a client sends crashes the server")
struct RobustnessTests {
    @Test("random and mutated bodies to every endpoint get 2xx or 4xx, and the server keeps serving")
    func garbage() async throws {
        try await withServer { client in
            var random = SplitMix64(state: 0x5EED)
            let seed: BSONDocument = ["_id": "s", "a": 1, "b": ["c": "d", "e": [1.5, true, .null]], "f": .datetime(BSONDatetime(millisecondsSinceEpoch: 0))]
            let endpoints: [(String, String?)] = [("/documents", MediaType.bson), ("/convert", MediaType.bson),
                                                   ("/convert", MediaType.json), ("/events", MediaType.bson)]
            var statuses: [Int: Int] = [:]
            for round in 0..<240 {
                var body: [UInt8]
                switch round % 3 {
                case 0:   // random bytes, sometimes with a plausible size field
                    body = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                    if body.count >= 4 && round % 2 == 0 {
                        let size = UInt32(body.count)
                        body[0] = UInt8(size & 0xFF); body[1] = UInt8(size >> 8 & 0xFF); body[2] = 0; body[3] = 0
                    }
                case 1:   // a valid document with a few bytes changed
                    body = seed.bytes
                    for _ in 0..<Int.random(in: 1...3, using: &random) {
                        body[Int.random(in: 0..<body.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                    }
                default:  // Extended JSON with a few bytes changed
                    body = Array(seed.toCanonicalExtendedJSONString().utf8)
                    for _ in 0..<Int.random(in: 1...3, using: &random) {
                        body[Int.random(in: 0..<body.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                    }
                }
                let (path, type) = endpoints[round % endpoints.count]
                let tenant = [nil, "acme", "globex"][round % 3]
                let response = try await client.send(.post, path, tenant: tenant, contentType: type, body: body)
                statuses[response.status, default: 0] += 1
                #expect((200..<500).contains(response.status), "round \(round): \(response.status) \(response.text)")
                if response.status >= 400 {
                    // Every refusal is a JSON error body with a code.
                    #expect((try? response.errorDocument())?["code"]?.stringValue != nil, "round \(round): \(response.text)")
                }
            }
            #expect(statuses.keys.contains(400))
            let alive = try await client.send(.get, "/tenant")
            #expect(alive.status == 200)
        }
    }

    @Test("unknown routes and methods are 404/405, not crashes")
    func routes() async throws {
        try await withServer { client in
            #expect(try await client.send(.get, "/nope").status == 404)
            let wrongMethod = try await client.send(.get, "/convert")
            #expect((404...405).contains(wrongMethod.status))
        }
    }
}
