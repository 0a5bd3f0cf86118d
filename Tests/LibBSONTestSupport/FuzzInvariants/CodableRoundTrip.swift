import LibBSON

/// Target (c): BSON bytes -> `BSONDecoder` into a representative struct -> `BSONEncoder` ->
/// decode again: equal.
///
/// Invariants, for bytes that decode:
/// 1. Decoding from the bytes and from the validated ``BSONDocument`` agree.
/// 2. A decoded value encodes; the encoding passes the validator and decodes to an equal
///    value (doubles compared by bit pattern, `BSON` values exactly).
/// 3. Encoding is a fixpoint from there: encoding the second value gives the same bytes
///    (when no dictionary is involved, whose order Swift does not keep).
///
/// Bytes the validator rejects must fail with `DecodingError.dataCorrupted` carrying the
/// `BSONError`; a `BSONDocument` decodes from valid bytes as itself.
public enum CodableRoundTrip {
    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let decoder = BSONDecoder()
        let encoder = BSONEncoder()

        let valid = try? BSONDocument(fromBSON: bytes)
        // Pass-through: a document decodes as itself.
        let passedThrough: BSONDocument?
        do {
            passedThrough = try decoder.decode(BSONDocument.self, from: bytes)
        } catch DecodingError.dataCorrupted(let context) {
            try invariant(valid == nil, "a valid document failed to decode as BSONDocument: \(context)")
            try invariant(context.underlyingError is BSONError, "invalid bytes without a BSONError: \(context)")
            passedThrough = nil
        } catch {
            throw InvariantViolation("decoding BSONDocument threw \(error)")
        }
        if let passedThrough {
            try invariant(valid == passedThrough, "BSONDocument decoded through BSONDecoder differs from the validated bytes")
        }

        let first: CodableSample
        do {
            first = try decoder.decode(CodableSample.self, from: bytes)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, context.underlyingError is BSONError {
                try invariant(valid == nil, "valid bytes reported as invalid BSON: \(context)")
            }
            return
        } catch {
            throw InvariantViolation("BSONDecoder threw a non-DecodingError: \(error)")
        }
        guard let valid else { throw InvariantViolation("decoded a CodableSample from bytes the validator rejects\n\(preview(bytes))") }

        // 1. From bytes and from the document.
        let fromDocument: CodableSample
        do {
            fromDocument = try decoder.decode(CodableSample.self, from: valid)
        } catch {
            throw InvariantViolation("decoding from the document failed where decoding from bytes worked: \(error)")
        }
        try invariant(fromDocument == first, "decoding from bytes and from the document disagree\n\(first)\n\(fromDocument)")

        // 2. Encode, validate, decode.
        let encoded = try encode(encoder, first, "the decoded value")
        let second: CodableSample
        do {
            second = try decoder.decode(CodableSample.self, from: encoded.bytes)
        } catch {
            throw InvariantViolation("re-decoding our own encoding failed: \(error)\nvalue: \(first)\nbytes: \(preview(encoded.bytes))")
        }
        try invariant(second == first, "decode(encode(value)) != value\nfirst:  \(first)\nsecond: \(second)\ninput: \(preview(bytes))")

        // 3. Fixpoint.
        let reencoded = try encode(encoder, second, "the re-decoded value")
        if first.scores == nil {
            try invariant(reencoded == encoded, "encoding is not a fixpoint\nfirst:  \(preview(encoded.bytes))\nsecond: \(preview(reencoded.bytes))")
        }
    }

    private static func encode(_ encoder: BSONEncoder, _ value: CodableSample, _ what: String) throws(InvariantViolation) -> BSONDocument {
        let doc: BSONDocument
        do {
            doc = try encoder.encode(value)
        } catch {
            throw InvariantViolation("encoding \(what) failed: \(error)\nvalue: \(value)")
        }
        try Walk.revalidate(doc)
        return doc
    }
}
