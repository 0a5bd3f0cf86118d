import LibBSON

/// Target (a): BSON bytes -> validated document -> every value -> Extended JSON (our writer,
/// canonical and relaxed) -> our parser -> compare.
///
/// Invariants, for bytes the validator accepts:
/// 1. The document holds exactly the input bytes; every reading API agrees (``Walk``); every
///    embedded document re-validates on its own.
/// 2. Re-encoding the values (`BSONDocument(elements:)`) gives the input bytes back, unless an
///    array has keys other than "0", "1"… (values carry no array keys) or a regular
///    expression has unsorted options (values keep them sorted) outside any embedded
///    document (those are copied as they are): then the values are equal and the
///    re-encoding is a fixpoint of its own (``RawBSON/isCanonical(_:deep:)``).
/// 3. Canonical Extended JSON parses back (unless a nested document's first key is a
///    wrapper key such as `$numberInt`, which Extended JSON reads as that type) to a document
///    with the same canonical JSON, equal value for value with only ``Compare/Loss/canonicalJSON``
///    lost, and byte for byte when the document holds no NaN, no Decimal128 and is canonical.
/// 4. Relaxed Extended JSON parses back to a document with the same relaxed JSON, equal
///    with only ``Compare/Loss/relaxedJSON`` lost.

///
/// For rejected bytes: the error is a `BSONError` whose offset lies within the input. Bytes
/// rejected only for their UTF-8 are read again with `validateUTF8: false` and must be safe
/// to walk and to write as JSON.
public enum BSONRoundTrip {
    /// Sets a string one level inside the first embedded document or array, by path (one
    /// splice, enclosing lengths moved) and by hand (copy out, change, assign back): both must
    /// re-validate and be byte-equal.
    static func checkNestedEdit(_ doc: BSONDocument) throws(InvariantViolation) {
        // The element must be the first of its key: paths and subscripts name the first.
        guard let position = doc.firstIndex(where: { $0.value.type == .document || $0.value.type == .array }) else { return }
        let (key, value) = doc[position]
        guard doc.firstIndex(where: { $0.key == key }) == position else { return }
        var byHand = doc
        let inner: String
        switch value {
        case .document(var d):
            guard let first = d.keys.first else { return }
            inner = first
            d[first] = "fuzz"
            byHand[key] = .document(d)
        case .array(var items):
            guard !items.isEmpty else { return }
            inner = "0"
            items[0] = "fuzz"
            byHand[key] = .array(items)
        default:
            return
        }
        var byPath = doc
        do {
            try byPath.setValue("fuzz", forPath: BSONPath([key, inner]))
        } catch {
            throw InvariantViolation("setting \(key).\(inner) in a valid document failed: \(error)")
        }
        try Walk.revalidate(byPath)
        // An array re-encoded by hand gets keys "0", "1", …: compare values when the input's
        // array keys were not those.
        if value.type == .array {
            try invariant(Compare.documents(byPath, byHand, .none), "a path edit of \(key).0 differs from the edit by hand")
        } else {
            try invariant(byPath == byHand, "a path edit of \(key).\(inner) differs from the edit by hand\n\(preview(byPath.bytes))\n\(preview(byHand.bytes))")
        }
    }

    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let doc: BSONDocument
        do {
            doc = try BSONDocument(fromBSON: bytes)
        } catch let error as BSONError {
            try checkRejection(error, bytes)
            return
        } catch {
            throw InvariantViolation("the validator threw a non-BSONError: \(error)")
        }

        // 1. The bytes, and everything read from them.
        try invariant(doc.bytes == bytes && doc.byteCount == bytes.count, "the document's bytes differ from the input")
        let findings = try Walk.document(doc)

        // Looser limits accept whatever the defaults accept.
        let loose: BSONDocument
        do {
            loose = try BSONDocument(fromBSON: bytes, options: BSONValidationOptions(maxDepth: 1024, validateUTF8: false))
        } catch {
            throw InvariantViolation("looser options reject what the defaults accept: \(error)")
        }
        try invariant(loose == doc, "looser options read different bytes")

