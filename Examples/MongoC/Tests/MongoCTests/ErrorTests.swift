import CMongoC
import LibBSON
import MongoC
import Testing

/// Failures on the wire become typed errors with libmongoc's message, never a crash.
@Suite struct ErrorTests {
    static func cError(_ error: any Error) -> BSONError.CError? {
        (error as? BSONError)?.cError
    }

    @Test("server errors, write errors, a failing getMore, a hang-up and malformed replies")
    func failures() throws {
        let server = try MockServer(scenario: "errors")
        var tried = 0
        var beforeFailure: [BSONDocument?] = []
        do {
            let client = try server.client()
            let orders = try client.collection("orders", in: "shop")

            // 1. The server refuses a command: its code and message, and its reply.
            let refused = #expect(throws: BSONError.self) { try client.runCommand(["frobnicate": .int32(1)], on: "shop") }
            #expect(refused?.code == .cError)
            #expect(refused?.cError?.domain == MONGOC_ERROR_SERVER.rawValue)
            #expect(refused?.cError?.code == 59)
            #expect(refused?.cError?.message == "no such command: 'frobnicate'")
            #expect(refused?.cError?.reply?["errmsg"]?.stringValue == "no such command: 'frobnicate'")
            tried += 1

            // 2. A duplicate key on insert: libmongoc's write error, with the reply's writeErrors.
            let duplicate = #expect(throws: BSONError.self) { try orders.insertOne(["_id": .int32(1)]) }
            #expect(duplicate?.cError?.code == 11000)
            #expect(duplicate?.cError?.message.hasPrefix("E11000 duplicate key error") == true)
            #expect(duplicate?.cError?.reply?["writeErrors"]?.arrayValue?.count == 1)
            tried += 1

            // 3. A cursor whose getMore fails after its first batch: two documents, then the error.
            let cursor = try orders.find()
            beforeFailure = [try cursor.next(), try cursor.next()]
            let lost = #expect(throws: BSONError.self) { try cursor.next() }
            #expect(lost?.cError?.code == 43)
            #expect(lost?.cError?.message == "cursor id 99 not found")
            tried += 1

            // 4. The server closes the connection instead of replying.
            let hungUp = #expect(throws: BSONError.self) { try client.runCommand(["ping": .int32(1)], on: "admin") }
            #expect(hungUp?.cError?.domain == MONGOC_ERROR_STREAM.rawValue)
            #expect(hungUp?.cError?.message.isEmpty == false)
            tried += 1

            // 5. A reply with correct framing but a string length pointing past its document:
            //    whichever side notices (libmongoc or the bridge's validation), a typed error.
            let corrupt = #expect(throws: BSONError.self) { try client.runCommand(["ping": .int32(1)], on: "admin") }
            #expect(corrupt != nil)
            if let corrupt, corrupt.code != .cError {
                #expect(corrupt.offset != nil)
            }
            print("mongoc wire: corrupt reply body -> \(corrupt.map { "\($0.code): \($0)" } ?? "no error")")
            tried += 1

            // 6. A reply header announcing 2 GiB.
            let huge = #expect(throws: BSONError.self) { try client.runCommand(["ping": .int32(1)], on: "admin") }
            #expect(huge?.code == .cError)
            print("mongoc wire: 2 GiB reply header -> \(huge.map(String.init(describing:)) ?? "no error")")
            tried += 1

            // 7. A truncated reply.
            let truncated = #expect(throws: BSONError.self) { try client.runCommand(["ping": .int32(1)], on: "admin") }
            #expect(truncated?.code == .cError)
            print("mongoc wire: truncated reply -> \(truncated.map(String.init(describing:)) ?? "no error")")
            tried += 1

            // A cursor that failed stays failed: nil, not a second error or a crash.
            #expect(try cursor.next() == nil)

            // Names with NUL are refused before C could cut them short (no request is sent).
            #expect { try client.collection("orders\u{0}x", in: "shop") } throws: { ($0 as? BSONError)?.code == .embeddedNUL }
            #expect { try client.runCommand(["ping": .int32(1)], on: "ad\u{0}min") } throws: { ($0 as? BSONError)?.code == .embeddedNUL }

            // 8. The client recovers.
            let ok = try client.runCommand(["ping": .int32(1)], on: "admin")
            #expect(ok["ok"]?.toDouble() == 1)
        }
        let report = try server.finish()
        #expect(report.failedChecks == [] && report.ok)
        #expect(beforeFailure.map { $0?.bytes ?? [] } == report.hexList("beforeFailure"))
        print("mongoc wire: \(tried) error cases, each a typed error; the client recovered")
    }
}
