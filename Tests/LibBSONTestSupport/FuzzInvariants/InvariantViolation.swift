/// A broken round-trip invariant: what broke and where it is checked.
///
/// The invariant checks (``BSONRoundTrip``, ``JSONFixpoint``, ``CodableRoundTrip``,
/// ``ReaderCheck``) throw it; each caller decides what a violation means. The fuzz targets in
/// `Fuzz/` print it and abort, so libFuzzer saves the input as a crash file that becomes a
/// regression fixture; the tests record it as an issue and go on with the next input.
public struct InvariantViolation: Error, CustomStringConvertible {
    /// What broke, with previews of the inputs involved.
    public let message: String
    /// The check that failed (`Module/File.swift`).
    public let file: StaticString
    public let line: UInt

    public init(_ message: String, file: StaticString = #fileID, line: UInt = #line) {
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { "INVARIANT BROKEN (\(file):\(line))\n\(message)" }
}

/// Checks a round-trip invariant: throws an ``InvariantViolation`` with `message` when
/// `condition` is false.
@inline(__always)
public func invariant(
    _ condition: @autoclosure () -> Bool,
    _ message: @autoclosure () -> String,
    file: StaticString = #fileID,
    line: UInt = #line
) throws(InvariantViolation) {
    if !condition() {
        throw InvariantViolation(message(), file: file, line: line)
    }
}

/// A short, printable preview of bytes for invariant messages.
public func preview(_ bytes: some Collection<UInt8>, limit: Int = 256) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes.prefix(limit) {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    let more = bytes.count > limit ? "… (\(bytes.count) bytes)" : " (\(bytes.count) bytes)"
    return String(decoding: out, as: UTF8.self) + more
}

/// A short preview of text for invariant messages.
public func preview(_ text: String, limit: Int = 600) -> String {
    text.utf8.count > limit ? String(decoding: text.utf8.prefix(limit), as: UTF8.self) + "… (\(text.utf8.count) bytes)" : text
}
