extension BSONDocument {
    /// Parses Extended JSON v2 (canonical or relaxed, and the legacy forms libbson accepts)
    /// with the library's own parser.
    ///
    /// The text must be one JSON object (RFC 8259, strictly: valid UTF-8, no trailing
    /// characters). Nested objects whose first key is a known type wrapper key (`$numberLong`,
    /// `$binary`, `$code`, …) are read as that type; the legacy forms `{"$date": <integer>}`,
    /// `{"$binary": "…", "$type": "…"}`, `{"$regex": "…", "$options": "…"}` and
    /// `{"$uuid": "…"}` are accepted too. Relaxed integers become int32 when they fit, else
    /// int64, else double.
    ///
    /// ```swift
    /// let doc = try BSONDocument(fromJSON: #"{"n": 1, "big": {"$numberLong": "1"}}"#)
    /// ```
    ///
    /// The parser writes BSON bytes directly and checks as it goes everything
    /// ``init(fromBSON:options:context:)-([UInt8],_,_)`` would check (UTF-8, no NUL in keys or
    /// regular expressions, and the nesting depth and size limits of `context`'s
    /// ``BSONContext/validation``), so the result is not validated a second time.
    ///
    /// - Parameter context: the state to use; when nil, the bound context or
    ///   ``BSONContext/global`` (see ``BSONContext/resolve(_:)``).
    ///
    /// - Throws: ``BSONError`` with code ``BSONError/Code-swift.struct/invalidJSON`` (saying
    ///   what was expected, with the byte offset in the UTF-8 text and the key path),
    ///   ``BSONError/Code-swift.struct/embeddedNUL`` for NUL in a key or regular expression,
    ///   ``BSONError/Code-swift.struct/depthLimitExceeded`` or
    ///   ``BSONError/Code-swift.struct/sizeLimitExceeded``.
    public init(fromJSON json: String, context: BSONContext? = nil) throws {
        let limits = BSONContext.resolve(context).validation
        var json = json
        let bytes = try json.withUTF8 {
            try ExtendedJSONParser.parse(UnsafeRawBufferPointer($0), maxDepth: limits.effectiveMaxDepth,
                                         maxDocumentSize: limits.maxDocumentSize)
        }
        self.init(trusted: bytes[...])
    }

    /// Parses Extended JSON from raw bytes, which need not be valid UTF-8 (that is checked).
    init(fromJSONBytes bytes: [UInt8]) throws {
        self.init(trusted: try ExtendedJSONParser.parse(bytes)[...])
    }

    /// Canonical Extended JSON v2: every value keeps its exact type
    /// (`{"n": {"$numberInt": "1"}}`).
    public func toCanonicalExtendedJSONString() -> String {
        var writer = ExtendedJSONWriter(mode: .canonical)
        writer.writeDocument(self)
        return writer.result
    }

    /// Relaxed Extended JSON v2: numbers and recent dates as plain JSON (`{"n": 1}`).
    public func toExtendedJSONString() -> String {
        toExtendedJSONString(mode: .relaxed)
    }

    /// Extended JSON v2 in `mode`; when `mode` is nil, in the ``BSONContext/extendedJSONMode``
    /// of `context` (or of the bound context, or ``BSONContext/global``, which is relaxed).
    public func toExtendedJSONString(mode: ExtendedJSONMode?, context: BSONContext? = nil) -> String {
        var writer = ExtendedJSONWriter(mode: mode ?? BSONContext.resolve(context).extendedJSONMode,
                                        capacity: byteCount + byteCount / 2)
        writer.writeDocument(self)
        return writer.result
    }
}

extension BSONDocument: CustomStringConvertible {
    /// The document as relaxed Extended JSON.
    public var description: String { toExtendedJSONString() }
}
