@testable import BSONService
import BSONServiceClient
import Foundation
import LibBSON
import Testing

@Suite("POST /documents and GET /documents/{id}")
struct DocumentsTests {
    @Test("documents without _id get ObjectIds, are stored, and come back byte for byte")
    func insertAndFind() async throws {
        try await withServer { client in
            let doc: BSONDocument = ["name": "Ada", "born": .int32(1815), "tags": ["math", "poetry"]]
            let posted = try await client.send(.post, "/documents", contentType: MediaType.bson, body: doc.bytes)
            #expect(posted.status == 201, "\(posted.text)")
            #expect(posted.contentType == MediaType.bson)
            let answer = try posted.document()
            #expect(answer["count"] == .int32(1))
            let ids = try ids(posted)
            #expect(ids.count == 1)
            guard case .objectID(let oid)? = ids.first else {
                Issue.record("expected an ObjectId, got \(ids)")
                return
            }

            let found = try await client.send(.get, "/documents/\(oid.hex)")
            #expect(found.status == 200)
            #expect(found.contentType == MediaType.bson)
            #expect(try found.document() == withLeadingID(.objectID(oid), doc))
        }
    }

    @Test("several concatenated documents: ids in order, given ids kept and moved first")
    func concatenatedDocuments() async throws {
        try await withServer { client in
            let oid = BSONObjectID()
            let docs: [BSONDocument] = [
                ["n": 1],
                ["n": 2, "_id": "user-42"],
                ["_id": .objectID(oid), "n": 3],
                ["n": 4, "_id": .int64(7)],
            ]
            let posted = try await client.send(.post, "/documents", body: concatenated(docs))
            #expect(posted.status == 201, "\(posted.text)")
            let ids = try ids(posted)
            #expect(ids.count == 4)
            #expect(ids[0].objectIDValue != nil)
            #expect(ids[1] == .string("user-42"))
            #expect(ids[2] == .objectID(oid))
            #expect(ids[3] == .int64(7))

            for (id, doc) in zip(ids, docs) {
                let found = try await client.send(.get, "/documents/\(pathSegment(id))")
                #expect(found.status == 200, "\(id): \(found.text)")
                #expect(try found.document() == withLeadingID(id, doc))
            }
        }
    }

    @Test("the answer to POST is Extended JSON when asked for")
    func insertAnswersJSON() async throws {
        try await withServer { client in
            let posted = try await client.send(.post, "/documents?mode=canonical", accept: MediaType.json,
                                               body: (["_id": .int32(5)] as BSONDocument).bytes)
            #expect(posted.status == 201)
            #expect(posted.contentType == MediaType.json)
            #expect(posted.text == #"{"ids":[{"$numberInt":"5"}],"count":{"$numberInt":"1"}}"#)
        }
    }

    @Test("GET as Extended JSON: the tenant's default mode, or ?mode=")
    func findAsJSON() async throws {
        try await withServer { client in
            let doc: BSONDocument = ["_id": "j", "n": .int64(1), "d": .double(2.5)]
            for tenant in [nil, "acme"] as [String?] {
                let posted = try await client.send(.post, "/documents", tenant: tenant, body: doc.bytes)
                #expect(posted.status == 201)
            }
            let relaxed = #"{"_id":"j","n":1,"d":2.5}"#
            let canonical = #"{"_id":"j","n":{"$numberLong":"1"},"d":{"$numberDouble":"2.5"}}"#

            // The default tenant (global state) writes relaxed; acme's context says canonical.
            let plain = try await client.send(.get, "/documents/j", accept: MediaType.json)
            #expect(plain.contentType == MediaType.json)
            #expect(plain.text == relaxed)
            let acme = try await client.send(.get, "/documents/j", tenant: "acme", accept: MediaType.json)
            #expect(acme.text == canonical)

            // ?mode= overrides the tenant's default, both ways.
            let asked = try await client.send(.get, "/documents/j?mode=canonical", accept: "application/json; charset=utf-8")
            #expect(asked.text == canonical)
            let acmeRelaxed = try await client.send(.get, "/documents/j?mode=relaxed", tenant: "acme", accept: MediaType.json)
            #expect(acmeRelaxed.text == relaxed)

            // Accept lists: the first supported type wins; none supported means BSON.
            let listed = try await client.send(.get, "/documents/j", accept: "text/html, application/json;q=0.9, */*;q=0.1")
            #expect(listed.contentType == MediaType.json)
            let other = try await client.send(.get, "/documents/j", accept: "text/html")
            #expect(other.contentType == MediaType.bson)

            // Only the library's names, spelt as it spells them.
            for mode in ["pretty", "Canonical", "RELAXED", ""] {
                let bad = try await client.send(.get, "/documents/j?mode=\(mode)", accept: MediaType.json)
                let error = try expectError(bad, status: 400, code: "invalidMode")
                #expect(error["error"]?.stringValue == "mode must be 'canonical' or 'relaxed', got '\(mode)'")
            }
        }
    }

