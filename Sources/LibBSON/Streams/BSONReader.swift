/// Reads a stream of concatenated BSON documents (a `mongodump` `.bson` file, a pipe,
/// standard input or bytes in memory), one document at a time.
///
/// Memory stays bounded by the largest document, whatever the size of the stream: the reader
/// keeps one growable buffer and reads with `read(2)` only as many bytes as it needs. Every
/// document's 4-byte size is checked before anything is allocated for it: a size below 5 or
/// above ``BSONValidationOptions/maxDocumentSize`` is an error, and the buffer only grows as
/// bytes actually arrive, so a huge declared size on a short input cannot allocate the
/// declared amount.
///
/// The limits are the `options` given to the initialiser or, when nil, the
/// ``BSONContext/validation`` of the context resolved when the reader is created (the bound
/// context, else ``BSONContext/global``).
///
/// Errors are ``BSONError``s with ``BSONError/offset`` counted from the first byte the
/// reader read and ``BSONError/documentIndex`` set:
///
/// - A broken frame (a size out of range, a truncated last document, trailing bytes too few
///   to hold a document, a read error) ends the stream: the reader is then finished.
/// - A document whose frame is sound but whose contents are invalid (bad UTF-8, a wrong
///   nested length...) only fails that document: ``readDocument()`` throws, and the next
///   call continues with the following document, since the frame's size was trusted to
///   skip it.
///
/// ```swift
/// let reader = try BSONReader(path: "users.bson")
/// while let doc = try reader.readDocument() {
///     print(doc.toCanonicalExtendedJSONString())
/// }
/// ```
///
/// The reader is also a `Sequence` of `Result`s, one per document, that ends after a broken
/// frame:
///
/// ```swift
/// for result in BSONReader(bytes: bytes) {
///     switch result {
///     case .success(let doc): print(doc)
///     case .failure(let error): print("skipped: \(error)")
///     }
/// }
/// ```
///
/// A reader is a single-pass cursor over its input and is not `Sendable`; use it from one
/// task or thread at a time.
///
/// ## Topics
/// ### Opening
/// - ``init(path:options:)``
/// - ``init(fileDescriptor:closeWhenDone:options:)``
/// - ``standardInput(options:)``
/// - ``init(bytes:options:)``
/// ### Reading
/// - ``readDocument()``
/// - ``readFrame()``
/// ### Progress
/// - ``offset``
/// - ``documentCount``
/// - ``totalByteCount``
/// - ``isFinished``
public final class BSONReader {
    /// The limits used to frame and validate documents; ``BSONValidationOptions/maxDocumentSize``
    /// is also the largest size field the reader accepts.
    public let options: BSONValidationOptions
    /// The stream offset of the next document: the number of bytes consumed so far.
    public private(set) var offset = 0
    /// The number of documents framed so far (valid or not).
    public private(set) var documentCount = 0
    /// The input's size in bytes when known in advance (a regular file or bytes in memory),
    /// for progress reports; nil for pipes and terminals.
    public let totalByteCount: Int?
    /// True once the stream has ended: at its end, after a broken frame, or after ``close()``.
    public private(set) var isFinished = false

    /// The buffer's first size, and its growth step for large documents.
    static let readChunk = 256 * 1024
    /// The least free room worth a `read(2)`; below it the buffer is compacted or grown.
    static let minimumRead = 64 * 1024

    private var fileDescriptor: Int32?
    private let closeWhenDone: Bool
    private var buffer: [UInt8]
    /// Unconsumed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var atEndOfInput = false

    /// The capacity of the reader's buffer in bytes: what the reader holds in memory.
    var bufferCapacity: Int { buffer.count }
    /// The largest ``bufferCapacity`` so far (the buffer is released when the stream ends).
    private(set) var peakBufferCapacity = 0

