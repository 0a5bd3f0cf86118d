import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The UTF-8 check against a byte-exact reference and against Foundation.
@Suite struct UTF8ValidationTests {
    // MARK: UTF-8

    /// Sequences placed at every position of ASCII text of every length from 1 to 40.
    static let sequences: [[UInt8]] = [
        // Valid.
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80], [0xED, 0x9F, 0xBF],
        [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF],
        [0xF4, 0x8F, 0xBF, 0xBF], [0x7F], [0x00],
        // Lone continuation bytes and bytes that never start a sequence.
        [0x80], [0xBF], [0xC0], [0xC1], [0xF5], [0xF8], [0xFC], [0xFE], [0xFF],
        // Overlong forms.
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0x80],
        [0xF0, 0x8F, 0xBF, 0xBF],
        // Surrogates and code points above U+10FFFF.
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF7, 0xBF, 0xBF, 0xBF],
        // Truncated sequences and bad continuations.
        [0xC2], [0xE0, 0xA0], [0xE1], [0xF0, 0x90, 0x80], [0xF1, 0x80], [0xF4],
        [0xC2, 0x41], [0xE1, 0x80, 0x41], [0xF1, 0x80, 0x80, 0x41], [0xE1, 0xC0, 0x80],
    ]

    @Test func utf8CheckAgreesWithTheByteExactReferenceEverywhere() {
        var checked = 0
        for length in 1...40 {
            for sequence in Self.sequences {
                for position in 0..<length {
                    // ASCII text of `length` bytes with the sequence written over it at `position`
                    // (cut off at the end of the text, which makes more truncated sequences).
                    var text = (0..<length).map { UInt8(0x61 + $0 % 26) }
                    for (k, b) in sequence.enumerated() where position + k < length { text[position + k] = b }
                    // Surrounding bytes, as inside a document: a length before, a NUL after.
                    for padding in [0, 1, 4, 9] {
                        let bytes = [UInt8](repeating: 0x41, count: padding) + text + [0] + [UInt8](repeating: 0xC3, count: padding)
                        bytes.withUnsafeBytes { p in
                            let got = UTF8Validation.firstInvalid(p, from: padding, to: padding + length)
                            let expected = ReferenceUTF8Validation.firstInvalid(p, from: padding, to: padding + length)
                            #expect(got == expected, "length \(length), sequence \(sequence) at \(position), padding \(padding)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 100_000)
    }

    @Test func utf8CheckAgreesWithFoundationOnRandomBytes() {
        var rng = SeededRandom(seed: 0x5EED)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...48, using: &rng)
            // Mostly ASCII with a few high bytes, so that valid and invalid text both occur.
            let bytes = (0..<length).map { _ -> UInt8 in
                Int.random(in: 0..<8, using: &rng) == 0 ? UInt8.random(in: 0x80...0xFF, using: &rng) : UInt8.random(in: 0...0x7F, using: &rng)
            }
            bytes.withUnsafeBytes { p in
                let got = UTF8Validation.firstInvalid(p, from: 0, to: length)
                #expect(got == ReferenceUTF8Validation.firstInvalid(p, from: 0, to: length), "\(bytes)")
                #expect((got == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            }
        }
    }
}