    @Test("ids in the path: ObjectId hex, integers, strings, percent-encoded strings")
    func pathIDs() async throws {
        try await withServer { client in
            let docs: [BSONDocument] = [["_id": .int32(12)], ["_id": "12a"], ["_id": "a b/c"], ["_id": "ünï"], ["_id": "100%"]]
            let posted = try await client.send(.post, "/documents", body: concatenated(docs))
            #expect(posted.status == 201, "\(posted.text)")
            for (path, id) in [("12", BSON.int32(12)), ("12a", "12a"), ("a%20b%2Fc", "a b/c"), ("%C3%BCn%C3%AF", "ünï"), ("100%25", "100%")] {
                let found = try await client.send(.get, "/documents/\(path)")
                #expect(found.status == 200, "\(path): \(found.text)")
                #expect(try found.document()["_id"] == id)
            }
        }
    }

    @Test("percent-decoding of path ids is strict")
    func percentDecoding() {
        #expect(percentDecoded("a%20b%2Fc") == "a b/c")
        #expect(percentDecoded("%c3%bc") == "ü")
        #expect(percentDecoded("plain") == "plain")
        // Not hex, cut short, not UTF-8: refused (the HTTP client would re-encode these).
        for bad in ["%ZZ", "abc%4", "%", "%FF"] {
            #expect(percentDecoded(bad) == nil, "\(bad)")
        }
    }

    @Test("unknown ids are 404")
    func notFound() async throws {
        try await withServer { client in
            let missing = try await client.send(.get, "/documents/\(BSONObjectID().hex)")
            let error = try expectError(missing, status: 404, code: "notFound")
            #expect(error["error"]?.stringValue?.contains("tenant 'default'") == true)
        }
    }

    @Test("a duplicate _id is 409 and the batch stores nothing")
    func duplicateID() async throws {
        try await withServer { client in
            let first = try await client.send(.post, "/documents", body: (["_id": "dup"] as BSONDocument).bytes)
            #expect(first.status == 201)
            let again = try await client.send(.post, "/documents",
                                              body: concatenated([["_id": "fresh"], ["_id": "dup", "v": 2]]))
            let error = try expectError(again, status: 409, code: "duplicateID")
            #expect(error["error"]?.stringValue?.contains("\"dup\"") == true)
            #expect(try await client.send(.get, "/documents/fresh").status == 404)

            let inBatch = try await client.send(.post, "/documents", body: concatenated([["_id": .int32(1)], ["_id": .int64(1)]]))
            _ = try expectError(inBatch, status: 409, code: "duplicateID")
        }
    }

    @Test("an _id of another type is refused")
    func unsupportedID() async throws {
        try await withServer { client in
            let response = try await client.send(.post, "/documents", body: concatenated([["a": 1], ["_id": .double(1.5)]]))
            let error = try expectError(response, status: 400, code: "unsupportedID")
            #expect(error["documentIndex"]?.toInt() == 1)
        }
    }

    @Test("other content types are 415")
    func unsupportedMediaType() async throws {
        try await withServer { client in
            let response = try await client.send(.post, "/documents", contentType: "text/plain", body: Array("hi".utf8))
            _ = try expectError(response, status: 415, code: "unsupportedMediaType")
        }
    }
}
