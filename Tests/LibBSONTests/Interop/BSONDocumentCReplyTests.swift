import CInteropPeer
import CLibBSON
import Testing
import LibBSON

/// `BSONDocument.reply` with a C function of libmongoc's out-parameter form
/// (`peer_reply`: `bson_init(reply)`, fill it, set the `bson_error_t` on failure). The
/// padding puts the reply's data on the heap, so a reply the bridge did not destroy leaks
/// (LeakSanitizer, `scripts/leakcheck tests`).
@Suite struct BSONDocumentCReplyTests {
    static let padding = String(repeating: "p", count: 300)

    @Test func successReturnsTheReply() throws {
        let reply = try BSONDocument.reply { reply, error in
            peer_reply(reply, error, true, 3, 0, 0, "", false, Self.padding.utf8.count)
        }
        #expect(reply == ["ok": .double(1), "n": .int32(3), "pad": .string(Self.padding)])
    }

    @Test func failureThrowsTheCErrorWithItsReply() throws {
        let message = "E11000 duplicate key error collection: db.c index: _id_ dup key: { _id: 1 }"
        let error = try #require(throws: BSONError.self) {
            try BSONDocument.reply { reply, error in
                peer_reply(reply, error, false, 0, 11, 11000, message, false, Self.padding.utf8.count)
            }
        }
        #expect(error.code == .cError)
        #expect(error.reason == message)
        let cError = try #require(error.cError)
        #expect(cError.domain == 11)
        #expect(cError.code == 11000)
        #expect(cError.message == message)
        #expect(cError.reply == ["ok": .double(0), "errmsg": .string(message), "code": .int32(11000), "pad": .string(Self.padding)])
    }

    @Test func failureWithAnEmptyReplyHasNoReply() throws {
        let error = try #require(throws: BSONError.self) {
            try BSONDocument.reply { reply, error in
                peer_reply(reply, error, false, 0, 2, 7, "connection refused", true, 0)
            }
        }
        #expect(error.cError == BSONError.CError(domain: 2, code: 7, message: "connection refused", reply: nil))
    }

    struct BodyFailed: Error, Equatable {}

    /// The body fills the reply (on the heap) and throws: the reply is still destroyed, once.
    @Test(arguments: [true, false])
    func aBodyThatThrowsStillDestroysTheReply(succeed: Bool) throws {
        let tally = CPeer.trackingLibbsonAllocations {
            #expect(throws: BodyFailed()) {
                try BSONDocument.reply { reply, error in
                    _ = peer_reply(reply, error, succeed, 1, 11, 1, "failed", false, 4096)
                    throw BodyFailed()
                }
            }
        }
        #expect(tally.allocations > 0)
        #expect(tally.frees == tally.allocations)
        #expect(tally.double_frees == 0)
        #expect(tally.still_allocated == 0)
    }

    /// Success and failure alike: every block of the reply is freed exactly once.
    @Test(arguments: [true, false])
    func theReplyIsDestroyedOnce(succeed: Bool) throws {
        let tally = CPeer.trackingLibbsonAllocations {
            _ = try? BSONDocument.reply { reply, error in
                peer_reply(reply, error, succeed, 1, 11, 1, "failed", false, 4096)
            }
        }
        #expect(tally.allocations > 0)
        #expect(tally.frees == tally.allocations)
        #expect(tally.double_frees == 0)
        #expect(tally.still_allocated == 0)
    }

    /// A reply over the limits given to `reply` is refused with a located error, and destroyed.
    @Test func aReplyOverTheGivenLimitsIsRefused() throws {
        let error = try #require(throws: BSONError.self) {
            try BSONDocument.reply(options: BSONValidationOptions(maxDocumentSize: 64)) { reply, error in
                peer_reply(reply, error, true, 1, 0, 0, "", false, Self.padding.utf8.count)
            }
        }
        #expect(error.code == .sizeLimitExceeded)
        #expect(error.offset == 0)
    }
}
