import Testing
@testable import LibBSON

/// Small ASCII strings made straight from their bytes (Wire/SmallASCIIString.swift): used
/// where the standard library's layout is the one checked, indistinguishable from the strings
/// `String(decoding:as:)` makes, and never made for text that is too long or not ASCII.
@Suite struct SmallASCIIStringTests {
    @Test func smallASCIIStringsAreUsedOnThisPlatform() {
        #if _pointerBitWidth(_64) && _endian(little)
        #expect(SmallASCIIString.isAvailable)
        #endif
        #expect(SmallASCIIString.selfCheck() == SmallASCIIString.isAvailable)
    }

    /// Every length from 0 to 15 at every offset of a buffer holding every ASCII byte
    /// (NUL and control bytes included), up to its very end, where a whole word cannot be read.
    @Test func madeStringsAreTheStandardLibrarysAtEveryOffsetAndLength() {
        let bytes = (0..<150).map { UInt8(($0 * 7) % 128) }
        var made = 0
        bytes.withUnsafeBytes { p in
            for from in 0...p.count {
                for to in from...min(p.count, from + SmallASCIIString.capacity) {
                    guard let string = SmallASCIIString.make(p, from, to, isAvailable: SmallASCIIString.isAvailable) else {
                        #expect(!SmallASCIIString.isAvailable, "\(from)..<\(to) was not made")
                        continue
                    }
                    IdenticalStrings.expect(string, String(decoding: bytes[from..<to], as: UTF8.self), "\(from)..<\(to)")
                    made += 1
                }
            }
        }
        #expect(made == (SmallASCIIString.isAvailable ? 151 * 16 - (15 * 16) / 2 : 0))
    }

    /// Sixteen bytes or more, a byte of 0x80 or above anywhere, or a platform without the
    /// layout: no small string (the caller falls back to `String(decoding:as:)`).
    @Test func longOrNonASCIITextIsNotMade() {
        let ascii = Array("0123456789abcdefghij".utf8)
        ascii.withUnsafeBytes { p in
            for to in 16...p.count {
                #expect(SmallASCIIString.make(p, 0, to, isAvailable: SmallASCIIString.isAvailable) == nil, "\(to) bytes")
            }
            #expect(SmallASCIIString.make(p, 0, 5, isAvailable: false) == nil)
        }
        for count in 1...15 {
            for position in 0..<count {
                var text = Array(ascii.prefix(count))
                text[position] = 0x80 | text[position]
                text.withUnsafeBytes { p in
                    #expect(SmallASCIIString.make(p, 0, count, isAvailable: SmallASCIIString.isAvailable) == nil,
                            "byte \(position) of \(count) is not ASCII")
                }
            }
        }
    }
}
