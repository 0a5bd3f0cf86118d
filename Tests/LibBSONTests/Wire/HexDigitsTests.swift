import Testing
@testable import LibBSON
import LibBSONTestSupport

/// Hexadecimal digits as bytes (Wire/HexDigits.swift): every byte value read as a digit or
/// refused, and bytes written as lower-case pairs.
@Suite struct HexDigitsTests {
    @Test func everyByteIsADigitOfEitherCaseOrNothing() {
        let digits = Array("0123456789abcdef".utf8), upper = Array("0123456789ABCDEF".utf8)
        for byte in UInt8.min...UInt8.max {
            let expected = digits.firstIndex(of: byte) ?? upper.firstIndex(of: byte)
            #expect(HexDigits.value(byte) == expected.map(UInt8.init), "byte \(byte)")
        }
    }

    @Test func bytesAreWrittenAsLowerCasePairs() throws {
        let all = Array(UInt8.min...UInt8.max)
        let text = HexDigits.encode(all)
        #expect(text == Hex.encode(all).lowercased())
        #expect(try Hex.decode(text) == all)
        #expect(HexDigits.encode([] as [UInt8]) == "")
        #expect(HexDigits.encode([0x0A, 0xF0][...]) == "0af0")
    }
}
