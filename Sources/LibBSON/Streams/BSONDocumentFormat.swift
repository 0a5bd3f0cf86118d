/// A text form for dumping documents, one after the other, as `bson-dump` prints them.
///
/// ```swift
/// let format = BSONDocumentFormat.extendedJSON(.canonical, pretty: false)
/// let line = format.render(doc)   // {"name":"Ada"}\n
/// ```
public enum BSONDocumentFormat: Sendable, Hashable {
    /// Extended JSON v2 in `mode`, compact on one line, or indented with tabs when `pretty`
    /// (the layout of `bsondump --pretty`).
    case extendedJSON(ExtendedJSONMode, pretty: Bool)
    /// The structure of the document: its size, and each element's key, type number and
    /// size, recursing into embedded documents and arrays (the layout of
    /// `bsondump --type debug`).
    case debug

    /// The document's text, ending with a newline, built in full before it is returned.
    public func render(_ document: BSONDocument) -> [UInt8] {
        switch self {
        case .extendedJSON(let mode, let pretty):
            var writer = ExtendedJSONWriter(mode: mode, capacity: document.byteCount * 2 + 16)
            writer.writeDocument(document)
            var out = pretty ? ExtendedJSONIndenter.indent(writer.out) : writer.out
            out.append(UInt8(ascii: "\n"))
            return out
        case .debug:
            var out: [UInt8] = []
            out.reserveCapacity(document.byteCount * 4)
            BSONDebugPrinter.print(document, into: &out)
            return out
        }
    }
}
