import LibBSON

/// The text bson-dump prints for each document, as MongoDB's `bsondump` prints it.
///
/// ```swift
/// let format = BSONDocumentFormat.extendedJSON(.canonical, pretty: false)
/// let line = format.render(doc)   // {"name":"Ada"}\n
/// ```
enum BSONDocumentFormat: Sendable, Hashable {
    /// Extended JSON v2 in `mode`, compact on one line, or indented with tabs when `pretty`
    /// (the layout of `bsondump --pretty`).
    case extendedJSON(ExtendedJSONMode, pretty: Bool)
    /// The structure of the document: its size, and each element's key, type number and
    /// size, recursing into embedded documents and arrays (the layout of
    /// `bsondump --type debug`).
    case debug

    /// The document's text, ending with a newline, built in full before it is returned.
    func render(_ document: BSONDocument) -> [UInt8] {
        switch self {
        case .extendedJSON(let mode, let pretty):
            let compact = document.toExtendedJSONBytes(mode: mode)
            var out = pretty ? ExtendedJSONIndenter.indent(compact) : compact
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
