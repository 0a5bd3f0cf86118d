import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The word-at-a-time ASCII and NUL scans against byte-by-byte references.
@Suite struct ByteScanTests {
    // MARK: Byte scans

    /// Byte-by-byte reference for ByteScan.isASCII.
    static func referenceIsASCII(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        bytes[start..<end].allSatisfy { $0 < 0x80 }
    }

    @Test func isASCIIMatchesAByteLoopForEveryRangeAndPosition() {
        // Buffers of several sizes, so that ranges touch both edges (where the scan cannot read
        // a whole word past the range) and the middle.
        for size in [1, 2, 7, 8, 9, 15, 16, 17, 24, 41, 48] {
            for bad in [-1] + Array(0..<size) {
                for high: UInt8 in [0x80, 0xFF, 0xC3] where bad >= 0 || high == 0x80 {
                    var bytes = (0..<size).map { UInt8(0x20 + $0 % 0x5F) }
                    if bad >= 0 { bytes[bad] = high }
                    bytes.withUnsafeBytes { p in
                        for start in 0...size {
                            for end in start...size {
                                let got = ByteScan.isASCII(p.baseAddress!, from: start, to: end, count: size)
                                #expect(got == Self.referenceIsASCII(bytes, start, end),
                                        "size \(size), byte \(bad) = \(high), range \(start)..<\(end)")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func cstringScanFindsTheFirstNULAndReportsASCII() {
        for size in [1, 2, 7, 8, 9, 15, 16, 17, 33, 40] {
            for nul in [-1] + Array(0..<size) {
                for bad in [-1] + Array(0..<size) {
                    var bytes = (0..<size).map { UInt8(0x41 + $0 % 26) }
                    if bad >= 0 { bytes[bad] = 0x80 | UInt8(bad % 0x7F) }
                    if nul >= 0 { bytes[nul] = 0 }
                    // A second NUL further on must not be the one reported.
                    if nul >= 0, nul + 3 < size { bytes[nul + 3] = 0 }
                    bytes.withUnsafeBytes { p in
                        for start in 0...size {
                            let (end, isASCII) = ByteScan.cstring(p.baseAddress!, from: start, count: size)
                            let expectedEnd = bytes[start...].firstIndex(of: 0) ?? size
                            #expect(end == expectedEnd, "size \(size), NUL \(nul), start \(start)")
                            #expect(isASCII == Self.referenceIsASCII(bytes, start, expectedEnd),
                                    "size \(size), NUL \(nul), byte \(bad), start \(start)")
                        }
                    }
                }
            }
        }
    }
}
