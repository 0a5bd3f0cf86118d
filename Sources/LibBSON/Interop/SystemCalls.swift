// The library's only import of the platform's C library. Every system call the library makes
// is in this file, so that no other file needs an `#if` per platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("swift-libbson supports Linux (Glibc, Musl) and Darwin: add this platform's C library here")
#endif

/// The few POSIX calls the library makes (the stream reader and writer, the ObjectId
/// generator's fork check), with failures as ``BSONError``.
///
/// One rule for interrupted calls: `open`, `read` and `write` are retried while they fail with
/// `EINTR` (a signal arrived before any byte moved). `close` is not retried: Linux and Darwin
/// release the descriptor even when `close` reports `EINTR`, so retrying could close a
/// descriptor another thread has just opened; its `EINTR` counts as success.
enum SystemCalls {
    /// The system's message for `code` (an `errno` value).
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// This process's id (`getpid`).
    static func processID() -> Int32 {
        getpid()
    }

    /// Runs `call` again while it fails with `EINTR`; its result, or the `errno` it failed with.
    private static func retryingOnInterrupt<T: SignedInteger>(_ call: () -> T) -> Result<T, Errno> {
        while true {
            let result = call()
            if result >= 0 { return .success(result) }
            let code = errno
            if code != EINTR { return .failure(Errno(code: code)) }
        }
    }

    /// An `errno` value carried as an error.
    private struct Errno: Error {
        var code: Int32
    }

    /// `open(path, O_RDONLY | O_CLOEXEC)`.
    static func openForReading(_ path: String) throws(BSONError) -> Int32 {
        switch retryingOnInterrupt({ path.withCString { open($0, O_RDONLY | O_CLOEXEC) } }) {
        case .success(let fd): return fd
        case .failure(let error): throw BSONError(.ioFailure, "cannot open \(path): \(message(error.code))")
        }
    }

    /// `open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)`.
    static func openForWriting(_ path: String) throws(BSONError) -> Int32 {
        switch retryingOnInterrupt({ path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) } }) {
        case .success(let fd): return fd
        case .failure(let error): throw BSONError(.ioFailure, "cannot create \(path): \(message(error.code))")
        }
    }

    /// The bytes left to read in `fd` when it is a regular file, else nil (pipes, terminals).
    static func remainingBytes(_ fd: Int32) -> Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let position = lseek(fd, 0, SEEK_CUR)
        guard position >= 0 else { return Int(info.st_size) }
        return max(0, Int(info.st_size) - Int(position))
    }

    /// Reads up to `count` bytes into `base`; 0 at end of input.
    static func readSome(_ fd: Int32, into base: UnsafeMutableRawPointer, count: Int) throws(BSONError) -> Int {
        switch retryingOnInterrupt({ read(fd, base, count) }) {
        case .success(let n): return n
        case .failure(let error): throw BSONError(.ioFailure, "read failed: \(message(error.code))")
        }
    }

    /// Writes all `count` bytes from `base`, continuing after short writes.
    static func writeAll(_ fd: Int32, from base: UnsafeRawPointer, count: Int) throws(BSONError) {
        var done = 0
        while done < count {
            switch retryingOnInterrupt({ write(fd, base + done, count - done) }) {
            case .success(let n): done += n
            case .failure(let error): throw BSONError(.ioFailure, "write failed: \(message(error.code))")
            }
        }
    }

    /// `close(fd)`; `EINTR` counts as success (see the type's comment).
    static func closeDescriptor(_ fd: Int32) throws(BSONError) {
        guard close(fd) != 0 else { return }
        let code = errno
        if code != EINTR {
            throw BSONError(.ioFailure, "close failed: \(message(code))")
        }
    }
}
