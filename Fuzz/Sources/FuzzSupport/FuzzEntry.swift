#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LibBSONTestSupport

/// Runs one fuzz input through an invariant check (from `LibBSONTestSupport`, shared with the
/// tests). A broken invariant is printed and aborts, so libFuzzer saves the input as a crash
/// file (`crash-<sha1>`) that becomes a regression fixture.
///
/// `fatalError` is not used: the message must reach stderr before the abort in every build.
public func fuzzCheck(_ data: UnsafePointer<UInt8>?, _ size: Int,
                      _ check: ([UInt8]) throws(InvariantViolation) -> Void) -> CInt {
    do {
        try check(fuzzInput(data, size))
    } catch {
        writeToStandardError("\n==== INVARIANT BROKEN (\(error.file):\(error.line)) ====\n\(error.message)\n")
        abort()
    }
    return 0
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
func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
