import Foundation
import LibBSONTestSupport
import Testing
@testable import LibBSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `BSONReader`: documents from bytes, paths, descriptors and pipes, with located errors and
/// bounded memory.
@Suite struct BSONReaderTests {
    let docs = [StreamTestDocuments.ada, StreamTestDocuments.grace, StreamTestDocuments.alan]

    /// Reads documents from bytes, with index and stream offset.
    @Test func readsDocumentsFromBytesWithIndexAndOffset() throws {
        let reader = BSONReader(bytes: StreamTestDocuments.stream(docs))
        #expect(reader.totalByteCount == StreamTestDocuments.stream(docs).count)
        var offset = 0
        for (i, doc) in docs.enumerated() {
            let frame = try #require(try reader.readFrame())
            #expect(frame.index == i)
            #expect(frame.offset == offset)
            #expect(frame.bytes == doc.bytes)
            #expect(try frame.document() == doc)
            offset += doc.byteCount
            #expect(reader.offset == offset)
        }
        #expect(try reader.readFrame() == nil)
        #expect(reader.isFinished)
        #expect(reader.documentCount == 3)
    }

    /// Reads documents from a path and from a file descriptor.
    @Test func readsFromAPathAndAFileDescriptor() throws {
        let dir = try TemporaryDirectory()
        let url = try StreamTestDocuments.file(StreamTestDocuments.stream(docs), named: "three.bson", in: dir)

        let byPath = try BSONReader(path: url.path)
        #expect(byPath.totalByteCount == StreamTestDocuments.stream(docs).count)
        #expect(Array(byPath).compactMap { try? $0.get() } == docs)

        let fd = open(url.path, O_RDONLY)
        try #require(fd >= 0)
        let byDescriptor = BSONReader(fileDescriptor: fd, closeWhenDone: true)
        var read: [BSONDocument] = []
        while let doc = try byDescriptor.readDocument() { read.append(doc) }
        #expect(read == docs)
        // The reader closed the descriptor when the stream ended.
        #expect(fcntl(fd, F_GETFD) == -1)
    }

