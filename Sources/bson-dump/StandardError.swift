import LibBSON

/// bson-dump's standard error: each text is written out at once (stderr is unbuffered), through
/// the library's `BSONOutput`, which retries interrupted and short writes. A failed write is
/// ignored: there is nowhere left to report it.
final class StandardError {
    private let output = BSONOutput(fileDescriptor: 2, closeWhenDone: false)

    func write(_ text: String) {
        try? output.write(Array(text.utf8))
        try? output.flush()
    }
}
