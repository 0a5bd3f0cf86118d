import Testing
@testable import bson_dump

/// The progress line on stderr: its layout with and without a known total, its delay, and how
/// it is erased.
@Suite struct ProgressBarTests {
    /// A known total shows a bar, both sizes, a percentage and docs/s.
    @Test func knownTotalShowsBarSizesPercentageAndRate() {
        let line = ProgressBar.line(bytes: 45 * 1_048_576, total: 100 * 1_048_576, documents: 90_000,
                                    seconds: 0.5, width: 80)
        #expect(line.hasPrefix("["))
        #expect(line.contains("45.0 MB / 100.0 MB"))
        #expect(line.contains("45%"))
        #expect(line.contains("180,000 docs/s"))
        #expect(line.count <= 79)
        let bar = line.prefix { $0 != "]" }
        let percent = bar.filter { $0 == "#" }.count * 100 / (bar.count - 1)
        #expect((42...45).contains(percent), "bar filled to \(percent)%")
    }

    /// An unknown total (a pipe) shows bytes and documents only.
    @Test func unknownTotalShowsBytesAndDocumentsOnly() {
        #expect(ProgressBar.line(bytes: 1_572_864, total: nil, documents: 1234, seconds: 2, width: 80)
            == "1.5 MB read  1,234 docs  617 docs/s")
    }

    /// Draws only after the delay, and clears with an escape sequence.
    @Test func drawsOnlyAfterTheDelayAndClears() {
        final class Sink { var text = "" }
        let sink = Sink()
        let bar = ProgressBar(delay: 0, now: 0) { sink.text += $0 }
        for i in 1...64 { bar.update(bytes: i * 100, total: 6400, documents: i) }
        #expect(sink.text.hasPrefix("\r["))
        #expect(sink.text.contains("100%"))
        bar.clear()
        #expect(sink.text.hasSuffix("\r\u{1B}[K"))

        let silent = Sink()
        let late = ProgressBar(delay: 3600, now: Platform.now()) { silent.text += $0 }
        for i in 1...640 { late.update(bytes: i, total: 640, documents: i) }
        late.clear()
        #expect(silent.text.isEmpty)
    }

}
