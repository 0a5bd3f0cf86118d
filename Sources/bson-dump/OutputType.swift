import ArgumentParser

/// The `--type` option: what bson-dump prints for each document.
enum OutputType: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Extended JSON, one document per line.
    case json
    /// The document's structure: sizes and types of every element.
    case debug
}
