import Foundation
import Testing
import LibBSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `BSONOutput`: buffered bytes to a file, a descriptor or memory (the writing paths are
/// exercised through `BSONWriter` in `BSONWriterTests`).
@Suite struct BSONOutputTests {
    /// BSONOutput collects text in memory and counts bytes.
    @Test func outputCollectsTextInMemoryAndCountsBytes() throws {
        let output = BSONOutput()
        try output.write(Array("{}\n".utf8))
        try output.write(Array("[]\n".utf8))
        #expect(output.byteCount == 6)
        #expect(output.contents == Array("{}\n[]\n".utf8))
    }

    /// A close whose last flush fails (here /dev/full: no space left) reports the write error
    /// and still closes the descriptor it owns, so nothing leaks.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func closeAfterAFailedFlushStillClosesTheDescriptor() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        var device = stat()
        try #require(fstat(fd, &device) == 0)
        let output = BSONOutput(fileDescriptor: fd, closeWhenDone: true)
        try output.write(Array("{}\n".utf8))
        #expect(throws: BSONError.self) { try output.close() }
        // Closed: the number is free (EBADF), or another test's file already reuses it.
        var now = stat()
        let stillDevFull = fstat(fd, &now) == 0 && now.st_rdev == device.st_rdev && now.st_ino == device.st_ino
        if stillDevFull { close(fd) }
        #expect(!stillDevFull)
    }
}
