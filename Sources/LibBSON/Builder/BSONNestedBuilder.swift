/// What ``BSONDocumentBuilder`` and ``BSONArrayBuilder`` share: one level of nesting, writing
/// into the buffer its parent lent it.
protocol BSONNestedBuilder: ~Copyable {
    /// Starts a level at the end of `writer`'s bytes (writes its length placeholder).
    init(writer: consuming BSONByteWriter)
    /// Where this level's length field is.
    var start: Int { get }
    /// Moves the buffer out, to give it back to the parent.
    mutating func takeWriter() -> BSONByteWriter
    /// Writes this level's terminator and patches its length.
    mutating func endDocument() throws
}

extension BSONByteWriter {
    /// Runs `write`; if it throws, drops whatever it wrote, so a failed element leaves nothing.
    @inline(__always)
    mutating func rollingBack(_ write: (inout BSONByteWriter) throws -> Void) throws {
        let mark = count
        do {
            try write(&self)
        } catch {
            removeSubrange(mark...)
            throw error
        }
    }

    /// Writes an element whose value is an embedded document or array, in place: the type
    /// byte, the key (by `writeKey`), then a `Child` level that `body` fills. Nothing is kept
    /// if `writeKey` or `body` throws.
    ///
    /// The child holds the buffer while `body` runs. A body that swaps its builder for another
    /// document's would hand back the wrong buffer or offset; that is a programming error
    /// and stops the program, found by the buffer's ``builderID`` and the child's start.
    mutating func appendNested<Child: BSONNestedBuilder & ~Copyable>(
        _ type: BSONType,
        writeKey: (inout BSONByteWriter) throws -> Void,
        _ body: (inout Child) throws -> Void
    ) throws {
        try rollingBack { w in
            w.append(type.rawValue)
            try writeKey(&w)
            let id = w.builderID
            var child = Child(writer: BSONByteWriter.take(&w))
            let childStart = child.start
            defer {
                w = child.takeWriter()
                precondition(w.builderID == id && child.start == childStart,
                             "\(Child.self): a nested body replaced the builder it was given (with swap?); builders cannot be exchanged")
            }
            try body(&child)
            try child.endDocument()
        }
    }
}
