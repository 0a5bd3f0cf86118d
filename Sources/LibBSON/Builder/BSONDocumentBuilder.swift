/// Writes a document element by element into one buffer, the way `bson_append_*` does in C.
///
/// Embedded documents and arrays are written in place, inside their parent, by
/// ``appendDocument(_:_:)`` and ``appendArray(_:_:)``: nothing is encoded twice and no
/// intermediate ``BSONDocument`` is made for a nested level. Use it when a document comes from
/// your own data structures; for a handful of values a dictionary literal reads better.
///
/// ```swift
/// let doc = try BSONDocument { doc in
///     try doc.append("name", "Ada")
///     try doc.appendDocument("born") { born in
///         try born.append("year", .int32(1815))
///         try born.append("city", "London")
///     }
///     try doc.appendArray("tags") { tags in
///         try tags.append("math")
///         try tags.append("poetry")
///     }
/// }
/// ```
///
/// A body that throws leaves nothing of its element behind: the builder is rolled back to
/// where it was before that `appendDocument` or `appendArray` call, so a caller that catches
/// the error can go on appending.
///
/// A body must write through the builder it is given: exchanging it (with `swap`) for the
/// builder of another document is a programming error and traps.
///
/// Documents built here are not held to a validation size limit (those apply to input);
/// the only limit is BSON's own 2 GiB length field. A document over 16 MiB builds fine but
/// MongoDB refuses it, and so does ``BSONDocument/init(fromBSON:options:context:)-([UInt8],_,_)``
/// with the default options: check ``byteCount`` if your data can grow that large.
///
/// The key is the first argument, unlabelled (`append("name", "Ada")`), because a builder
/// call is mostly keys and values; ``BSONDocument/append(key:value:)`` on a finished document
/// keeps its labels.
public struct BSONDocumentBuilder: ~Copyable {
    var writer: BSONByteWriter
    var start: Int

    /// The number of elements appended so far at this level.
    public private(set) var count: Int = 0

    init(writer: consuming BSONByteWriter) {
        self.writer = writer
        self.start = self.writer.beginDocument()
    }

    /// The number of bytes the document will have, if finished now.
    public var byteCount: Int { writer.count - start + 1 }

    /// Appends an element. BSON allows duplicate keys; the builder does not look for them.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when `key` contains NUL.
    public mutating func append(_ key: String, _ value: BSON) throws {
        try writer.rollingBack { try $0.appendElement(key: key, value: value) }
        count += 1
    }

    /// Appends an embedded document whose elements `body` writes, in place.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when `key` contains NUL, or what
    ///   `body` throws (nothing of this element is kept then).
    public mutating func appendDocument(_ key: String, _ body: (inout BSONDocumentBuilder) throws -> Void) throws {
        try writer.appendNested(.document, writeKey: { try $0.appendKey(key) }, body)
        count += 1
    }

    /// Appends an array whose values `body` writes, in place.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when `key` contains NUL, or what
    ///   `body` throws (nothing of this element is kept then).
    public mutating func appendArray(_ key: String, _ body: (inout BSONArrayBuilder) throws -> Void) throws {
        try writer.appendNested(.array, writeKey: { try $0.appendKey(key) }, body)
        count += 1
    }

    /// Ends the document and returns its bytes.
    mutating func finish() throws -> BSONDocument {
        try writer.endDocument(start)
        return BSONDocument(trusted: writer.toArray()[...])
    }
}

extension BSONDocumentBuilder: BSONNestedBuilder {
    mutating func takeWriter() -> BSONByteWriter { BSONByteWriter.take(&writer) }
    mutating func endDocument() throws { try writer.endDocument(start) }
}

extension BSONDocument {
    /// Builds a document with a ``BSONDocumentBuilder``, writing nested levels in place.
    ///
    /// - Parameters:
    ///   - capacity: bytes to reserve up front, a hint: the buffer grows as needed, and at
    ///     most 16 MiB is reserved however large the hint.
    ///   - body: appends the document's elements to the builder it is given.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` for a key with NUL,
    ///   ``BSONError/Code-swift.struct/sizeLimitExceeded`` past 2 GiB, or what `body` throws.
    public init(capacity: Int = 256, _ body: (inout BSONDocumentBuilder) throws -> Void) throws {
        var writer = BSONByteWriter(capacity: Swift.max(5, capacity))
        writer.builderID = BSONByteWriter.nextBuilderID()
        var builder = BSONDocumentBuilder(writer: writer)
        try body(&builder)
        // A nested builder swapped in here would be finished from the middle of its buffer
        // (another document's top-level builder is harmless: it is finished whole).
        precondition(builder.start == 0,
                     "BSONDocumentBuilder: the body replaced the builder it was given with a nested one (with swap?)")
        self = try builder.finish()
    }
}
