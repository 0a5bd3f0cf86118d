extension BSONDocument {
    /// Parses Extended JSON v2 (canonical or relaxed, and the legacy forms libbson accepts)
    /// with libbson's parser (`bson_new_from_json`).
    ///
    /// - Throws: ``BSONError/Code-swift.struct/invalidJSON`` with libbson's message on bad input.
    public init(fromJSON json: String) throws {
        let bytes = try ExtendedJSONNULGuard.parse(json)
        // libbson's output is well-formed, but its parser admits some things our reader must
        // not trust blindly (NUL inside keys, deep nesting): check it like any other input.
        try self.init(fromBSON: bytes)
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
        var writer = ExtendedJSONWriter(mode: .relaxed)
        writer.writeDocument(self)
        return writer.result
    }
}

extension BSONDocument: CustomStringConvertible {
    /// The document as relaxed Extended JSON.
    public var description: String { toExtendedJSONString() }
}
