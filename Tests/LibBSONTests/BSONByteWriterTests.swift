import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The writer's own bookkeeping: it owns raw memory, so every move of bytes is checked here
/// against a plain array doing the same.
@Suite struct BSONByteWriterTests {
    @Test func growsFromEmptyAndKeepsEveryByte() {
        var source = BSONByteWriter(capacity: 64)
        var writer = BSONByteWriter.take(&source)
        #expect(source.count == 0)
        var expected: [UInt8] = []
        for i in 0..<10_000 {
            let byte = UInt8(truncatingIfNeeded: i &* 31)
            writer.append(byte)
            expected.append(byte)
        }
        #expect(writer.toArray() == expected)
        // The emptied writer can be written to (it allocates on first use).
        source.append(7)
        #expect(source.toArray() == [7])
    }

    @Test func insertAndRemoveMatchAnArray() {
        var rng = SeededRandom(seed: 0x5EED)
        var writer = BSONByteWriter(capacity: 1)
        var expected: [UInt8] = []
        for step in 0..<2_000 {
            let n = Int(rng.next() % 40)
            let piece = (0..<n).map { UInt8(truncatingIfNeeded: $0 &+ step) }
            switch rng.next() % 4 {
            case 0:
                writer.append(contentsOf: piece)
                expected.append(contentsOf: piece)
            case 1:
                let at = Int(rng.next() % UInt64(expected.count + 1))
                writer.insert(contentsOf: piece, at: at)
                expected.insert(contentsOf: piece, at: at)
            case 2:
                let a = Int(rng.next() % UInt64(expected.count + 1))
                let b = a + Int(rng.next() % UInt64(expected.count - a + 1))
                writer.removeSubrange(a..<b)
                expected.removeSubrange(a..<b)
            default:
                if expected.count > 100 {
                    let at = expected.count - 50
                    writer.removeSubrange(at...)
                    expected.removeSubrange(at...)
                }
            }
            #expect(writer.count == expected.count)
        }
        #expect(writer.toArray() == expected)
        if expected.count > 3 {
            #expect(writer.toArray(1..<3) == Array(expected[1..<3]))
            writer[2] = 0xAB
            #expect(writer[2] == 0xAB)
        }
    }

    @Test func fixedWidthValuesAreLittleEndian() throws {
        var writer = BSONByteWriter()
        let start = writer.beginDocument()
        writer.appendInt32(0x0102_0304)
        writer.appendInt64(-2)
        writer.appendUInt64(0x0A0B_0C0D_0E0F_1011)
        try writer.appendString("hé")
        writer.appendCString("x")
        writer.appendIndexKey(7)
        writer.appendIndexKey(1_234_567)
        try writer.endDocument(start)
        let bytes = writer.toArray()
        #expect(bytes.count == 45)
        #expect(Array(bytes[0..<4]) == [45, 0, 0, 0])
        #expect(bytes[44] == 0)
        #expect(Array(bytes[4..<8]) == [4, 3, 2, 1])
        #expect(Array(bytes[8..<16]) == [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Array(bytes[16..<24]) == [0x11, 0x10, 0x0F, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A])
        #expect(Array(bytes[24..<32]) == [4, 0, 0, 0, 0x68, 0xC3, 0xA9, 0])
        #expect(Array(bytes[32..<34]) == [0x78, 0])
        #expect(Array(bytes[34..<36]) == [0x37, 0])
        #expect(Array(bytes[36..<44]) == Array("1234567".utf8) + [0])
    }

    @Test func keyWithNULLeavesNothingBehind() {
        var writer = BSONByteWriter()
        writer.append(1)
        #expect(throws: BSONError.self) { try writer.appendKey("a\u{0}b") }
        #expect(writer.toArray() == [1])
        #expect(throws: BSONError.self) { try writer.appendKey("\u{0}") }
        #expect(writer.toArray() == [1])
        #expect(throws: Never.self) { try writer.appendKey("") }
        #expect(writer.toArray() == [1, 0])
    }
}
