// A test helper for the fork test (Tests/LibBSONTests/State/BSONContextForkTests.swift).
//
// Usage: BSONForkCheck OUTPUT_DIRECTORY CHILDREN COUNT
//
// Initialises the ObjectId state (the global context and a named one), then forks CHILDREN
// children. Parent and children each generate COUNT ObjectIds from the global context and
// COUNT from the named context, and write them as raw 12-byte records to
// OUTPUT_DIRECTORY/<role>-<pid>.oids. Exits 0 when every child exited 0.
//
// The process stays single-threaded (no tasks, no Dispatch) so fork() is safe.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LibBSON

func fail(_ message: String) -> Never {
    let line = Array("BSONForkCheck: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let children = Int(arguments[2]), let count = Int(arguments[3]), children >= 0, count > 0 else {
    fail("usage: BSONForkCheck OUTPUT_DIRECTORY CHILDREN COUNT")
}
let directory = arguments[1]
let tenant = BSONContext(name: "tenant")

// Initialise both generators in the parent before forking: this is the state children inherit.
_ = BSONObjectID()
_ = BSONObjectID(context: tenant)

func generate(role: String) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count * 24)
    for _ in 0..<count {
        bytes.append(contentsOf: BSONObjectID().byteArray)
    }
    for _ in 0..<count {
        bytes.append(contentsOf: BSONObjectID(context: tenant).byteArray)
    }
    let path = "\(directory)/\(role)-\(getpid()).oids"
    guard let file = fopen(path, "wb") else { fail("cannot create \(path)") }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
    guard written == bytes.count else { fail("short write to \(path)") }
}

var pids: [pid_t] = []
for _ in 0..<children {
    let pid = fork()
    if pid < 0 { fail("fork failed: errno \(errno)") }
    if pid == 0 {
        generate(role: "child")
        exit(0)
    }
    pids.append(pid)
}
generate(role: "parent")
var failed = 0
for pid in pids {
    var status: Int32 = 0
    if waitpid(pid, &status, 0) != pid || status != 0 { failed += 1 }
}
if failed > 0 { fail("\(failed) of \(children) children failed") }
