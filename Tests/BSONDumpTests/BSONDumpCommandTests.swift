import Foundation
import LibBSONTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bson-dump command (Sources/bson-dump/BSONDump.swift) run as a process, beyond its
/// fixture runs: every BSON Corpus decode error, a file that must not be overwritten, the
/// bundled sample, and the progress bar on a terminal.
@Suite struct BSONDumpCommandTests {
    /// Every BSON Corpus decode error makes bson-dump exit 1 with a located message.
    @Test func everyCorpusDecodeErrorExitsOneWithALocatedMessage() throws {
        let dir = try TemporaryDirectory()
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.bsonCorpus.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var checked = 0
        for file in files {
            let data = try Data(contentsOf: Fixtures.bsonCorpus.appendingPathComponent(file))
            guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let errors = json["decodeErrors"] as? [[String: Any]] else { continue }
            for (i, error) in errors.enumerated() {
                let hex = try #require(error["bson"] as? String)
                let description = error["description"] as? String ?? "#\(i)"
                let url = dir.url.appendingPathComponent("\(file)-\(i).bson")
                try Data(Hex.decode(hex)).write(to: url)
                let result = try BSONDumpProcess.run([url.path], in: dir.url)
                #expect(result.status == 1, "\(file): \(description)")
                let located = result.stderrText.split(separator: "\n").contains {
                    $0.hasPrefix("bson-dump: ") && $0.contains("document ") && $0.contains(" at byte ")
                }
                #expect(located, "\(file): \(description): \(result.stderrText)")
                checked += 1
            }
        }
        #expect(checked >= 70)   // 75 in the vendored corpus
    }

    /// --outFile naming the input is refused before anything is truncated.
    @Test func outFileNamingTheInputIsRefusedBeforeTruncating() throws {
        let dir = try TemporaryDirectory()
        let original = try Data(contentsOf: Fixtures.sample)
        let copy = dir.url.appendingPathComponent("copy.bson")
        try original.write(to: copy)
        let result = try BSONDumpProcess.run(["--outFile", "./copy.bson", copy.path], in: dir.url)
        #expect(result.status == 64)
        #expect(result.stderrText.contains("refusing to overwrite"))
        #expect(try Data(contentsOf: copy) == original)
    }

    /// The bundled sample covers all 21 BSON types and dumps cleanly.
    @Test func bundledSampleCoversAll21TypesAndDumpsCleanly() throws {
        let result = try BSONDumpProcess.run(["--type", "debug", Fixtures.sample.path], in: Fixtures.root)
        #expect(result.status == 0)
        let types = Set(result.stdoutText.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "type: ") else { return nil }
            return Int(line[range.upperBound...].prefix(4).trimmingCharacters(in: .whitespaces))
        })
        #expect(types == Set(Array(1...19) + [127, -1]), "types: \(types.sorted())")
        #expect(result.stderrText == "36 objects found\n")
    }

    /// A progress bar appears on a terminal stderr, and is erased at the end.
    @Test func progressBarAppearsOnATerminalAndIsErased() throws {
        let dir = try TemporaryDirectory()
        let sample = try Data(contentsOf: Fixtures.sample)
        let input = dir.url.appendingPathComponent("big.bson")
        try Data((0..<20).flatMap { _ in sample }).write(to: input)

        let shown = try runWithTerminalStderr(["--outFile", dir.url.appendingPathComponent("o.json").path, input.path])
        #expect(shown.status == 0)
        #expect(shown.terminal.contains("\r["), "no bar: \(shown.terminal.debugDescription)")
        #expect(shown.terminal.contains("docs/s"))
        #expect(shown.terminal.contains("\r\u{1B}[K720 objects found"))

        let quiet = try runWithTerminalStderr(["--quiet", "--count", input.path])
        #expect(quiet.status == 0)
        #expect(quiet.terminal.isEmpty, "quiet printed: \(quiet.terminal.debugDescription)")
    }

    /// Runs bson-dump with stderr on a pseudo-terminal (progress shown at once) and returns
    /// what it wrote there.
    private func runWithTerminalStderr(_ arguments: [String]) throws -> (status: Int32, terminal: String) {
        let (master, name) = try openPseudoTerminal()
        defer { close(master) }
        let slave = open(name, O_RDWR | O_NOCTTY)
        #expect(slave >= 0, "cannot open \(name)")
        guard slave >= 0 else { return (-1, "") }
        let slaveHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        let dir = try TemporaryDirectory()
        let process = Process()
        process.executableURL = try BSONDumpProcess.executable()
        process.arguments = arguments
        process.currentDirectoryURL = dir.url
        var environment = ProcessInfo.processInfo.environment
        environment["BSON_DUMP_PROGRESS_DELAY"] = "0"
        process.environment = environment
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = slaveHandle
        // Drain the terminal while the child runs, so it can never block on a full buffer.
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        var captured: [UInt8] = []
        func drain() {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, 4096) }
                if n <= 0 { return }
                captured += buffer[0..<n]
            }
        }
        try process.run()
        while process.isRunning {
            drain()
            usleep(2000)
        }
        drain()
        try slaveHandle.close()
        return (process.terminationStatus, String(decoding: captured, as: UTF8.self))
    }

    /// Opens a pseudo-terminal pair's master side and returns it with the slave's path.
    private func openPseudoTerminal() throws -> (Int32, String) {
        struct Failure: Error, CustomStringConvertible { var description: String }
        #if os(Linux)
        // posix_openpt and friends are not exported by Swift's Glibc module: use /dev/ptmx
        // with the ioctls they wrap (TIOCSPTLCK to unlock, TIOCGPTN for the number).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw Failure(description: "cannot open /dev/ptmx: errno \(errno)") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            close(master)
            throw Failure(description: "pseudo-terminal ioctl failed: errno \(errno)")
        }
        return (master, "/dev/pts/\(number)")
        #else
        let master = posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw Failure(description: "cannot open a pseudo-terminal: errno \(errno)")
        }
        return (master, String(cString: name))
        #endif
    }
}
