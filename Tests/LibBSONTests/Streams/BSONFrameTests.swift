import Testing
import LibBSON

/// One framed document (Streams/BSONFrame.swift): where it ends in the stream, and its
/// validation, with errors located in the stream rather than in the frame.
@Suite struct BSONFrameTests {
    @Test func aValidFrameIsItsDocument() throws {
        let frame = BSONFrame(index: 2, offset: 100, bytes: StreamTestDocuments.grace.bytes)
        #expect(frame.endOffset == 100 + StreamTestDocuments.grace.byteCount)
        #expect(try frame.document() == StreamTestDocuments.grace)
    }

    /// The error of an invalid frame is `BSONDocument(fromBSON:)`'s, its offset counted from
    /// the start of the stream and its document index the frame's.
    @Test func errorsAreLocatedInTheStream() throws {
        let bytes = StreamTestDocuments.invalidUTF8
        let alone = try #require(throws: BSONError.self) { try BSONDocument(fromBSON: bytes) }
        let frame = BSONFrame(index: 7, offset: 1_000, bytes: bytes)
        let error = try #require(throws: BSONError.self) { try frame.document() }
        #expect(error.code == .invalidUTF8)
        #expect(error.code == alone.code && error.keyPath == alone.keyPath && error.reason == alone.reason)
        #expect(error.offset == 1_000 + 16)
        #expect(alone.offset == 16)
        #expect(error.documentIndex == 7)
        #expect(alone.documentIndex == nil)
    }

    /// The options given are the ones applied (here a depth the document exceeds).
    @Test func theGivenOptionsApply() throws {
        let frame = BSONFrame(index: 0, offset: 0, bytes: StreamTestDocuments.alan.bytes)
        #expect(try frame.document() == StreamTestDocuments.alan)
        let error = try #require(throws: BSONError.self) { try frame.document(options: BSONValidationOptions(maxDepth: 1)) }
        #expect(error.code == .depthLimitExceeded)
        #expect(error.documentIndex == 0)
    }
}
