import CInteropPeer
import CLibBSON
import Testing
import LibBSON

/// Documents built in C with `bson_append_*` and received by Swift.
@Suite struct InteropReceiveTests {
    @Test func everyTypeDocumentBuiltInCIsByteForByteTheSwiftOne() throws {
        let built = try EveryTypeDocument.build()
        let bson = try #require(peer_build_every_type())
        let taken = try BSONDocument(taking: bson)
        #expect(taken.bytes == built.bytes)
        #expect(SwiftWalk.types(taken) == Set(BSONType.allCases))
        let again = try #require(peer_build_every_type())
        let trusted = try BSONDocument(unsafeTakingTrusted: again)
        #expect(trusted.bytes == built.bytes)
    }

    @Test func copyingLeavesTheBSONTToC() throws {
        let bson = try #require(peer_build_every_type())
        defer { bson_destroy(bson) }
        let copied = try BSONDocument(copying: bson)
        let trusted = try BSONDocument(unsafeCopyingTrusted: bson)
        // C still owns it, and it is intact: libbson reads it after both copies.
        #expect(CPeer.walk(bson) == SwiftWalk.lines(copied))
        #expect(copied.bytes == (try EveryTypeDocument.build()).bytes)
        #expect(trusted == copied)
    }
}
