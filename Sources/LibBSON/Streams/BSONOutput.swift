/// A buffered destination for bytes: a file, an open file descriptor, standard output, or
/// memory.
///
/// ``BSONWriter`` writes BSON documents to one; a tool can write text (Extended JSON lines)
/// to one as well. Bytes are collected in a buffer and written with `write(2)` in large
/// blocks; ``flush()`` writes them out now. An output to memory keeps everything written in
/// ``contents``.
///
/// ```swift
/// let output = try BSONOutput(path: "out.jsonl")
/// try output.write(Array("{}\n".utf8))
/// try output.close()
/// ```
///
/// An output is not `Sendable`; use it from one task or thread at a time.
public final class BSONOutput {
    /// The buffer size past which ``write(_:)-([UInt8])`` flushes.
    static let bufferLimit = 256 * 1024

    private var fileDescriptor: Int32?
    private let closeWhenDone: Bool
    private let inMemory: Bool
    private var buffer: [UInt8] = []
    /// The number of bytes written so far (buffered or not).
    public private(set) var byteCount = 0

    /// Creates (or truncates) the file at `path`, with permissions 0644.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when the file cannot be created.
    public convenience init(path: String) throws(BSONError) {
        let fd = try SystemCalls.openForWriting(path)
        self.init(fileDescriptor: fd, closeWhenDone: true)
    }

    /// Writes to an open file descriptor.
    ///
    /// - Parameters:
    ///   - fileDescriptor: an open descriptor to write to.
    ///   - closeWhenDone: whether ``close()`` (or deinitialisation) closes the descriptor.
    public init(fileDescriptor: Int32, closeWhenDone: Bool = false) {
        self.fileDescriptor = fileDescriptor
        self.closeWhenDone = closeWhenDone
        self.inMemory = false
        buffer.reserveCapacity(Self.bufferLimit)
    }

    /// Writes to standard output (file descriptor 1), which the output never closes.
    public static func standardOutput() -> BSONOutput {
        BSONOutput(fileDescriptor: 1, closeWhenDone: false)
    }

    /// Collects everything written in memory; read it back with ``contents``.
    public init() {
        self.fileDescriptor = nil
        self.closeWhenDone = false
        self.inMemory = true
    }

    deinit {
        try? flush()
        if closeWhenDone, let fd = fileDescriptor {
            try? SystemCalls.closeDescriptor(fd)
        }
    }

    /// Everything written so far when the output is in memory; nil for files and descriptors.
    public var contents: [UInt8]? { inMemory ? buffer : nil }

    /// Appends `bytes`, all of them or (on error) as many as the system took.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when a flush fails or the output is closed.
    public func write(_ bytes: [UInt8]) throws(BSONError) {
        var failure: BSONError?
        bytes.withUnsafeBytes { p in
            do throws(BSONError) { try write(p) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends the bytes of `buffer`.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when a flush fails or the output is closed.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(BSONError) {
        guard inMemory || fileDescriptor != nil else {
            throw BSONError(.ioFailure, "write failed: the output is closed")
        }
        byteCount += bytes.count
        if inMemory {
            buffer.append(contentsOf: bytes)
            return
        }
        if buffer.count + bytes.count > Self.bufferLimit {
            try flush()
            if bytes.count >= Self.bufferLimit, let fd = fileDescriptor, let base = bytes.baseAddress {
                // A large block goes straight out, without a copy.
                try SystemCalls.writeAll(fd, from: base, count: bytes.count)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Writes the buffered bytes to the file descriptor (nothing to do in memory).
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when the system rejects the write.
    public func flush() throws(BSONError) {
        guard !inMemory, let fd = fileDescriptor, !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        var failure: BSONError?
        buffer.withUnsafeBytes { p in
            guard let base = p.baseAddress else { return }
            do throws(BSONError) { try SystemCalls.writeAll(fd, from: base, count: p.count) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Flushes, then closes the file descriptor when the output owns it. Later writes fail.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when flushing or closing fails.
    public func close() throws(BSONError) {
        guard let fd = fileDescriptor else { return }
        defer {
            fileDescriptor = nil
            buffer = []
        }
        // The descriptor is closed even when the last flush fails (a full disk), so a failed
        // close never leaks it; the flush's error is the one reported.
        var flushError: BSONError?
        do {
            try flush()
        } catch {
            flushError = error
        }
        if closeWhenDone {
            do {
                try SystemCalls.closeDescriptor(fd)
            } catch {
                if flushError == nil { flushError = error }
            }
        }
        if let flushError { throw flushError }
    }
}

@available(*, unavailable, message: "a BSONOutput buffers writes: use it from one task at a time")
extension BSONOutput: Sendable {}
