import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The element reader (Wire/BSONElementReader.swift): strings made from document bytes (small
/// ASCII strings built directly, the rest through `String(decoding:as:)`) and the values and
/// keys iteration reads.
@Suite struct BSONElementReaderTests {
    @Test func stringsFromBytesMatchStringDecodingAtEveryOffsetAndLength() {
        // Text kinds: ASCII letters, ASCII with control bytes and NULs (string values may hold
        // NULs), and text with a two-byte character at some position.
        for size in [1, 5, 8, 12, 16, 17, 24, 40, 56] {
            for kind in 0..<3 {
                for special in 0..<size {
                    var bytes = (0..<size).map { UInt8(0x41 + ($0 * 5) % 58) }
                    switch kind {
                    case 1: bytes[special] = [0x00, 0x01, 0x09, 0x7F][special % 4]
                    case 2 where special + 1 < size: bytes[special] = 0xC3; bytes[special + 1] = 0xA9
                    default: break
                    }
                    bytes.withUnsafeBytes { p in
                        for from in 0...size {
                            for to in from...min(size, from + 20) {
                                let slice = Array(bytes[from..<to])
                                // Only valid UTF-8 reaches these functions.
                                guard String(validating: slice, as: UTF8.self) != nil else { continue }
                                let reference = String(decoding: slice, as: UTF8.self)
                                IdenticalStrings.expect(BSONElementReader.string(p, from, to), reference,
                                                     "size \(size), kind \(kind), special \(special), \(from)..<\(to)")
                                IdenticalStrings.expect(BSONElementReader.string(p, from, to, small: false), reference,
                                                     "size \(size), kind \(kind), special \(special), \(from)..<\(to), no small strings")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func iterationGivesBackTheElementsADocumentWasBuiltFrom() throws {
        var rng = SeededRandom(seed: 0xD0C5)
        let alphabet = Array("abcXYZ019_$.-é😀".unicodeScalars)
        for round in 0..<400 {
            var elements: [(key: String, value: BSON)] = []
            for i in 0..<Int.random(in: 0...12, using: &rng) {
                // Keys of every length from 0 to 20, some with non-ASCII characters.
                let length = Int.random(in: 0...20, using: &rng)
                var key = String(String.UnicodeScalarView((0..<length).map { _ in
                    Bool.random(using: &rng) ? alphabet[Int.random(in: 0..<6, using: &rng)] : alphabet.randomElement(using: &rng)!
                }))
                if Int.random(in: 0..<4, using: &rng) == 0 { key += String(i) }
                elements.append((key, RandomDocuments.value(&rng, depth: 0)))
            }
            let doc = try BSONDocument(elements: elements)
            // Through validation, as untrusted bytes are read.
            let read = try BSONDocument(fromBSON: doc.bytes)
            let back = Array(read)
            #expect(back.count == elements.count, "round \(round)")
            for (got, expected) in zip(back, elements) {
                IdenticalStrings.expect(got.key, expected.key, "round \(round)")
                #expect(Self.same(got.value, expected.value), "round \(round): \(got.value) vs \(expected.value)")
            }
            #expect(read.keys == elements.map(\.key), "round \(round)")
        }
    }

    /// BSON equality, except that NaN doubles equal themselves.
    static func same(_ a: BSON, _ b: BSON) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default: return a == b
        }
    }

    @Test func binaryOldSubtypeLosesItsInnerLengthAndBinaryDataIsCopiedExactly() throws {
        for length in [0, 1, 4, 15, 16, 17, 100] {
            let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            for subtype: UInt8 in [0x00, 0x02, 0x80] {
                let doc: BSONDocument = ["b": .binary(BSONBinary(subtype: .init(rawValue: subtype), data: payload))]
                let read = try BSONDocument(fromBSON: doc.bytes)
                guard case .binary(let binary)? = Array(read).first?.value else {
                    Issue.record("no binary for length \(length), subtype \(subtype)")
                    continue
                }
                #expect(binary.subtype.rawValue == subtype)
                #expect(binary.data == payload, "length \(length), subtype \(subtype)")
            }
        }
    }
}