    /// Opens the file at `path` for reading.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when the file cannot be opened.
    public convenience init(path: String, options: BSONValidationOptions? = nil) throws(BSONError) {
        let fd = try SystemCalls.openForReading(path)
        self.init(fileDescriptor: fd, closeWhenDone: true, options: options)
    }

    /// Reads from an open file descriptor, from its current position.
    ///
    /// - Parameters:
    ///   - fileDescriptor: an open descriptor to read from.
    ///   - closeWhenDone: whether the reader closes `fileDescriptor` when it finishes,
    ///     is closed, or is deinitialised.
    ///   - options: the limits each document is validated against; when nil, those of the
    ///     bound context or ``BSONContext/global``.
    public init(fileDescriptor: Int32, closeWhenDone: Bool = false, options: BSONValidationOptions? = nil) {
        self.options = options ?? BSONContext.resolve().validation
        self.fileDescriptor = fileDescriptor
        self.closeWhenDone = closeWhenDone
        self.totalByteCount = SystemCalls.remainingBytes(fileDescriptor)
        self.buffer = []
    }

    /// Reads standard input (file descriptor 0), which the reader never closes.
    public static func standardInput(options: BSONValidationOptions? = nil) -> BSONReader {
        BSONReader(fileDescriptor: 0, closeWhenDone: false, options: options)
    }

    /// Reads documents from bytes in memory.
    public init(bytes: [UInt8], options: BSONValidationOptions? = nil) {
        self.options = options ?? BSONContext.resolve().validation
        self.fileDescriptor = nil
        self.closeWhenDone = false
        self.totalByteCount = bytes.count
        self.buffer = bytes
        self.end = bytes.count
        self.atEndOfInput = true
    }

    deinit {
        if closeWhenDone, let fd = fileDescriptor {
            try? SystemCalls.closeDescriptor(fd)
        }
    }

    /// Finishes the stream and releases the buffer and, when the reader owns it, the file
    /// descriptor.
    ///
    /// - Throws: ``BSONError/Code-swift.struct/ioFailure`` when closing the descriptor fails.
    public func close() throws(BSONError) {
        finish()
        if closeWhenDone, let fd = fileDescriptor {
            fileDescriptor = nil
            try SystemCalls.closeDescriptor(fd)
        }
    }

    /// Reads and validates the next document.
    ///
    /// - Returns: the document, or nil at the end of the stream.
    /// - Throws: ``BSONError`` for a broken frame (the stream is then finished) or an invalid
    ///   document (the reader has moved past it; call again for the next one).
    public func readDocument() throws(BSONError) -> BSONDocument? {
        guard let frame = try readFrame() else { return nil }
        return try frame.document(options: options)
    }

    /// Reads the next document's bytes without validating them (raw mode).
    ///
    /// Only the frame is checked: the size field is at least 5 and at most the size limit,
    /// and all the bytes it announces are present.
    ///
    /// - Returns: the frame, or nil at the end of the stream.
    /// - Throws: ``BSONError`` for a broken frame or a read error; the stream is then finished.
    public func readFrame() throws(BSONError) -> BSONFrame? {
        guard !isFinished else { return nil }
        let index = documentCount
        let frameOffset = offset
        do {
            try fill(4)
        } catch {
            finish()
            throw error.located(offset: frameOffset, index: index)
        }
        let available = end - start
        if available == 0 {
            finish()
            return nil
        }
        if available < 4 {
            finish()
            throw BSONError(.truncated,
                            "\(available) \(available == 1 ? "byte remains" : "bytes remain") after the last document, too few for a document",
                            offset: frameOffset).inDocument(index)
        }
        let declared = buffer.withUnsafeBytes { $0.length(at: start) }
        if declared < 5 {
            finish()
            throw BSONError(.invalidLength, "document size \(declared) is below the minimum of 5",
                            offset: frameOffset).inDocument(index)
        }
        if declared > options.maxDocumentSize {
            finish()
            throw BSONError(.sizeLimitExceeded,
                            "document size \(declared) exceeds the maximum of \(options.maxDocumentSize) bytes",
                            offset: frameOffset).inDocument(index)
        }
        do {
            try fill(declared)
        } catch {
            finish()
            throw error.located(offset: frameOffset, index: index)
        }
        let present = end - start
        if present < declared {
            finish()
            throw BSONError(.truncated,
                            "the input ends \(present) bytes into a document of \(declared) bytes (a truncated document or trailing garbage)",
                            offset: frameOffset).inDocument(index)
        }
        let bytes = Array(buffer[start..<(start + declared)])
        start += declared
        offset += declared
        documentCount += 1
        return BSONFrame(index: index, offset: frameOffset, bytes: bytes)
    }

