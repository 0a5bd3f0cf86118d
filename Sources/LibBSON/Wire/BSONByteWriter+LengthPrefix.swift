/// What a length field measures: it names the region in the error for one too long for the
/// field's Int32.
enum BSONLengthPrefixed {
    /// A document, an array or a code-with-scope value.
    case document
    /// A string (also a code, symbol or DBPointer's namespace).
    case string
    /// Binary data.
    case binary

    func tooLong(_ length: Int) -> BSONError {
        switch self {
        case .document: BSONError(.sizeLimitExceeded, "a BSON document cannot exceed 2 GiB (\(length) bytes)")
        case .string: BSONError(.sizeLimitExceeded, "a BSON string cannot exceed 2 GiB")
        case .binary: BSONError(.sizeLimitExceeded, "binary data cannot exceed 2 GiB")
        }
    }

    /// `length` as the Int32 a length field holds.
    /// - Throws: ``BSONError/Code-swift.struct/sizeLimitExceeded`` when it does not fit.
    @inline(__always)
    func field(_ length: Int) throws -> Int32 {
        guard let field = Int32(exactly: length) else { throw tooLong(length) }
        return field
    }
}

/// Length-prefixed regions: the one place that reserves a length field, lets the body be
/// written, then patches the field. Documents, arrays, strings, binary data and
/// code-with-scope values are all written this way, so nothing is measured or encoded twice.
extension BSONByteWriter {
    /// Starts a region: reserves its 4-byte length field at the end and returns where it is.
    @inline(__always)
    mutating func beginLengthPrefixed() -> Int {
        let field = count
        appendInt32(0)
        return field
    }

    /// Ends the region whose length field is at `field`: the field gets the number of bytes
    /// written from `countedFrom` on (`field` itself for a document, which counts its own
    /// length field; `field + 4` for a string; after the subtype byte for binary data).
    /// - Throws: ``BSONError/Code-swift.struct/sizeLimitExceeded`` past 2 GiB.
    @inline(__always)
    mutating func endLengthPrefixed(_ field: Int, countedFrom: Int, _ region: BSONLengthPrefixed) throws {
        try patchLength(at: field, length: count - countedFrom, region)
    }

    /// Writes `length` into the length field at `field`.
    /// - Throws: ``BSONError/Code-swift.struct/sizeLimitExceeded`` past 2 GiB.
    @inline(__always)
    mutating func patchLength(at field: Int, length: Int, _ region: BSONLengthPrefixed = .document) throws {
        store(try region.field(length), at: field)
    }

    /// Starts a document or array: writes its length placeholder and returns where it starts.
    @inline(__always)
    mutating func beginDocument() -> Int {
        beginLengthPrefixed()
    }

    /// Ends the document begun at `start`: writes its NUL and patches its length.
    @inline(__always)
    mutating func endDocument(_ start: Int) throws {
        append(0)
        try endLengthPrefixed(start, countedFrom: start, .document)
    }

    /// Appends a length-prefixed, NUL-terminated string.
    @inline(__always)
    mutating func appendString(_ s: String) throws {
        let field = beginLengthPrefixed()
        appendCString(s)
        try endLengthPrefixed(field, countedFrom: field + 4, .string)
    }
}
