import LibBSON

/// What a run found, for the closing line and the exit status.
struct DumpSummary: CustomStringConvertible {
    /// Documents framed (valid or not).
    var found = 0
    /// Documents that were invalid.
    var failed = 0
    /// True when a broken frame or a read error ended the stream early.
    var brokenStream = false
    /// Set when writing the output failed.
    var outputError: BSONError?

    var succeeded: Bool { failed == 0 && !brokenStream && outputError == nil }

    /// bsondump's closing line: "N objects found", plus ", M failed" when some were invalid.
    var description: String {
        failed > 0 ? "\(found) objects found, \(failed) failed" : "\(found) objects found"
    }
}
