import CLibBSON
import LibBSON

/// libbson's own Extended JSON parser and writer, used by the tests as an independent
/// reference for ours (never by the product). Each call frees what libbson allocates before
/// it returns.
public enum LibBSONOracle {
    /// `bson_new_from_json`: Extended JSON (canonical, relaxed and the legacy forms libbson
    /// accepts) to BSON bytes, exactly as libbson produces them.
    ///
    /// - Throws: ``BSONError`` with libbson's message when it refuses the text.
    public static func bsonBytes(fromJSON text: String) throws -> [UInt8] {
        var error = bson_error_t()
        let utf8 = Array(text.utf8)
        let doc: OpaquePointer? = utf8.withUnsafeBufferPointer { p in
            // A zero-length buffer still needs a valid pointer for libbson.
            guard let base = p.baseAddress else { return nil }
            return bson_new_from_json(base, p.count, &error)
        }
        guard let doc else {
            throw utf8.isEmpty ? BSONError(.invalidJSON, "invalid Extended JSON: empty input") : BSONError(error)
        }
        // Framing only: the oracle reports libbson's bytes as they are, valid or not.
        return try BSONDocument(unsafeTakingTrusted: doc).bytes
    }

    /// `bson_as_canonical_extended_json` / `bson_as_relaxed_extended_json` of `bytes`, or nil
    /// when libbson refuses them.
    public static func referenceExtendedJSON(_ bytes: [UInt8], canonical: Bool) -> String? {
        bytes.withUnsafeBufferPointer { p -> String? in
            guard let base = p.baseAddress, let doc = bson_new_from_data(base, p.count) else { return nil }
            defer { bson_destroy(doc) }
            var length = 0
            guard let json = canonical
                ? bson_as_canonical_extended_json(doc, &length)
                : bson_as_relaxed_extended_json(doc, &length)
            else { return nil }
            defer { bson_free(json) }
            return String(decoding: UnsafeRawBufferPointer(start: json, count: length), as: UTF8.self)
        }
    }
}
