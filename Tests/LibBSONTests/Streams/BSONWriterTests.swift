import Foundation
import LibBSONTestSupport
import Testing
@testable import LibBSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `BSONWriter`: streams of documents to memory, a path or a descriptor, read back by
/// `BSONReader`.
@Suite struct BSONWriterTests {
    let docs = [StreamTestDocuments.ada, StreamTestDocuments.grace, StreamTestDocuments.alan]

    /// In memory: writer -> reader round trip.
    @Test func inMemoryWriterToReaderRoundTrip() throws {
        let writer = BSONWriter()
        for doc in docs { try writer.write(doc) }
        #expect(writer.documentCount == 3)
        let bytes = try #require(writer.contents)
        #expect(bytes == StreamTestDocuments.stream(docs))
        #expect(Array(BSONReader(bytes: bytes)).compactMap { try? $0.get() } == docs)
    }

    /// To a path: many documents, larger than the output buffer, read back in order.
    @Test func toAPathManyDocumentsReadBackInOrder() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("out.bson").path
        let writer = try BSONWriter(path: path)
        var written: [BSONDocument] = []
        for i in 0..<5000 {
            let doc: BSONDocument = ["i": .int32(Int32(i)), "pad": .string(String(repeating: "p", count: i % 200))]
            try writer.write(doc)
            written.append(doc)
        }
        #expect(writer.contents == nil)
        try writer.close()
        #expect(throws: BSONError.self) { try writer.write(StreamTestDocuments.ada) }
        let reader = try BSONReader(path: path)
        var read: [BSONDocument] = []
        while let doc = try reader.readDocument() { read.append(doc) }
        #expect(read == written)
    }

    /// To a file descriptor, and frames copied raw.
    @Test func toAFileDescriptorWithFramesCopiedRaw() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("fd.bson").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        let writer = BSONWriter(fileDescriptor: fd, closeWhenDone: true)
        let source = BSONReader(bytes: StreamTestDocuments.stream(docs))
        while let frame = try source.readFrame() { try writer.write(frame) }
        try writer.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(StreamTestDocuments.stream(docs)))
    }

    /// An unwritable path is an ioFailure naming it.
    @Test func unwritablePathIsAnIOFailureNamingIt() {
        #expect {
            _ = try BSONWriter(path: "/nonexistent/dir/out.bson")
        } throws: { error in
            (error as? BSONError)?.code == .ioFailure
                && (error as? BSONError)?.reason.contains("/nonexistent/dir/out.bson") == true
        }
    }

}
