import LibBSON

/// Target (b): Extended JSON text -> document -> canonical JSON -> document: a fixpoint.
///
/// Invariants, for text the parser accepts:
/// 1. The parser's bytes pass the validator (it promises well-formed BSON by construction).
/// 2. The canonical JSON of the document parses back to the same bytes, whose canonical
///    JSON is the same text (one round trip reaches the fixpoint: nothing the parser
///    produces is lost by the writer).
/// 3. The relaxed JSON parses back to a document with the same relaxed JSON, equal with only
///    ``Compare/Loss/relaxedJSON`` lost.
/// 4. With `deep`, the bytes also go through ``BSONRoundTrip``.
///
/// For rejected text: a `BSONError` with an offset within the UTF-8 text.
public enum JSONFixpoint {
    /// The raw-bytes entry point, `BSONDocument(fromJSON: [UInt8])`: bytes that are UTF-8 give
    /// exactly what the same text gives as a `String` (the same document, or an error with the
    /// same code and offset); other bytes are refused with a `BSONError` whose offset is inside
    /// the input. Then the text goes through ``try check(_:deep:)``.
    public static func check(bytes: [UInt8], deep: Bool) throws(InvariantViolation) {
        let fromBytes: Result<BSONDocument, any Error> = Result { try BSONDocument(fromJSON: bytes) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            switch fromBytes {
            case .success(let doc):
                throw InvariantViolation("bytes that are not UTF-8 parsed: \(preview(bytes)) -> \(preview(doc.bytes))")
            case .failure(let error as BSONError):
                guard let offset = error.offset else {
                    throw InvariantViolation("parse error without an offset: \(error)\nbytes: \(preview(bytes))")
                }
                try invariant(offset >= 0 && offset <= bytes.count, "parse error offset \(offset) outside the \(bytes.count)-byte input: \(error)")
            case .failure(let error):
                throw InvariantViolation("the parser threw a non-BSONError: \(error)")
            }
            // What a caller holding a String would see (bad sequences become U+FFFD).
            try check(String(decoding: bytes, as: UTF8.self), deep: deep)
            return
        }
        let fromText: Result<BSONDocument, any Error> = Result { try BSONDocument(fromJSON: text) }
        switch (fromBytes, fromText) {
        case (.success(let a), .success(let b)):
            try invariant(a == b, "bytes and String parse to different documents: \(preview(text))")
        case (.failure(let a as BSONError), .failure(let b as BSONError)):
            try invariant(a.code == b.code && a.offset == b.offset,
                          "bytes and String fail differently: \(a) vs \(b)\ntext: \(preview(text))")
        default:
            throw InvariantViolation("bytes and String disagree: \(fromBytes) vs \(fromText)\ntext: \(preview(text))")
        }
        try check(text, deep: deep)
    }

    public static func check(_ text: String, deep: Bool) throws(InvariantViolation) {
        let length = text.utf8.count
        let doc: BSONDocument
        do {
            doc = try BSONDocument(fromJSON: text)
        } catch let error as BSONError {
            guard let offset = error.offset else {
                throw InvariantViolation("parse error without an offset: \(error)\ntext: \(preview(text))")
            }
            try invariant(offset >= 0 && offset <= length, "parse error offset \(offset) outside the \(length)-byte text: \(error)")
            try invariant(!error.description.isEmpty, "empty error description")
            return
        } catch {
            throw InvariantViolation("the parser threw a non-BSONError: \(error)")
        }

        // 1. Well-formed output.
        try Walk.revalidate(doc)

        // 2. Canonical round trip.
        let canonical = doc.toCanonicalExtendedJSONString()
        let again = try reparse(canonical, "canonical", text: text)
        try invariant(again == doc,
                      "canonical JSON does not read back the same bytes\ntext: \(preview(text))\ncanonical: \(preview(canonical))\nfirst:  \(preview(doc.bytes))\nsecond: \(preview(again.bytes))")
        try invariant(again.toCanonicalExtendedJSONString() == canonical, "canonical JSON is not a fixpoint")

        // 3. Relaxed round trip.
        let relaxed = doc.toExtendedJSONString()
        let fromRelaxed = try reparse(relaxed, "relaxed", text: text)
        try invariant(fromRelaxed.toExtendedJSONString() == relaxed,
                      "relaxed JSON is not a fixpoint\ntext: \(preview(text))\nfirst:  \(preview(relaxed))\nsecond: \(preview(fromRelaxed.toExtendedJSONString()))")
        try invariant(Compare.documents(doc, fromRelaxed, .relaxedJSON),
                      "relaxed JSON read back different values\ntext: \(preview(text))\nrelaxed: \(preview(relaxed))")

        // 4. Everything the BSON target checks.
        if deep { try BSONRoundTrip.check(doc.bytes) }
    }

    /// Our writer's `mode` JSON of the document parsed from `text`, parsed again.
    private static func reparse(_ json: String, _ mode: String, text: String) throws(InvariantViolation) -> BSONDocument {
        do {
            return try BSONDocument(fromJSON: json)
        } catch {
            throw InvariantViolation("\(mode) JSON of a parsed document does not parse: \(error)\ntext: \(preview(text))\n\(mode): \(preview(json))")
        }
    }
}
