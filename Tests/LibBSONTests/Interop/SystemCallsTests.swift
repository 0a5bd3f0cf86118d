import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The library's system calls (Interop/SystemCalls.swift): files opened, written, measured,
/// read and closed, and each failure a `BSONError` that says what failed and why.
@Suite struct SystemCallsTests {
    @Test func aFileWrittenIsReadBackWhole() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("bytes").path
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let out = try SystemCalls.openForWriting(path)
        try bytes.withUnsafeBytes { p in
            guard let base = p.baseAddress else { return }
            try SystemCalls.writeAll(out, from: base, count: p.count)
        }
        try SystemCalls.closeDescriptor(out)

        let input = try SystemCalls.openForReading(path)
        defer { try? SystemCalls.closeDescriptor(input) }
        #expect(SystemCalls.remainingBytes(input) == bytes.count)
        var read: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 30_000)
        while true {
            let n = try chunk.withUnsafeMutableBytes { p -> Int in
                guard let base = p.baseAddress else { return 0 }
                return try SystemCalls.readSome(input, into: base, count: p.count)
            }
            if n == 0 { break }
            read += chunk[..<n]
            #expect(SystemCalls.remainingBytes(input) == bytes.count - read.count)
        }
        #expect(read == bytes)
    }

    /// Opening for writing truncates what was there.
    @Test func openingForWritingTruncates() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("old")
        try Data(repeating: 1, count: 64).write(to: url)
        try SystemCalls.closeDescriptor(try SystemCalls.openForWriting(url.path))
        #expect(try Data(contentsOf: url).isEmpty)
    }

    @Test func failuresSayWhatFailedAndWhy() throws {
        let dir = try TemporaryDirectory()
        let missing = dir.url.appendingPathComponent("missing").path
        let open = try #require(throws: BSONError.self) { try SystemCalls.openForReading(missing) }
        #expect(open.code == .ioFailure)
        #expect(open.reason == "cannot open \(missing): \(SystemCalls.message(2))")
        let create = try #require(throws: BSONError.self) { try SystemCalls.openForWriting(missing + "/child") }
        #expect(create.code == .ioFailure)
        #expect(create.reason.hasPrefix("cannot create \(missing)/child: "))
        // Not a descriptor (closing one twice could close another test's file in between).
        let close = try #require(throws: BSONError.self) { try SystemCalls.closeDescriptor(-1) }
        #expect(close.code == .ioFailure)
        #expect(close.reason.hasPrefix("close failed: "))
    }

    /// Only regular files have a known remaining size; a device does not.
    @Test func devicesHaveNoRemainingSize() throws {
        let fd = try SystemCalls.openForReading("/dev/null")
        defer { try? SystemCalls.closeDescriptor(fd) }
        #expect(SystemCalls.remainingBytes(fd) == nil)
    }

    @Test func processIDAndMessagesAreTheSystems() {
        #expect(SystemCalls.processID() == ProcessInfo.processInfo.processIdentifier)
        #expect(SystemCalls.message(2) == "No such file or directory")   // ENOENT on Linux and Darwin
    }
}
