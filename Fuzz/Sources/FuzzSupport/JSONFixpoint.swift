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
    public static func check(_ text: String, deep: Bool) {
        let length = text.utf8.count
        let doc: BSONDocument
        do {
            doc = try BSONDocument(fromJSON: text)
        } catch let error as BSONError {
            guard let offset = error.offset else {
                invariantFailed("parse error without an offset: \(error)\ntext: \(preview(text))")
            }
            invariant(offset >= 0 && offset <= length, "parse error offset \(offset) outside the \(length)-byte text: \(error)")
            invariant(!error.description.isEmpty, "empty error description")
            return
        } catch {
            invariantFailed("the parser threw a non-BSONError: \(error)")
        }

        // 1. Well-formed output.
        Walk.revalidate(doc)

        // 2. Canonical round trip.
        let canonical = doc.toCanonicalExtendedJSONString()
        let again: BSONDocument
        do {
            again = try BSONDocument(fromJSON: canonical)
        } catch {
            invariantFailed("canonical JSON of a parsed document does not parse: \(error)\ntext: \(preview(text))\ncanonical: \(preview(canonical))")
        }
        invariant(again == doc,
                  "canonical JSON does not read back the same bytes\ntext: \(preview(text))\ncanonical: \(preview(canonical))\nfirst:  \(preview(doc.bytes))\nsecond: \(preview(again.bytes))")
        invariant(again.toCanonicalExtendedJSONString() == canonical, "canonical JSON is not a fixpoint")

        // 3. Relaxed round trip.
        let relaxed = doc.toExtendedJSONString()
        do {
            let fromRelaxed = try BSONDocument(fromJSON: relaxed)
            invariant(fromRelaxed.toExtendedJSONString() == relaxed,
                      "relaxed JSON is not a fixpoint\ntext: \(preview(text))\nfirst:  \(preview(relaxed))\nsecond: \(preview(fromRelaxed.toExtendedJSONString()))")
            invariant(Compare.documents(doc, fromRelaxed, .relaxedJSON),
                      "relaxed JSON read back different values\ntext: \(preview(text))\nrelaxed: \(preview(relaxed))")
        } catch {
            invariantFailed("relaxed JSON of a parsed document does not parse: \(error)\ntext: \(preview(text))\nrelaxed: \(preview(relaxed))")
        }

        // 4. Everything the BSON target checks.
        if deep { BSONRoundTrip.check(doc.bytes) }
    }
}