    /// Reassembles documents from a pipe that delivers a few bytes at a time.
    @Test func reassemblesDocumentsFromAPipeInSmallPieces() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let bytes = StreamTestDocuments.stream(docs + docs)
        let writeEnd = fds[1]
        let writer = Thread {
            var at = 0
            while at < bytes.count {
                let n = min(7, bytes.count - at)
                let written = bytes[at..<(at + n)].withUnsafeBytes { write(writeEnd, $0.baseAddress, n) }
                if written <= 0 { break }
                at += written
                usleep(100)
            }
            close(writeEnd)
        }
        writer.start()
        let reader = BSONReader(fileDescriptor: fds[0], closeWhenDone: true)
        #expect(reader.totalByteCount == nil)
        var read: [BSONDocument] = []
        while let doc = try reader.readDocument() { read.append(doc) }
        #expect(read == docs + docs)
    }

    /// A missing file is an ioFailure naming the path.
    @Test func missingFileIsAnIOFailureNamingThePath() {
        #expect {
            _ = try BSONReader(path: "/nonexistent/dir/x.bson")
        } throws: { error in
            guard let error = error as? BSONError else { return false }
            return error.code == .ioFailure && error.reason.contains("/nonexistent/dir/x.bson")
        }
    }

    /// An invalid document fails alone, with its absolute offset, index and key path.
    @Test func invalidDocumentFailsAloneWithItsLocation() throws {
        let bytes = StreamTestDocuments.ada.bytes + StreamTestDocuments.invalidUTF8 + StreamTestDocuments.grace.bytes
        let reader = BSONReader(bytes: bytes)
        #expect(try reader.readDocument() == StreamTestDocuments.ada)
        do {
            _ = try reader.readDocument()
            Issue.record("the invalid document was accepted")
        } catch {
            #expect(error.code == .invalidUTF8)
            #expect(error.offset == StreamTestDocuments.ada.byteCount + 16)
            #expect(error.documentIndex == 1)
            #expect(error.keyPath == ["name"])
            #expect(error.description.contains("(document index 1)"))
        }
        #expect(try reader.readDocument() == StreamTestDocuments.grace)
        #expect(try reader.readDocument() == nil)
    }

    /// Broken frames end the stream with a located error.
    @Test(arguments: [
        // (tail after one good document, expected code, what)
        FrameCase(tail: StreamTestDocuments.le(3) + [0, 0, 0, 0], code: .invalidLength, what: "size below 5"),
        FrameCase(tail: StreamTestDocuments.le(0) + [0, 0, 0, 0], code: .invalidLength, what: "size 0"),
        FrameCase(tail: StreamTestDocuments.le(-7) + [0, 0, 0, 0], code: .invalidLength, what: "negative size"),
        FrameCase(tail: StreamTestDocuments.le(16 * 1024 * 1024 + 1) + [0], code: .sizeLimitExceeded, what: "size above 16 MiB"),
        FrameCase(tail: Array(StreamTestDocuments.grace.bytes.dropLast(3)), code: .truncated, what: "truncated document"),
        FrameCase(tail: [0x10, 0x00], code: .truncated, what: "2 trailing bytes"),
        FrameCase(tail: Array("garbage!".utf8), code: .sizeLimitExceeded, what: "text garbage"),
    ])
    func brokenFrameEndsTheStreamWithALocatedError(_ c: FrameCase) throws {
        let first = StreamTestDocuments.ada.bytes
        let reader = BSONReader(bytes: first + c.tail)
        #expect(try reader.readDocument() == StreamTestDocuments.ada)
        do {
            _ = try reader.readFrame()
            Issue.record("\(c.what) was accepted")
        } catch {
            #expect(error.code == c.code, "\(c.what): \(error)")
            #expect(error.offset == first.count)
            #expect(error.documentIndex == 1)
        }
        #expect(reader.isFinished)
        #expect(try reader.readFrame() == nil)
    }

    /// As a Sequence: one Result per document, ending after a broken frame.
    @Test func sequenceYieldsOneResultPerDocument() {
        let bytes = StreamTestDocuments.ada.bytes + StreamTestDocuments.invalidUTF8 + StreamTestDocuments.grace.bytes + [1, 2]
        let results = Array(BSONReader(bytes: bytes))
        #expect(results.count == 4)
        #expect((try? results[0].get()) == StreamTestDocuments.ada)
        #expect(results[1].failure?.code == .invalidUTF8)
        #expect((try? results[2].get()) == StreamTestDocuments.grace)
        #expect(results[3].failure?.code == .truncated)
    }

    /// A 100 MB declared size on a 10-byte file errors without allocating it.
    @Test func hugeDeclaredSizeErrorsWithoutAllocating() throws {
        let dir = try TemporaryDirectory()
        let bytes = StreamTestDocuments.le(100 * 1024 * 1024) + [0x02, 0x78, 0, 0, 0, 0]
        #expect(bytes.count == 10)
        let url = try StreamTestDocuments.file(bytes, named: "huge.bson", in: dir)

        // With the default 16 MiB limit, the size field alone is refused.
        let strict = try BSONReader(path: url.path)
        #expect(throws: BSONError.self) { _ = try strict.readFrame() }

        // Even when the limit allows it, the reader only grows its buffer as bytes arrive.
        let lenient = try BSONReader(path: url.path, options: BSONValidationOptions(maxDocumentSize: 200 * 1024 * 1024))
        do {
            _ = try lenient.readFrame()
            Issue.record("a truncated 100 MB document was accepted")
        } catch {
            #expect(error.code == .truncated)
        }
        #expect(lenient.peakBufferCapacity > 0)
        #expect(lenient.peakBufferCapacity <= BSONReader.readChunk,
                "the reader allocated \(lenient.peakBufferCapacity) bytes for a 10-byte file")
    }

    /// Memory stays bounded by the largest document on a long stream.
    @Test func memoryStaysBoundedOnALongStream() throws {
        let dir = try TemporaryDirectory()
        let small: BSONDocument = ["k": .string(String(repeating: "x", count: 1000))]
        let big: BSONDocument = ["blob": .binary(BSONBinary(subtype: .generic, data: Array(repeating: 7, count: 3_000_000)))]
        var bytes: [UInt8] = []
        for _ in 0..<3000 { bytes += small.bytes }
        bytes += big.bytes
        for _ in 0..<3000 { bytes += small.bytes }
        let url = try StreamTestDocuments.file(bytes, named: "long.bson", in: dir)
        let reader = try BSONReader(path: url.path)
        var count = 0
        while let _ = try reader.readFrame() {
            count += 1
        }
        let peak = reader.peakBufferCapacity
        #expect(count == 6001)
        #expect(peak >= big.byteCount)
        #expect(peak <= big.byteCount + 2 * BSONReader.readChunk, "peak buffer \(peak)")
    }
}

struct FrameCase: Sendable, CustomTestStringConvertible {
    var tail: [UInt8]
    var code: BSONError.Code
    var what: String
    var testDescription: String { what }
}
