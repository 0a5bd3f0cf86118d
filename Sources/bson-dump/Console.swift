import ArgumentParser
import LibBSON

/// Everything bson-dump writes to stderr: messages, and the progress bar when there is one.
///
/// Messages are written at once (stderr is unbuffered), after clearing the progress line so
/// the two never mix.
final class Console {
    private let standardError: StandardError
    private let progressBar: ProgressBar?

    /// A console whose progress bar is shown when `showsProgress` and stderr is a terminal.
    init(showsProgress: Bool) {
        let standardError = StandardError()
        self.standardError = standardError
        progressBar = ProgressBar.forStandardError(enabled: showsProgress, write: standardError.write)
    }

    /// An error message (printed even with --quiet).
    func error(_ line: String) {
        write(line)
    }

    /// Opens an input or output; when `open` fails, says why and exits with status 1.
    func opening<T>(_ open: () throws(BSONError) -> T) throws(ExitCode) -> T {
        do {
            return try open()
        } catch {
            self.error("bson-dump: \(error.reason)")
            throw ExitCode.failure
        }
    }

    /// An informational line (the caller decides whether --quiet hides it).
    func note(_ line: String) {
        write(line)
    }

    func progress(bytes: Int, total: Int?, documents: Int) {
        progressBar?.update(bytes: bytes, total: total, documents: documents)
    }

    func finishProgress() {
        progressBar?.clear()
    }

    private func write(_ line: String) {
        progressBar?.clear()
        standardError.write(line + "\n")
    }
}