    // MARK: Buffering

    private func finish() {
        isFinished = true
        buffer = []
        start = 0
        end = 0
        if closeWhenDone, let fd = fileDescriptor {
            fileDescriptor = nil
            try? SystemCalls.closeDescriptor(fd)
        }
    }

    /// Reads until at least `count` unconsumed bytes are buffered or the input ends.
    ///
    /// The buffer grows geometrically and only when it is full of bytes that were actually
    /// read, so its size stays below twice the largest document plus one read chunk.
    private func fill(_ count: Int) throws(BSONError) {
        while end - start < count && !atEndOfInput {
            guard let fd = fileDescriptor else { atEndOfInput = true; return }
            let missing = count - (end - start)
            // Read as soon as there is reasonable room; make room only when there is not.
            let wanted = Swift.min(missing, Self.minimumRead)
            if buffer.count - end < wanted && start > 0 {
                compact()
            }
            if buffer.count - end < wanted {
                let doubled = Swift.max(buffer.count * 2, Self.readChunk)
                // Never more than the document needs (plus a chunk), however large it says it is.
                let capped = Swift.min(doubled, Swift.max(count, Self.readChunk) + Self.readChunk)
                grow(to: Swift.max(end + wanted, capped))
            }
            let room = buffer.count - end
            var failure: BSONError?
            let n = buffer.withUnsafeMutableBytes { p -> Int in
                // buffer.count > end here, so the base address exists.
                guard let base = p.baseAddress else { return 0 }
                do throws(BSONError) {
                    return try SystemCalls.readSome(fd, into: base + end, count: room)
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if n == 0 {
                atEndOfInput = true
            } else {
                end += n
            }
        }
    }

    /// Moves the unconsumed bytes to the front of the buffer.
    private func compact() {
        let count = end - start
        if count > 0 {
            buffer.withUnsafeMutableBytes { p in
                guard let base = p.baseAddress else { return }
                base.copyMemory(from: base + start, byteCount: count)
            }
        }
        start = 0
        end = count
    }

    private func grow(to capacity: Int) {
        guard capacity > buffer.count else { return }
        buffer.append(contentsOf: repeatElement(0, count: capacity - buffer.count))
        peakBufferCapacity = Swift.max(peakBufferCapacity, capacity)
    }
}

extension BSONReader: Sequence, IteratorProtocol {
    /// The next document, or the error that stopped it; nil at the end of the stream.
    ///
    /// After a broken frame the sequence yields that error and then ends; an invalid document
    /// yields its error and the sequence goes on with the next document.
    public func next() -> Result<BSONDocument, BSONError>? {
        do {
            guard let document = try readDocument() else { return nil }
            return .success(document)
        } catch {
            return .failure(error)
        }
    }
}

@available(*, unavailable, message: "a BSONReader is a single-pass cursor: use it from one task at a time")
extension BSONReader: Sendable {}

extension BSONError {
    /// A copy with an offset (when it has none) and ``documentIndex`` set.
    fileprivate func located(offset: Int, index: Int) -> BSONError {
        var copy = self
        if copy.offset == nil { copy.offset = offset }
        copy.documentIndex = index
        return copy
    }
}
