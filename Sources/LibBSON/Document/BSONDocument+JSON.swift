import Foundation

extension BSONDocument {
    /// Parses Extended JSON v2 (canonical or relaxed, and the legacy forms libbson accepts)
    /// with the library's own parser.
    ///
    /// The text must be one JSON object (RFC 8259, strictly: no trailing characters). Nested
    /// objects whose first key is a known type wrapper key (`$numberLong`, `$binary`, `$code`,
    /// …) are read as that type; the legacy forms `{"$date": <integer>}`,
    /// `{"$binary": "…", "$type": "…"}`, `{"$regex": "…", "$options": "…"}` and
    /// `{"$uuid": "…"}` are accepted too. Relaxed integers become int32 when they fit, else
    /// int64, else double.
    ///
    /// ```swift
    /// let doc = try BSONDocument(fromJSON: #"{"n": 1, "big": {"$numberLong": "1"}}"#)
    /// ```
    ///
    /// The parser reads the string's UTF-8 in place, writes BSON bytes directly and checks as
    /// it goes everything ``init(fromBSON:options:context:)-([UInt8],_,_)`` would check (no NUL
    /// in keys or regular expressions, and the nesting depth and size limits of `context`'s
    /// ``BSONContext/validation``), so the result is not validated a second time. Text that
    /// arrives as bytes (a request body, a file) can be parsed without making a `String` first:
    /// see ``init(fromJSON:context:)-([UInt8],_)``.
    ///
    /// - Parameters:
    ///   - json: the Extended JSON text.
    ///   - context: the state to use; when nil, the bound context or
    ///     ``BSONContext/global`` (see ``BSONContext/resolve(_:)``).
    ///
    /// - Throws: ``BSONError`` with code ``BSONError/Code-swift.struct/invalidJSON`` (saying
    ///   what was expected, with the byte offset in the UTF-8 text and the key path),
    ///   ``BSONError/Code-swift.struct/embeddedNUL`` for NUL in a key or regular expression,
    ///   ``BSONError/Code-swift.struct/depthLimitExceeded`` or
    ///   ``BSONError/Code-swift.struct/sizeLimitExceeded``.
    public init(fromJSON json: String, context: BSONContext? = nil) throws {
        var json = json
        let bytes = try json.withUTF8 { try Self.parseJSON(UnsafeRawBufferPointer($0), context: context) }
        self.init(trusted: bytes[...])
    }

    /// Parses Extended JSON v2 from its UTF-8 bytes, such as a request body, without making a
    /// `String` first.
    ///
    /// Accepts exactly what ``init(fromJSON:context:)-(String,_)`` accepts, with the same
    /// limits, and gives the same document for the same text. The bytes need not be valid
    /// UTF-8: that is checked as they are read, and a sequence that is not UTF-8 (a stray
    /// byte, a truncated or overlong sequence, an encoded surrogate, anything above U+10FFFF)
    /// is an error at its first byte. There is no byte order mark handling: RFC 8259 text
    /// does not start with one, so a leading U+FEFF is an error like any other character
    /// before the `{`.
    ///
    /// ```swift
    /// let body: [UInt8] = Array(#"{"n": {"$numberLong": "42"}}"#.utf8)
    /// let doc = try BSONDocument(fromJSON: body)
    /// ```
    ///
    /// - Parameters:
    ///   - json: the Extended JSON text.
    ///   - context: the state to use; when nil, the bound context or
    ///     ``BSONContext/global`` (see ``BSONContext/resolve(_:)``).
    ///
    /// - Throws: ``BSONError``, with the offset of the offending byte in `json` and the key
    ///   path: ``BSONError/Code-swift.struct/invalidUTF8`` where the bytes are not UTF-8 (unless
    ///   a syntax error comes first), else the errors of
    ///   ``init(fromJSON:context:)-(String,_)`` (``BSONError/Code-swift.struct/invalidJSON``
    ///   for empty input or malformed text).
    public init(fromJSON json: [UInt8], context: BSONContext? = nil) throws {
        let bytes = try json.withUnsafeBytes { try Self.parseJSON($0, context: context) }
        self.init(trusted: bytes[...])
    }

