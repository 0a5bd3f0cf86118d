import CInteropPeer
import CLibBSON
import Testing
import LibBSON
import LibBSONTestSupport

/// `BSONError(bson_error_t)` and `BSONError(_:reply:)` from errors libbson filled.
@Suite struct BSONErrorCTests {
    /// The message buffer of a bson_error_t: 504 bytes, the last one left for the NUL.
    static let bufferSize = MemoryLayout.size(ofValue: bson_error_t().message)

    @Test func messageOfExactly503CharactersIsReadWhole() {
        #expect(Self.bufferSize == 504)
        let message = String((0..<503).map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
        var error = bson_error_t()
        peer_set_error(&error, 3, 4, message)
        let converted = BSONError(error)
        #expect(converted.code == .cError)
        #expect(converted.cError?.message == message)
        #expect(converted.cError?.domain == 3)
        #expect(converted.cError?.code == 4)
        #expect(converted.reason == message)
    }

    @Test func longerMessageIsCutWhereLibbsonCutIt() {
        let message = String(repeating: "m", count: 600) + "tail"
        var error = bson_error_t()
        peer_set_error(&error, 3, 4, message)
        #expect(BSONError(error).cError?.message == String(repeating: "m", count: 503))
    }

    @Test func messageWithoutANULIsReadUpToTheEndOfItsBuffer() {
        var error = bson_error_t()
        peer_set_error_without_nul(&error, 5, 6, CChar(UInt8(ascii: "z")))
        let converted = BSONError(error)
        #expect(converted.cError?.message == String(repeating: "z", count: Self.bufferSize))
        #expect(converted.cError?.domain == 5)
        #expect(converted.cError?.code == 6)
    }

    @Test func replyIsKeptWhenValidAndNotEmpty() throws {
        var error = bson_error_t()
        peer_set_error(&error, 11, 11000, "duplicate key")
        let reply: BSONDocument = ["ok": .double(0), "code": .int32(11000)]
        let converted = reply.withUnsafeBSONPointer { BSONError(error, reply: $0) }
        #expect(converted.cError?.reply == reply)
        #expect(BSONDocument().withUnsafeBSONPointer { BSONError(error, reply: $0) }.cError?.reply == nil)
        #expect(BSONError(error, reply: nil).cError?.reply == nil)
    }

    /// A malformed reply is dropped (the C error is what matters), and never read past its bytes.
    @Test func malformedReplyIsDropped() throws {
        var error = bson_error_t()
        peer_set_error(&error, 11, 2, "bad reply")
        // {"s": "x"} with the string's length raised from 2 to 200.
        var bytes = (["s": "x"] as BSONDocument).bytes
        bytes[7] = 200
        #expect(throws: BSONError.self) { try BSONDocument(fromBSON: bytes) }
        let converted = try CPeer.withGuardedBytes(bytes) { guarded in
            try CPeer.withBSONTStorage { bson in
                guard peer_init_static(bson, guarded, bytes.count) else { throw FixtureError("bson_init_static refused \(bytes)") }
                return BSONError(error, reply: bson)
            }
        }
        #expect(converted.cError?.message == "bad reply")
        #expect(converted.cError?.reply == nil)
    }
}
