// bson-dump's only import of the platform's C library: every system call the command makes
// itself is in this file. Its reads and writes go through the library (`BSONReader`,
// `BSONOutput`, and `StandardError` on top of it), whose `SystemCalls` hold the one rule for
// interrupted calls, so nothing here loops on `EINTR`.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("bson-dump supports Linux (Glibc, Musl) and Darwin: add this platform's C library here")
#endif

/// The terminal, clock, environment and file-identity calls bson-dump makes.
enum Platform {
    /// Whether `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The value of an environment variable.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// Whether two paths name the same existing file (same device and inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