    /// Parses Extended JSON v2 from its UTF-8 bytes in `Data`, read in place.
    ///
    /// The same as ``init(fromJSON:context:)-([UInt8],_)``; offsets in errors count from
    /// the first byte of `json` (also when `json` is a slice of a larger `Data`).
    ///
    /// - Parameters:
    ///   - json: the Extended JSON text.
    ///   - context: the state to use; when nil, the bound context or
    ///     ``BSONContext/global`` (see ``BSONContext/resolve(_:)``).
    ///
    /// - Throws: ``BSONError`` as ``init(fromJSON:context:)-([UInt8],_)`` does.
    public init(fromJSON json: Data, context: BSONContext? = nil) throws {
        let bytes = try json.withUnsafeBytes { try Self.parseJSON($0, context: context) }
        self.init(trusted: bytes[...])
    }

    /// The one parsing path of every `init(fromJSON:)`: the limits of the resolved context.
    private static func parseJSON(_ text: UnsafeRawBufferPointer, context: BSONContext?) throws -> [UInt8] {
        let limits = BSONContext.resolve(context).validation
        return try ExtendedJSONParser.parse(text, maxDepth: limits.effectiveMaxDepth, maxDocumentSize: limits.maxDocumentSize)
    }

    /// Canonical Extended JSON v2: every value keeps its exact type
    /// (`{"n": {"$numberInt": "1"}}`), whatever the context says.
    ///
    /// The same as ``toExtendedJSONString(mode:context:)`` with `mode: .canonical`, kept under
    /// the name mongodb/swift-bson gives it so code written for that library reads the same.
    public func toCanonicalExtendedJSONString() -> String {
        toExtendedJSONString(mode: .canonical)
    }

    /// Extended JSON v2 in `mode`: relaxed (numbers and recent dates as plain JSON,
    /// `{"n": 1}`) or canonical (every value keeps its exact type).
    ///
    /// With no `mode`, the ``BSONContext/extendedJSONMode`` of `context` (or of the bound
    /// context, or ``BSONContext/global``, which is relaxed) applies, so `toExtendedJSONString()`
    /// inside a context bound for canonical output writes canonical JSON. (Before, the overload
    /// without arguments was always relaxed while `mode: nil` followed the context.)
    public func toExtendedJSONString(mode: ExtendedJSONMode? = nil, context: BSONContext? = nil) -> String {
        var writer = ExtendedJSONWriter(mode: mode ?? BSONContext.resolve(context).extendedJSONMode,
                                        capacity: byteCount + byteCount / 2)
        writer.writeDocument(self)
        return writer.result
    }

    /// The same text as ``toExtendedJSONString(mode:context:)``, as its UTF-8 bytes, for a
    /// file, a socket or a response body: no `String` is made.
    ///
    /// ```swift
    /// let doc: BSONDocument = ["n": 1]
    /// var line = doc.toExtendedJSONBytes(mode: .canonical)   // {"n":{"$numberInt":"1"}}
    /// line.append(UInt8(ascii: "\n"))
    /// ```
    ///
    /// The bytes are compact (no whitespace outside strings) and are what
    /// ``init(fromJSON:context:)-([UInt8],_)`` reads back. The array has room for twice the
    /// document's size, so a separator can usually be appended without growing it.
    public func toExtendedJSONBytes(mode: ExtendedJSONMode? = nil, context: BSONContext? = nil) -> [UInt8] {
        var writer = ExtendedJSONWriter(mode: mode ?? BSONContext.resolve(context).extendedJSONMode,
                                        capacity: byteCount * 2 + 16)
        writer.writeDocument(self)
        return writer.bytes(capacity: byteCount * 2 + 16)
    }
}

extension BSONDocument: CustomStringConvertible {
    /// The document as relaxed Extended JSON, whatever context is bound.
    public var description: String { toExtendedJSONString(mode: .relaxed) }
}
