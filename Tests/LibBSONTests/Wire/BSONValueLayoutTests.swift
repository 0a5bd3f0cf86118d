import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The value layout against the writer: for every BSON type, the size the layout reads from
/// the bytes is the number of bytes the writer wrote for the value.
@Suite struct BSONValueLayoutTests {
    /// The elements of a document as (type, offset of the value, offset after it), walked with
    /// the layout.
    static func elements(_ doc: BSONDocument) -> [(type: BSONType, valueAt: Int, end: Int)] {
        doc.withUnsafeBytes { p in
            var result: [(BSONType, Int, Int)] = []
            var pos = 4
            while pos < p.count - 1 {
                let type = BSONType(validated: p[pos])
                let valueAt = ByteScan.cstringEnd(p, pos + 1) + 1
                let end = valueAt + BSONValueLayout.size(p, type, at: valueAt)
                result.append((type, valueAt, end))
                pos = end
            }
            return result
        }
    }

    @Test func sizeOfEveryTypeIsWhatTheWriterWrote() throws {
        let doc = try EveryTypeDocument.build()
        let walked = Self.elements(doc)
        let values = Array(doc)
        #expect(walked.count == values.count)
        #expect(Set(walked.map(\.type)) == Set(BSONType.allCases), "the document holds every type")
        for (element, (key, value)) in zip(walked, values) {
            var writer = BSONByteWriter()
            try writer.appendValue(value)
            #expect(element.end - element.valueAt == writer.count, "\(key): \(element.type)")
            #expect(element.type == value.type)
            if case .fixed(let n) = element.type.layout {
                #expect(n == writer.count && element.type.layout.fixedSize == n, "\(key)")
            } else {
                #expect(element.type.layout.fixedSize == 0, "\(key)")
            }
        }
        // The walk ends exactly on the document's terminator.
        #expect(walked.last?.end == doc.byteCount - 1)
    }

    @Test func lengthPrefixedSizesCountTheirLengthField() {
        #expect(BSONType.string.layout.size(length: 1) == 5)          // "" : length 1, its NUL
        #expect(BSONType.binary.layout.size(length: 3) == 8)          // length, subtype, 3 bytes
        #expect(BSONType.dbPointer.layout.size(length: 1) == 17)      // "" and an ObjectId
        #expect(BSONType.document.layout.size(length: 5) == 5)        // counts itself
        #expect(BSONType.int64.layout.size(length: 99) == 8)          // fixed: the length is not read
        #expect(BSONType.regex.layout == .twoCStrings)
    }

    @Test func typeBytesOfValidatedElements() {
        for type in BSONType.allCases {
            #expect(BSONType(validated: type.rawValue) == type)
        }
        for byte in UInt8.min...UInt8.max {
            #expect(BSONType(typeByte: byte) == BSONType(rawValue: byte), "byte \(byte)")
        }
        // The validator lets no other byte through; were one to reach a reader, it reads as
        // maxKey, a value of no bytes, as the readers always did.
        let known = Set(BSONType.allCases.map(\.rawValue))
        for byte in UInt8.min...UInt8.max where !known.contains(byte) {
            #expect(BSONType(validated: byte) == .maxKey)
        }
    }
}
