import LibBSON

/// One run of bson-dump: reads every frame, validates it, renders it and writes it, and
/// decides what each kind of bad input means.
///
/// - A broken frame (bad size, truncated document, trailing bytes, read error) stops the run.
/// - An invalid document is reported and skipped, or stops the run when `stopAtInvalid`
///   (`--objcheck`) is set.
/// - Each document's text is built in full before any of it is written; the output is
///   flushed before a message goes to stderr, so messages follow the documents before them.
struct DumpSession {
    let reader: BSONReader
    /// Where documents are written; nil when only counting.
    let output: BSONOutput?
    let format: BSONDocumentFormat
    let stopAtInvalid: Bool
    let verbosity: Int
    let console: Console

    func run() -> DumpSummary {
        var summary = DumpSummary()
        documents: while true {
            let frame: BSONFrame
            do throws(BSONError) {
                guard let next = try reader.readFrame() else { break documents }
                frame = next
            } catch {
                flushBeforeMessage(&summary)
                console.error(Self.brokenFrameMessage(error))
                summary.brokenStream = true
                break documents
            }
            summary.found += 1
            if verbosity >= 2 {
                console.note("bson-dump: document \(frame.index + 1) at byte \(frame.offset): \(frame.bytes.count) bytes")
            }
            let document: BSONDocument
            do throws(BSONError) {
                document = try frame.document(options: reader.options)
            } catch {
                summary.failed += 1
                flushBeforeMessage(&summary)
                console.error(Self.invalidDocumentMessage(error, frame: frame, stopping: stopAtInvalid))
                if stopAtInvalid || summary.outputError != nil { break documents }
                console.progress(bytes: reader.offset, total: reader.totalByteCount, documents: summary.found)
                continue documents
            }
            if let output {
                do throws(BSONError) {
                    try output.write(format.render(document))
                } catch {
                    report(outputError: error, &summary)
                    break documents
                }
            }
            console.progress(bytes: reader.offset, total: reader.totalByteCount, documents: summary.found)
        }
        if let output, summary.outputError == nil {
            do throws(BSONError) {
                try output.close()
            } catch {
                report(outputError: error, &summary)
            }
        }
        console.finishProgress()
        return summary
    }

    private func flushBeforeMessage(_ summary: inout DumpSummary) {
        guard let output, summary.outputError == nil else { return }
        do throws(BSONError) {
            try output.flush()
        } catch {
            report(outputError: error, &summary)
        }
    }

    private func report(outputError error: BSONError, _ summary: inout DumpSummary) {
        summary.outputError = error
        console.error("bson-dump: cannot write the output: \(error.reason)")
    }

    /// "cannot read document 4 at byte 165: document size 3 is below the minimum of 5"
    static func brokenFrameMessage(_ error: BSONError) -> String {
        let number = (error.documentIndex ?? 0) + 1
        let at = error.offset.map { " at byte \($0)" } ?? ""
        return "bson-dump: cannot read document \(number)\(at): \(error.reason)"
    }

    /// "document 3 at byte 120 is invalid: invalid UTF-8 in string at byte 135 (key path: name); skipped it"
    static func invalidDocumentMessage(_ error: BSONError, frame: BSONFrame, stopping: Bool) -> String {
        var text = "bson-dump: document \(frame.index + 1) at byte \(frame.offset) is invalid: \(error.reason)"
        if let offset = error.offset { text += " at byte \(offset)" }
        if !error.keyPath.isEmpty { text += " (key path: \(error.keyPathString))" }
        text += stopping ? "; stopping (--objcheck)" : "; skipped it"
        return text
    }
}
