import LibBSON

/// A document of all 21 BSON types (deprecated ones included) with nested documents and
/// arrays, built in Swift: `peer_build_every_type` (Tests/CInteropPeer/peer.c) builds the
/// same document in C with `bson_append_*`, element for element.
enum EveryTypeDocument {
    static func build() throws -> BSONDocument {
        try BSONDocument { doc in
            try doc.append("double", .double(1.25))
            try doc.append("negzero", .double(-0.0))
            try doc.append("nan", .double(Double(bitPattern: 0x7FF8_0000_0000_0123)))
            try doc.append("string", .string("héllo\u{0}wörld"))
            try doc.append("empty", .string(""))
            try doc.appendDocument("doc") { child in
                try child.append("k", "v")
                try child.appendDocument("n") { try $0.append("deep", .int32(7)) }
            }
            try doc.appendArray("array") { array in
                try array.append(.int32(1))
                try array.append("two")
                try array.appendDocument { try $0.append("three", .int32(3)) }
                try array.appendArray { _ in }
            }
            try doc.append("binary", .binary(BSONBinary(subtype: .init(rawValue: 0x80), data: [1, 2, 3])))
            try doc.append("old", .binary(BSONBinary(subtype: .binaryOld, data: [9, 9])))
            try doc.append("uuid", .binary(BSONBinary(subtype: .init(rawValue: 0x04), data: [
                0x73, 0xFF, 0xD2, 0x64, 0x44, 0xB3, 0x4C, 0x69, 0x90, 0xE8, 0xE7, 0xD1, 0xDF, 0xC0, 0x35, 0xD4,
            ])))
            try doc.append("nobytes", .binary(BSONBinary(subtype: .init(rawValue: 0x00), data: [])))
            try doc.append("undefined", .undefined)
            try doc.append("oid", .objectID(try BSONObjectID("57e193d7a9cc81b4027498b5")))
            try doc.append("true", .bool(true))
            try doc.append("false", .bool(false))
            try doc.append("date", .datetime(BSONDatetime(millisecondsSinceEpoch: .min)))
            try doc.append("null", .null)
            try doc.append("regex", .regex(try BSONRegularExpression(pattern: "a+b", options: "xi")))
            try doc.append("dbptr", .dbPointer(BSONDBPointer(ref: "db.coll", id: try BSONObjectID("57e193d7a9cc81b4027498b6"))))
            try doc.append("code", .code(BSONCode(code: "function () { return 1; }")))
            try doc.append("symbol", .symbol(BSONSymbol("sym")))
            try doc.append("cws", .codeWithScope(BSONCodeWithScope(code: "g(x)", scope: ["x": .int32(1), "s": "scoped"])))
            try doc.append("int32", .int32(.min))
            try doc.append("ts", .timestamp(BSONTimestamp(timestamp: .max, increment: 1)))
            try doc.append("int64", .int64(.max))
            try doc.append("dec", .decimal128(BSONDecimal128(low: 0x3E8, high: 0x3026_0000_0000_0000)))
            try doc.append("min", .minKey)
            try doc.append("max", .maxKey)
        }
    }
}
