import Foundation
import LibBSONTestSupport
import Testing

/// Runs the built `bson-dump` executable as a real process.
enum BSONDumpProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// The `bson-dump` built alongside this test bundle.
    static func executable() throws -> URL {
        try BuiltExecutables.url(named: "bson-dump")
    }

    /// Runs bson-dump with `arguments` in `directory`, stdin from the file `stdin` (or
    /// /dev/null), and returns its exit status and everything it wrote. Output goes to
    /// temporary files, so a large output can never block the child.
    static func run(_ arguments: [String], in directory: URL, stdin: URL? = nil,
                    environment extra: [String: String] = [:]) throws -> Result {
        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: stdin ?? URL(fileURLWithPath: "/dev/null"))
        defer {
            try? out.close()
            try? err.close()
            try? input.close()
        }
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "BSON_DUMP_PROGRESS_DELAY")
        environment["COLUMNS"] = "100"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: Array(try Data(contentsOf: outURL)),
                      stderr: Array(try Data(contentsOf: errURL)))
    }
}
