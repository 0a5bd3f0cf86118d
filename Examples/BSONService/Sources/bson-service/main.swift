// bson-service: the example server. `swift run bson-service [--port N] [--port-file PATH]`.
import BSONService
import Foundation
import Hummingbird
import Logging
import NIOCore

let usage = """
    usage: bson-service [--host ADDRESS] [--port N] [--port-file PATH] [--body-limit BYTES] [--log-level LEVEL]
      --host        address to listen on (default 127.0.0.1)
      --port        port (default 8080; 0 picks a free one)
      --port-file   write the bound port to this file once listening
      --body-limit  the server-wide request body limit in bytes (default 4194304)
      --log-level   trace, debug, info, notice, warning, error or critical (default info)
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bson-service: \(message)\n\(usage)\n".utf8))
    exit(2)
}

var configuration = ServiceConfiguration()
var portFile: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    func value() -> String {
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
        return value
    }
    switch argument {
    case "--host": configuration.host = value()
    case "--port":
        guard let port = Int(value()), (0...65535).contains(port) else { fail("--port needs a port number") }
        configuration.port = port
    case "--port-file": portFile = value()
    case "--body-limit":
        guard let limit = Int(value()), limit > 0 else { fail("--body-limit needs a positive number of bytes") }
        configuration.serverBodyLimit = limit
    case "--log-level":
        guard let level = Logger.Level(rawValue: value()) else { fail("unknown log level") }
        configuration.logLevel = level
    case "-h", "--help":
        print(usage)
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}

let host = configuration.host
let app = buildApplication(configuration: configuration) { [portFile] channel in
    let port = channel.localAddress?.port ?? -1
    FileHandle.standardOutput.write(Data("bson-service listening on \(host):\(port)\n".utf8))
    if let portFile {
        do {
            try "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("bson-service: cannot write \(portFile): \(error)\n".utf8))
        }
    }
}
try await app.runService()
