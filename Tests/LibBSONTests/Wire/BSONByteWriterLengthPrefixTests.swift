import Testing
@testable import LibBSON

/// Length-prefixed regions (Wire/BSONByteWriter+LengthPrefix.swift): the one place that
/// reserves a length field, lets the body be written and patches the field.
@Suite struct BSONByteWriterLengthPrefixTests {
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

    /// A string element whose length field would overflow Int32 is refused before any byte is
    /// written (checked without allocating 2 GiB: the check is on the UTF-8 count).
    @Test func patchLengthRefusesPast2GiB() {
        var w = BSONByteWriter(capacity: 16)
        let start = w.beginDocument()
        #expect(throws: BSONError.self) { try w.patchLength(at: start, length: Int(Int32.max) + 1) }
        #expect((try? w.patchLength(at: start, length: Int(Int32.max))) != nil)
    }
}
