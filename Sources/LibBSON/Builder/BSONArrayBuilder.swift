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
        let mark = writer.count
        do {
            try writer.appendElement(index: count, value: value)
        } catch {
            writer.removeSubrange(mark...)
            throw error
        }
        count += 1
    }

    /// Appends an embedded document whose elements `body` writes, in place.
    /// - Throws: what `body` throws (nothing of this value is kept then).
    public mutating func appendDocument(_ body: (inout BSONDocumentBuilder) throws -> Void) throws {
        let mark = writer.count
        do {
            writer.append(BSONType.document.rawValue)
            writer.appendIndexKey(count)
            let id = writer.builderID
            var child = BSONDocumentBuilder(writer: BSONByteWriter.take(&writer))
            let childStart = child.start
            defer {
                writer = BSONByteWriter.take(&child.writer)
                checkSameBuilder(id, child.start, childStart)
            }
            try body(&child)
            try child.writer.endDocument(child.start)
        } catch {
            writer.removeSubrange(mark...)
            throw error
        }
        count += 1
    }

    /// Appends a nested array whose values `body` writes, in place.
    /// - Throws: what `body` throws (nothing of this value is kept then).
    public mutating func appendArray(_ body: (inout BSONArrayBuilder) throws -> Void) throws {
        let mark = writer.count
        do {
            writer.append(BSONType.array.rawValue)
            writer.appendIndexKey(count)
            let id = writer.builderID
            var child = BSONArrayBuilder(writer: BSONByteWriter.take(&writer))
            let childStart = child.start
            defer {
                writer = BSONByteWriter.take(&child.writer)
                checkSameBuilder(id, child.start, childStart)
            }
            try body(&child)
            try child.writer.endDocument(child.start)
        } catch {
            writer.removeSubrange(mark...)
            throw error
        }
        count += 1
    }

    @inline(__always)
    private func checkSameBuilder(_ id: UInt64, _ start: Int, _ expectedStart: Int) {
        precondition(writer.builderID == id && start == expectedStart,
                     "\(Self.self): a nested body replaced the builder it was given (with swap?); builders cannot be exchanged")
    }
}
