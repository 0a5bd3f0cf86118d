/// Writes an array's values, in order, inside the document being built.
///
/// Made by ``BSONDocumentBuilder/appendArray(_:_:)``; keys ("0", "1", ...) are written for you.
public struct BSONArrayBuilder: ~Copyable {
    var writer: BSONByteWriter
    var start: Int

    /// The number of values appended so far (the next value's index).
    public private(set) var count: Int = 0

    init(writer: consuming BSONByteWriter) {
        self.writer = writer
        self.start = self.writer.beginDocument()
    }

    /// The number of bytes the array will have, if finished now.
    public var byteCount: Int { writer.count - start + 1 }

    /// Appends a value.
    /// - Throws: ``BSONError/Code-swift.struct/sizeLimitExceeded`` for a value over 2 GiB
    ///   (nothing of it is kept then).
    public mutating func append(_ value: BSON) throws {
        let index = count
        try writer.rollingBack { try $0.appendElement(index: index, value: value) }
        count += 1
    }

    /// Appends an embedded document whose elements `body` writes, in place.
    /// - Throws: what `body` throws (nothing of this value is kept then).
    public mutating func appendDocument(_ body: (inout BSONDocumentBuilder) throws -> Void) throws {
        let index = count
        try writer.appendNested(.document, writeKey: { $0.appendIndexKey(index) }, body)
        count += 1
    }

    /// Appends a nested array whose values `body` writes, in place.
    /// - Throws: what `body` throws (nothing of this value is kept then).
    public mutating func appendArray(_ body: (inout BSONArrayBuilder) throws -> Void) throws {
        let index = count
        try writer.appendNested(.array, writeKey: { $0.appendIndexKey(index) }, body)
        count += 1
    }
}

extension BSONArrayBuilder: BSONNestedBuilder {
    mutating func takeWriter() -> BSONByteWriter { BSONByteWriter.take(&writer) }
    mutating func endDocument() throws { try writer.endDocument(start) }
}
