#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the streaming reader and writer make, with errors as ``BSONError``.
enum SystemIO {
    /// The system's message for `code` (an `errno` value).
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    static func openForReading(_ path: String) throws(BSONError) -> Int32 {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else {
            throw BSONError(.ioFailure, "cannot open \(path): \(message(errno))")
        }
        return fd
    }

    static func openForWriting(_ path: String) throws(BSONError) -> Int32 {
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard fd >= 0 else {
            throw BSONError(.ioFailure, "cannot create \(path): \(message(errno))")
        }
        return fd
    }

    /// The bytes left to read in `fd` when it is a regular file, else nil (pipes, terminals).
    static func remainingBytes(_ fd: Int32) -> Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let position = lseek(fd, 0, SEEK_CUR)
        guard position >= 0 else { return Int(info.st_size) }
        return max(0, Int(info.st_size) - Int(position))
    }

    /// Reads up to `count` bytes into `base`; 0 at end of input. Retries on EINTR.
    static func read(_ fd: Int32, into base: UnsafeMutableRawPointer, count: Int) throws(BSONError) -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, base, count)
            #elseif canImport(Musl)
            let n = Musl.read(fd, base, count)
            #else
            let n = Darwin.read(fd, base, count)
            #endif
            if n >= 0 { return n }
            let code = errno
            if code == EINTR { continue }
            throw BSONError(.ioFailure, "read failed: \(message(code))")
        }
    }

    /// Writes all `count` bytes from `base`, retrying on short writes and EINTR.
    static func writeAll(_ fd: Int32, from base: UnsafeRawPointer, count: Int) throws(BSONError) {
        var done = 0
        while done < count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, base + done, count - done)
            #elseif canImport(Musl)
            let n = Musl.write(fd, base + done, count - done)
            #else
            let n = Darwin.write(fd, base + done, count - done)
            #endif
            if n >= 0 { done += n; continue }
            let code = errno
            if code == EINTR { continue }
            throw BSONError(.ioFailure, "write failed: \(message(code))")
        }
    }

    static func close(_ fd: Int32) throws(BSONError) {
        #if canImport(Glibc)
        let result = Glibc.close(fd)
        #elseif canImport(Musl)
        let result = Musl.close(fd)
        #else
        let result = Darwin.close(fd)
        #endif
        if result != 0 && errno != EINTR {
            throw BSONError(.ioFailure, "close failed: \(message(errno))")
        }
    }
}
