import Testing
import LibBSON

/// `BSON`: one case per BSON type.
@Suite struct BSONTests {
    /// Each case's `type` is the type byte it is written with.
    @Test func typeIsTheTypeByteTheValueIsWrittenWith() throws {
        let oid = BSONObjectID()
        let values: [BSON] = [
            .double(1), .string("s"), .document(["a": 1]), .array([1]),
            .binary(BSONBinary(subtype: .generic, data: [1])), .undefined, .objectID(oid), .bool(true),
            .datetime(BSONDatetime(millisecondsSinceEpoch: 1)), .null,
            .regex(try BSONRegularExpression(pattern: "a", options: "i")),
            .dbPointer(BSONDBPointer(ref: "c", id: oid)), .code(BSONCode(code: "f()")), .symbol(BSONSymbol("s")),
            .codeWithScope(BSONCodeWithScope(code: "f()", scope: ["x": 1])), .int32(1),
            .timestamp(BSONTimestamp(timestamp: 1, increment: 2)), .int64(1),
            .decimal128(try BSONDecimal128("1.5")), .minKey, .maxKey,
        ]
        #expect(Set(values.map(\.type)) == Set(BSONType.allCases))
        for value in values {
            let doc = try BSONDocument(elements: [(key: "v", value: value)])
            #expect(doc.bytes[4] == value.type.rawValue, "\(value.type)")
            #expect(doc["v"]?.type == value.type)
        }
    }
}