        // 2. Re-encoding the values.
        let elements = Array(doc)
        let rebuilt: BSONDocument
        do {
            rebuilt = try BSONDocument(elements: elements)
        } catch {
            throw InvariantViolation("re-encoding the values of a valid document failed: \(error)\n\(preview(bytes))")
        }
        if try RawBSON.isCanonical(bytes, deep: false) {
            try invariant(rebuilt == doc, "re-encoded values differ from the input\nin:  \(preview(bytes))\nout: \(preview(rebuilt.bytes))")
        } else {
            try Walk.revalidate(rebuilt)
            let rebuiltIsCanonical = try RawBSON.isCanonical(rebuilt.bytes, deep: false)
            try invariant(rebuiltIsCanonical, "re-encoded values are not canonical BSON\nin:  \(preview(bytes, limit: 4096))\nout: \(preview(rebuilt.bytes, limit: 4096))")
            let again = try? BSONDocument(elements: Array(rebuilt))
            try invariant(again == rebuilt, "re-encoding is not a fixpoint\n\(preview(rebuilt.bytes))")
            try invariant(Compare.documents(rebuilt, doc, .none), "re-encoded values differ from the input's")
        }

        // 2b. An in-place edit one level down gives the bytes of the same edit made by hand.
        try checkNestedEdit(doc)

        // 3 and 4. Extended JSON, both modes.
        let canonical = doc.toCanonicalExtendedJSONString()
        let relaxed = doc.toExtendedJSONString()
        try invariant(relaxed == doc.description, "description is not the relaxed JSON")
        if findings.wrapperFirstKey {
            // The text may read back as another type, but never unsafely.
            try JSONFixpoint.check(canonical, deep: false)
            try JSONFixpoint.check(relaxed, deep: false)
            return
        }

        let fromCanonical = try parse(canonical, "canonical", bytes)
        try invariant(fromCanonical.toCanonicalExtendedJSONString() == canonical,
                      "canonical JSON is not a fixpoint\nfirst:  \(preview(canonical))\nsecond: \(preview(fromCanonical.toCanonicalExtendedJSONString()))")
        try invariant(Compare.documents(doc, fromCanonical, .canonicalJSON),
                      "canonical JSON read back different values\njson: \(preview(canonical))\nin:  \(preview(bytes))\nout: \(preview(fromCanonical.bytes))")
        if !findings.nanOrDecimal, try RawBSON.isCanonical(bytes, deep: true) {
            try invariant(fromCanonical == doc,
                          "canonical JSON read back different bytes\njson: \(preview(canonical))\nin:  \(preview(bytes))\nout: \(preview(fromCanonical.bytes))")
        }

        let fromRelaxed = try parse(relaxed, "relaxed", bytes)
        try invariant(fromRelaxed.toExtendedJSONString() == relaxed,
                      "relaxed JSON is not a fixpoint\nfirst:  \(preview(relaxed))\nsecond: \(preview(fromRelaxed.toExtendedJSONString()))")
        try invariant(Compare.documents(doc, fromRelaxed, .relaxedJSON),
                      "relaxed JSON read back different values\njson: \(preview(relaxed))\nin:  \(preview(bytes))\nout: \(preview(fromRelaxed.bytes))")
    }

    private static func parse(_ json: String, _ mode: String, _ bytes: [UInt8]) throws(InvariantViolation) -> BSONDocument {
        do {
            return try BSONDocument(fromJSON: json)
        } catch {
            throw InvariantViolation("our parser rejects our writer's \(mode) JSON: \(error)\njson: \(preview(json))\nbson: \(preview(bytes))")
        }
    }

    /// A rejection must say where, within the input; bytes refused only for UTF-8 must still
    /// be safe to read with the UTF-8 check off.
    static func checkRejection(_ error: BSONError, _ bytes: [UInt8]) throws(InvariantViolation) {
        guard let offset = error.offset else {
            throw InvariantViolation("validation error without an offset: \(error)")
        }
        try invariant(offset >= 0 && offset <= bytes.count, "error offset \(offset) outside the \(bytes.count)-byte input: \(error)")
        try invariant(error.keyPath.count <= 101, "key path deeper than the depth limit: \(error.keyPath.count)")
        try invariant(!error.description.isEmpty, "empty error description")
        guard error.code == .invalidUTF8 else { return }
        guard let lenient = try? BSONDocument(fromBSON: bytes, options: BSONValidationOptions(validateUTF8: false)) else {
            // Another rule may fail further on; it must not be one the strict pass skipped
            // before its UTF-8 failure, which the strict pass would have reported first.
            return
        }
        _ = try Walk.document(lenient, lenientUTF8: true)
        _ = try? BSONDocument(elements: Array(lenient))
        // Invalid sequences are written as they are and read back as U+FFFD replacements;
        // whatever the parser makes of the text must be valid.
        if let reparsed = try? BSONDocument(fromJSON: lenient.toCanonicalExtendedJSONString()) {
            try Walk.revalidate(reparsed)
        }
        _ = lenient.toExtendedJSONString()
    }
}
