// Test support's only import of the platform's C library. Reading and writing the pipe's ends
// goes through the library (`BSONReader`, `BSONOutput`), whose `SystemCalls` hold the one rule
// for interrupted calls.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("LibBSONTestSupport supports Linux (Glibc, Musl) and Darwin: add this platform's C library here")
#endif

/// The two file descriptors of an anonymous pipe (`pipe(2)`), for a reader or writer that takes
/// a descriptor. Whoever is given an end closes it.
public struct PipeDescriptors: Sendable {
    /// The end bytes are read from.
    public let readEnd: Int32
    /// The end bytes are written to.
    public let writeEnd: Int32

    /// Opens a pipe.
    /// - Throws: ``FixtureError`` with the system's error number when it refuses.
    public init() throws(FixtureError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw FixtureError("pipe() failed: errno \(errno)") }
        readEnd = fds[0]
        writeEnd = fds[1]
    }
}
