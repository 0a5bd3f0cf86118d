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

    // MARK: Hostile use

    /// Inserting nothing into a writer whose buffer was taken (nil base) is a no-op. Before
    /// the fix, `insert` called `extend(by: 0)` first, which unwraps the nil base: a trap in
    /// debug builds, a null pointer in release. (Checked in a child process so that a trap
    /// fails this test and not the run.)
    @Test func emptyInsertIntoATakenWriterDoesNotTrap() async {
        await #expect(processExitsWith: .success) {
            var source = BSONByteWriter(capacity: 16)
            let taken = BSONByteWriter.take(&source)
            source.insert(contentsOf: [], at: 0)
            precondition(source.count == 0)
            _ = consume taken
        }
    }

    /// A writer whose buffer was taken behaves as an empty one.
    @Test func emptyInsertIntoATakenWriter() {
        var source = BSONByteWriter(capacity: 16)
        var taken = BSONByteWriter.take(&source)
        #expect(source.count == 0)
        #expect(source.toArray() == [])
        #expect(source.toArray(0..<0) == [])
        source.removeSubrange(0..<0)
        source.removeSubrange(0...)
        source.withUnsafeBytes { #expect($0.count == 0) }
        // And a non-empty insert into it allocates.
        source.insert(contentsOf: [1, 2], at: 0)
        source.insert(contentsOf: [0], at: 0)
        #expect(source.toArray() == [0, 1, 2])
        taken.append(9)
        #expect(taken.toArray() == [9])
    }

    /// Growth while inserting in the middle keeps the tail and the inserted bytes.
    @Test func insertThatGrowsTheBuffer() {
        var w = BSONByteWriter(capacity: 16)
        w.append(contentsOf: [UInt8](0..<16))
        let piece = [UInt8](repeating: 0xAA, count: 1_000)
        w.insert(contentsOf: piece, at: 3)
        #expect(w.toArray() == [0, 1, 2] + piece + [UInt8](3..<16))
        w.removeSubrange(3..<1_003)
        #expect(w.toArray() == [UInt8](0..<16))
    }

    /// Index keys at every decimal width, including Int.max.
    @Test func indexKeysAtEveryWidth() {
        var value = 0
        var w = BSONByteWriter(capacity: 1)
        for digits in 1...19 {
            value = digits == 1 ? 9 : (value &* 10 &+ 9)
            if digits == 19 { value = Int.max }
            w.removeSubrange(0...)
            w.appendIndexKey(value)
            #expect(w.toArray() == Array(String(value).utf8) + [0])
        }
    }
}
