import Foundation
import LibBSON
import MongoC

/// One run of `Tests/MockServer/mock_server.py`: MongoDB's wire-protocol test server for
/// drivers (mockupdb), on 127.0.0.1 and a free port, playing one scenario.
///
/// The script prints its port, answers the requests the scenario expects (with timeouts),
/// then prints what it received and sent and exits; its own watchdog ends it after 60 s.
/// ``finish()`` reads that report; a server that is still running when this object goes
/// away is terminated, and one whose test process died exits when its stdin closes.
final class MockServer {
    private(set) var port = 0
    private let process: Process
    private let output: FileHandle
    /// The server's stdin, held open for as long as this object lives: when the test process
    /// ends in any way (a crash included), the server reads end-of-file and exits at once.
    private let lifeline = Pipe()
    private var buffered = Data()

    /// The report the script prints at the end of a scenario.
    struct Report {
        var ok: Bool
        var failedChecks: [String]
        var checkCount: Int
        var data: [String: Any]

        func hexList(_ key: String) -> [[UInt8]] {
            (data[key] as? [String] ?? []).map(MockServer.bytes(hex:))
        }

        func hex(_ key: String) -> [UInt8] {
            MockServer.bytes(hex: data[key] as? String ?? "")
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The repository root (this file is Examples/MongoC/Tests/MongoCTests/Support/MockServer.swift).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Python with mockupdb and PyMongo: `MONGOC_TEST_PYTHON`, else the virtual
    /// environment scripts/test makes (Examples/MongoC/.venv).
    static var python: String {
        if let path = ProcessInfo.processInfo.environment["MONGOC_TEST_PYTHON"], !path.isEmpty { return path }
        return repositoryRoot.appendingPathComponent("Examples/MongoC/.venv/bin/python3").path
    }

    init(scenario: String) throws {
        let script = Self.repositoryRoot.appendingPathComponent("Examples/MongoC/Tests/MockServer/mock_server.py").path
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw Failure(description: "no Python with mockupdb at \(Self.python): run Examples/MongoC/scripts/test, which makes it")
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [script, scenario, Self.repositoryRoot.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = lifeline
        output = pipe.fileHandleForReading
        try process.run()
        guard let line = readLine(), let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let port = object["port"] as? Int else {
            process.terminate()
            throw Failure(description: "mock server (\(scenario)) did not report its port")
        }
        self.port = port
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// A client for this server; every timeout short so that no test can hang.
    func client() throws -> MongoClient {
        try MongoClient(uri: "mongodb://127.0.0.1:\(port)/?appname=swift-libbson-tests&serverSelectionTimeoutMS=5000"
                        + "&connectTimeoutMS=2000&socketTimeoutMS=5000")
    }

    /// Waits for the scenario's report (the script's last line) and its exit.
    func finish() throws -> Report {
        var last: String?
        while let line = readLine() { last = line }
        process.waitUntilExit()
        guard let last, let data = last.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "mock server exited (status \(process.terminationStatus)) without a report")
        }
        let checks = object["checks"] as? [[String: Any]] ?? []
        let failed = checks.filter { ($0["ok"] as? Bool) != true }
            .map { "\($0["name"] ?? "?"): \($0["detail"] ?? "")" }
        return Report(ok: object["ok"] as? Bool ?? false, failedChecks: failed, checkCount: checks.count,
                      data: object["data"] as? [String: Any] ?? [:])
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                buffered.removeSubrange(buffered.startIndex...newline)
                return line
            }
            let chunk = output.availableData
            if chunk.isEmpty {
                guard !buffered.isEmpty else { return nil }
                defer { buffered.removeAll() }
                return String(decoding: buffered, as: UTF8.self)
            }
            buffered.append(chunk)
        }
    }

    static func bytes(hex: String) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8 = c <= 57 ? c - 48 : (c | 0x20) - 87
            if let h = high { result.append(h << 4 | v); high = nil } else { high = v }
        }
        return result
    }
}
