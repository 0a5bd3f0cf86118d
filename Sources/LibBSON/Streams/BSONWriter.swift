/// Writes a stream of BSON documents, one after the other, as `mongodump` and ``BSONReader``
/// expect: to a file, an open file descriptor, standard output, or memory.
///
/// ```swift
/// let writer = BSONWriter()                      // in memory
/// try writer.write(["name": "Ada"])
/// try writer.write(["name": "Grace"])
/// let reader = BSONReader(bytes: writer.contents ?? [])
/// ```
///
/// Writes are buffered (see ``BSONOutput``); call ``close()`` (or ``flush()``) to be sure
/// every document reached the file. A writer is not `Sendable`.
public final class BSONWriter {
    /// Where the documents go.
    public let output: BSONOutput
    /// The number of documents written so far.
    public private(set) var documentCount = 0

    /// Writes to `output`.
    public init(output: BSONOutput) {
        self.output = output
    }

    /// Creates (or truncates) the file at `path`.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when the file cannot be created.
    public convenience init(path: String) throws(BSONError) {
        self.init(output: try BSONOutput(path: path))
    }

    /// Writes to an open file descriptor; see ``BSONOutput/init(fileDescriptor:closeWhenDone:)``.
    public convenience init(fileDescriptor: Int32, closeWhenDone: Bool = false) {
        self.init(output: BSONOutput(fileDescriptor: fileDescriptor, closeWhenDone: closeWhenDone))
    }

    /// Writes to standard output.
    public static func standardOutput() -> BSONWriter {
        BSONWriter(output: .standardOutput())
    }

    /// Collects the documents in memory; read them back with ``contents``.
    public convenience init() {
        self.init(output: BSONOutput())
    }

    /// The bytes written so far when writing to memory; nil otherwise.
    public var contents: [UInt8]? { output.contents }

    /// Appends one document.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when the output fails.
    public func write(_ document: BSONDocument) throws(BSONError) {
        var failure: BSONError?
        document.withUnsafeBytes { p in
            do throws(BSONError) { try output.write(p) } catch { failure = error }
        }
        if let failure { throw failure }
        documentCount += 1
    }

    /// Appends a frame's bytes as they are, without validating them (for copying streams).
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when the output fails.
    public func write(_ frame: BSONFrame) throws(BSONError) {
        try output.write(frame.bytes)
        documentCount += 1
    }

    /// Writes buffered documents out now.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when the output fails.
    public func flush() throws(BSONError) {
        try output.flush()
    }

    /// Flushes and closes the output.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when the output fails.
    public func close() throws(BSONError) {
        try output.close()
    }
}

@available(*, unavailable, message: "a BSONWriter buffers writes: use it from one task at a time")
extension BSONWriter: Sendable {}
