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

    // MARK: Length-prefixed regions

    /// The length fields the one region helper patches: strings count what follows the field,
    /// binary data what follows the subtype, documents and code-with-scope themselves.
    @Test func lengthFieldsCountWhatTheirRegionCounts() throws {
        func written(_ value: BSON) throws -> [UInt8] {
            var writer = BSONByteWriter()
            try writer.appendValue(value)
            return writer.toArray()
        }
        func field(_ bytes: [UInt8], _ at: Int) -> Int { bytes.withUnsafeBytes { $0.length(at: at) } }

        let string = try written(.string("hé"))
        #expect(string == [4, 0, 0, 0, 0x68, 0xC3, 0xA9, 0])
        let binary = try written(.binary(BSONBinary(subtype: .init(rawValue: 0x80), data: [1, 2, 3])))
        #expect(binary == [3, 0, 0, 0, 0x80, 1, 2, 3])
        let old = try written(.binary(BSONBinary(subtype: .binaryOld, data: [9, 9])))
        #expect(old == [6, 0, 0, 0, 0x02, 2, 0, 0, 0, 9, 9])
        let scope: BSONDocument = ["x": .int32(1)]
        let cws = try written(.codeWithScope(BSONCodeWithScope(code: "f", scope: scope)))
        #expect(field(cws, 0) == cws.count)
        #expect(field(cws, 4) == 2 && Array(cws[8..<10]) == [0x66, 0])
        #expect(Array(cws[10...]) == scope.bytes)
        let array = try written(.array([.int32(7), .null]))
        #expect(array == [5 + 7 + 3, 0, 0, 0, 0x10, 0x30, 0, 7, 0, 0, 0, 0x0A, 0x31, 0, 0])
        let pointer = try written(.dbPointer(BSONDBPointer(ref: "a.b", id: try BSONObjectID("57e193d7a9cc81b4027498b6"))))
        #expect(field(pointer, 0) == 4 && pointer.count == 4 + 4 + 12)
    }

    @Test func regionsBegunAndEndedByHandNest() throws {
        var writer = BSONByteWriter()
        let outer = writer.beginLengthPrefixed()
        writer.append(0xEE)
        let inner = writer.beginLengthPrefixed()
        writer.append(contentsOf: [1, 2, 3] as [UInt8])
        try writer.endLengthPrefixed(inner, countedFrom: inner + 4, .binary)
        try writer.endLengthPrefixed(outer, countedFrom: outer, .document)
        #expect(writer.toArray() == [12, 0, 0, 0, 0xEE, 3, 0, 0, 0, 1, 2, 3])
    }

    /// Each region names itself when it outgrows its Int32 field (checked without writing
    /// 2 GiB: the patch is given the length).
    @Test func regionsPast2GiBSayWhatOverflowed() {
        var writer = BSONByteWriter()
        let field = writer.beginLengthPrefixed()
        let tooLong = Int(Int32.max) + 1
        for (region, message) in [(BSONLengthPrefixed.document, "a BSON document cannot exceed 2 GiB (\(tooLong) bytes)"),
                                  (.string, "a BSON string cannot exceed 2 GiB"),
                                  (.binary, "binary data cannot exceed 2 GiB")] {
            do {
                try writer.patchLength(at: field, length: tooLong, region)
                Issue.record("\(region) past 2 GiB was accepted")
            } catch let error as BSONError {
                #expect(error.code == .sizeLimitExceeded)
                #expect(error.reason == message)
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(writer.toArray() == [0, 0, 0, 0], "a refused patch writes nothing")
    }
}
