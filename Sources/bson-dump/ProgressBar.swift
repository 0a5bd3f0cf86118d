/// A one-line progress bar on stderr for long runs: bytes done out of the total (when the
/// input's size is known) and documents per second.
///
/// It appears only after the run has lasted `delay` seconds (0.5 by default, or the value of
/// the `BSON_DUMP_PROGRESS_DELAY` environment variable, which the tests use), redraws at most
/// ten times a second, and is erased before any message and at the end.
final class ProgressBar {
    private let delay: Double
    private let width: Int
    private let start: Double
    private var lastDraw: Double = 0
    private var calls = 0
    private var bytesAtLastCheck = 0
    private var visible = false
    private let write: (String) -> Void

    init(delay: Double, width: Int = 80, now: Double = Platform.now(), write: @escaping (String) -> Void) {
        self.delay = delay
        self.width = width
        self.start = now
        self.write = write
    }

    /// A progress bar drawn with `write` (to stderr) when stderr is a terminal and `enabled`;
    /// nil otherwise.
    static func forStandardError(enabled: Bool, write: @escaping (String) -> Void) -> ProgressBar? {
        guard enabled, Platform.isTerminal(2) else { return nil }
        let delay = Platform.environment("BSON_DUMP_PROGRESS_DELAY").flatMap(Double.init) ?? 0.5
        return ProgressBar(delay: delay, write: write)
    }

    /// Called after each document; looks at the clock only every 64 documents or 4 MiB.
    func update(bytes: Int, total: Int?, documents: Int) {
        calls += 1
        guard calls % 64 == 0 || bytes - bytesAtLastCheck >= 4 << 20 else { return }
        bytesAtLastCheck = bytes
        let now = Platform.now()
        guard now - start >= delay, now - lastDraw >= 0.1 else { return }
        lastDraw = now
        visible = true
        write("\r" + Self.line(bytes: bytes, total: total, documents: documents, seconds: now - start, width: width) + "\u{1B}[K")
    }

    /// Erases the bar (before a message, and at the end).
    func clear() {
        guard visible else { return }
        visible = false
        write("\r\u{1B}[K")
    }

    /// The bar's text, at most `width - 1` columns:
    /// `[#########...........]  45.1 MB / 100.0 MB  45%  312,000 docs/s`, or without the
    /// bar and total when the size is unknown.
    static func line(bytes: Int, total: Int?, documents: Int, seconds: Double, width: Int) -> String {
        let rate = seconds > 0 ? Int((Double(documents) / seconds).rounded()) : 0
        let rateText = "\(grouped(rate)) docs/s"
        guard let total, total > 0 else {
            return "\(megabytes(bytes)) read  \(grouped(documents)) docs  \(rateText)"
        }
        let fraction = min(1, Double(bytes) / Double(total))
        let numbers = "  \(megabytes(bytes)) / \(megabytes(total))  \(Int(fraction * 100))%  \(rateText)"
        let barWidth = max(10, min(40, width - 1 - numbers.count - 2))
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "]"
        return bar + numbers
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
