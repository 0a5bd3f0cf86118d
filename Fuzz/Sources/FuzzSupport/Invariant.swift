#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks a round-trip invariant. A broken one prints what broke and aborts, so libFuzzer
/// saves the input as a crash file (`crash-<sha1>`) that becomes a regression fixture.
///
/// `fatalError` is not used: the message must reach stderr before the abort in every build.
@inline(__always)
public func invariant(
    _ condition: @autoclosure () -> Bool,
    _ message: @autoclosure () -> String,
    file: StaticString = #fileID,
    line: UInt = #line
) {
    if !condition() {
        invariantFailed(message(), file: file, line: line)
    }
}

/// Reports a broken invariant and aborts.
public func invariantFailed(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    writeToStandardError("\n==== INVARIANT BROKEN (\(file):\(line)) ====\n\(message)\n")
    abort()
}

/// Writes `text` to file descriptor 2, unbuffered.
public func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var done = 0
        while done < bytes.count, let base = bytes.baseAddress {
            let n = write(2, base + done, bytes.count - done)
            if n <= 0 { return }
            done += n
        }
    }
}

/// The fuzzer's input as an array (libFuzzer may pass a null pointer for the empty input).
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
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
