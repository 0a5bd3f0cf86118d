import Foundation
import LibBSON

/// Documents the tests send; the mock server builds the same ones with its own encoder
/// (scripts/bsongen.py) and compares bytes.
enum TestDocuments {
    /// All 21 BSON types, nested: the same document as `every_type_document()` in
    /// Tests/MockServer/mock_server.py, built here with the library's builder.
    static func everyType() throws -> BSONDocument {
        try BSONDocument { doc in
            try doc.append("_id", .objectID(BSONObjectID("5f1e2d3c4b5a697887960504")))
            try doc.append("double", .double(1.5))
            try doc.append("string", .string("h\u{e9}llo \u{1F600}"))
            try doc.appendDocument("document") { sub in
                try sub.append("a", .int32(1))
                try sub.appendDocument("b") { try $0.append("c", "deep") }
            }
            try doc.append("array", .array([.int32(1), "two", .document(["three": .double(3)]), .array([.int32(4)])]))
            try doc.append("binary", .binary(BSONBinary(subtype: .uuid, data: Array(0..<16))))
            try doc.append("undefined", .undefined)
            try doc.append("objectID", .objectID(BSONObjectID("000102030405060708090a0b")))
            try doc.append("bool", .bool(true))
            try doc.append("datetime", .datetime(BSONDatetime(millisecondsSinceEpoch: 1_700_000_000_123)))
            try doc.append("null", .null)
            try doc.append("regex", .regex(BSONRegularExpression(pattern: "ab+c", options: "im")))
            try doc.append("dbPointer", .dbPointer(BSONDBPointer(ref: "shop.orders", id: BSONObjectID("0102030405060708090a0b0c"))))
            try doc.append("code", .code(BSONCode(code: "function () { return 1; }")))
            try doc.append("symbol", .symbol(BSONSymbol("sym")))
            try doc.append("codeWithScope", .codeWithScope(BSONCodeWithScope(code: "x + y", scope: ["x": .int32(1), "y": .int64(2)])))
            try doc.append("int32", .int32(-7))
            try doc.append("timestamp", .timestamp(BSONTimestamp(timestamp: 1_700_000_000, increment: 5)))
            try doc.append("int64", .int64(9_007_199_254_740_993))
            try doc.append("decimal128", .decimal128(BSONDecimal128("1234.5678")))
            try doc.append("minKey", .minKey)
            try doc.append("maxKey", .maxKey)
        }
    }

    /// The 36 documents of Fixtures/sample.bson (every type, realistic shapes), read and
    /// validated with the library's stream reader.
    static func sample() throws -> [BSONDocument] {
        let reader = try BSONReader(path: MockServer.repositoryRoot.appendingPathComponent("Fixtures/sample.bson").path)
        defer { try? reader.close() }
        var documents: [BSONDocument] = []
        while let document = try reader.readDocument() { documents.append(document) }
        return documents
    }
}
