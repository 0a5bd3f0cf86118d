import BSONService
import BSONServiceClient
import Foundation
import LibBSON
import Testing

@Suite("Tenants: each request runs with its tenant's BSONContext bound")
struct TenantTests {
    @Test("the handlers see the tenant's context as BSONContext.resolve(); no header means global")
    func boundContext() async throws {
        try await withServer { client in
            for (tenant, context, mode, maxSize) in [(nil, "global", "relaxed", 16 * 1024 * 1024),
                                                     ("acme", "acme", "canonical", 16 * 1024),
                                                     ("globex", "globex", "relaxed", 1024 * 1024)] as [(String?, String, String, Int)] {
                let info = try await client.send(.get, "/tenant", tenant: tenant).document()
                #expect(info["tenant"]?.stringValue == tenant ?? "default")
                #expect(info["context"]?.stringValue == context)
                #expect(info["global"]?.boolValue == (tenant == nil))
                #expect(info["extendedJSONMode"]?.stringValue == mode)
                #expect(info["maxDocumentSize"]?.toInt() == maxSize)
            }
        }
    }

    @Test("unknown tenants are 404, malformed names 400")
    func unknownTenants() async throws {
        try await withServer { client in
            let unknown = try await client.send(.get, "/tenant", tenant: "initech")
            let error = try expectError(unknown, status: 404, code: "unknownTenant")
            #expect(error["error"]?.stringValue == "unknown tenant 'initech'")
            for bad in ["", "ACME", "a b", String(repeating: "a", count: 65), "acme,globex"] {
                let response = try await client.send(.post, "/documents", tenant: bad, body: (["a": 1] as BSONDocument).bytes)
                _ = try expectError(response, status: 400, code: "invalidTenant")
            }
            // Two X-Tenant headers are refused, not merged or guessed.
            let twice = try await client.send(.get, "/tenant", headers: [("X-Tenant", "acme"), ("X-Tenant", "globex")])
            _ = try expectError(twice, status: 400, code: "invalidTenant")
        }
    }

    @Test("stores are separate: a tenant never sees another's documents")
    func isolation() async throws {
        try await withServer { client in
            let posted = try await client.send(.post, "/documents", tenant: "acme", body: (["secret": "acme's"] as BSONDocument).bytes)
            let id = try #require(try ids(posted).first?.objectIDValue)
            #expect(try await client.send(.get, "/documents/\(id.hex)", tenant: "acme").status == 200)
            #expect(try await client.send(.get, "/documents/\(id.hex)", tenant: "globex").status == 404)
            #expect(try await client.send(.get, "/documents/\(id.hex)").status == 404)

            // The same _id in two tenants is two documents.
            for tenant in ["acme", "globex"] {
                let r = try await client.send(.post, "/documents", tenant: tenant, body: (["_id": "shared", "owner": .string(tenant)] as BSONDocument).bytes)
                #expect(r.status == 201)
            }
            for tenant in ["acme", "globex"] {
                let doc = try await client.send(.get, "/documents/shared", tenant: tenant).document()
                #expect(doc["owner"]?.stringValue == tenant)
            }
        }
    }

    /// The 5 bytes after an ObjectId's timestamp: its generator's random value.
    static func generatorValue(_ id: BSONObjectID) -> [UInt8] { Array(id.byteArray[4..<9]) }

    @Test("ObjectIds come from the tenant's own generator")
    func perTenantGenerators() async throws {
        try await withServer { client in
            var values: [String: Set<[UInt8]>] = [:]
            for tenant in ["acme", "globex", "default"] {
                for _ in 0..<5 {
                    let posted = try await client.send(.post, "/documents", tenant: tenant == "default" ? nil : tenant,
                                                       body: concatenated([["a": 1], ["b": 2]]))
                    for id in try ids(posted) {
                        let oid = try #require(id.objectIDValue)
                        values[tenant, default: []].insert(Self.generatorValue(oid))
                    }
                }
            }
            // One generator per tenant: one random value each, and three different ones.
            #expect(values.values.allSatisfy { $0.count == 1 }, "\(values)")
            #expect(Set(values.values.flatMap { $0 }).count == 3, "\(values)")
            // The default tenant uses the process's global generator.
            let global = Self.generatorValue(BSONObjectID(context: .global))
            #expect(values["default"] == [global])
        }
    }

    @Test("two tenants at once, many concurrent requests: every answer is the asker's own")
    func concurrentTenants() async throws {
        try await withServer { client in
            let perTenant = 150
            let failures = try await withThrowingTaskGroup(of: String?.self) { group in
                for tenant in ["acme", "globex"] {
                    for i in 0..<perTenant {
                        group.addTask {
                            let doc: BSONDocument = ["tenant": .string(tenant), "i": .int32(Int32(i)), "at": .datetime(BSONDatetime(millisecondsSinceEpoch: Int64(i)))]
                            let posted = try await client.send(.post, "/documents", tenant: tenant, body: doc.bytes)
                            guard posted.status == 201, let id = try ids(posted).first else { return "\(tenant) \(i): POST \(posted.status)" }
                            let found = try await client.send(.get, "/documents/\(pathSegment(id))", tenant: tenant, accept: MediaType.json)
                            let expected = try withLeadingID(id, doc).toExtendedJSONString(mode: tenant == "acme" ? .canonical : .relaxed)
                            guard found.status == 200, found.text == expected else { return "\(tenant) \(i): \(found.status) \(found.text)" }
                            let other = try await client.send(.get, "/documents/\(pathSegment(id))", tenant: tenant == "acme" ? "globex" : "acme")
                            guard other.status == 404 else { return "\(tenant) \(i): visible to the other tenant" }
                            return nil
                        }
                    }
                }
                var failures: [String] = []
                for try await failure in group {
                    if let failure { failures.append(failure) }
                }
                return failures
            }
            #expect(failures.isEmpty, "\(failures.prefix(5))")
            for tenant in ["acme", "globex"] {
                let info = try await client.send(.get, "/tenant", tenant: tenant).document()
                #expect(info["documents"]?.toInt() == perTenant)
            }
        }
    }
}
