/// One document's bytes as a ``BSONReader`` framed them: the declared size was checked
/// (at least 5, at most the size limit) and all of its bytes were read, but nothing inside
/// has been validated yet.
///
/// Frames are the reader's raw mode: use them to copy, count or skip documents without
/// paying for validation, and call ``document(options:)`` to validate one.
///
/// ```swift
/// let reader = try BSONReader(path: "dump.bson")
/// while let frame = try reader.readFrame() {
///     print(frame.index, frame.offset, frame.bytes.count)
/// }
/// ```
public struct BSONFrame: Sendable, Hashable {
    /// The zero-based position of the document in the stream.
    public let index: Int
    /// The byte offset of the document's first byte (its size field) in the stream.
    public let offset: Int
    /// The document's bytes, from its size field to its last byte (exactly the declared size).
    public let bytes: [UInt8]

    /// Creates a frame; ``BSONReader`` makes these.
    public init(index: Int, offset: Int, bytes: [UInt8]) {
        self.index = index
        self.offset = offset
        self.bytes = bytes
    }

    /// The byte offset just past the document in the stream.
    public var endOffset: Int { offset + bytes.count }

    /// Validates the frame as one BSON document, with the rules of
    /// ``BSONDocument/init(fromBSON:options:context:)-([UInt8],_,_)`` (when `options` is nil, the
    /// resolved context's limits).
    ///
    /// - Throws: ``BSONError`` naming the rule that failed, with ``BSONError/offset`` counted
    ///   from the start of the stream, the key path, and ``BSONError/documentIndex`` set to
    ///   ``index``.
    public func document(options: BSONValidationOptions? = nil) throws(BSONError) -> BSONDocument {
        do {
            return try BSONDocument(fromBSON: bytes, options: options)
        } catch let error as BSONError {
            var located = error
            located.offset = offset + (error.offset ?? 0)
            located.documentIndex = index
            throw located
        } catch {
            throw BSONError(.invalidValue, "\(error)", offset: offset, keyPath: []).inDocument(index)
        }
    }
}

extension BSONError {
    /// A copy with ``documentIndex`` set.
    func inDocument(_ index: Int) -> BSONError {
        var copy = self
        copy.documentIndex = index
        return copy
    }
}
