import Testing
import LibBSON

/// The array builder (Builder/BSONArrayBuilder.swift): values written in order, keyed by
/// their index, nested levels in place.
@Suite struct BSONArrayBuilderTests {
    @Test func arrayByteCountAndAHugeCapacityHint() throws {
        // The hint is clamped: this must not try to reserve Int.max bytes.
        let doc = try BSONDocument(capacity: .max) { b in
            try b.appendArray("a") { a in
                #expect(a.byteCount == 5)
                try a.append(.int32(1))     // type + "0\0" + 4 bytes
                #expect(a.byteCount == 12)
            }
        }
        #expect(doc == ["a": [.int32(1)]])
    }

    @Test func arrayIndexKeysPastNineAndPastAHundred() throws {
        let values = (0..<1_234).map { BSON.int32(Int32($0)) }
        let doc = try BSONDocument { b in
            try b.appendArray("a") { a in for v in values { try a.append(v) } }
        }
        #expect(doc == ["a": .array(values)])
        // Keys are the decimal indexes, in order (the validator does not require that, so check it).
        guard case .array = doc["a"], let inner = doc["a"].flatMap({ _ in
            doc.withUnsafeBytes { p -> [String]? in
                var keys: [String] = []
                var pos = 4 + 1 + 2 + 4    // length, type, "a\0", inner length
                while p[pos] != 0 {
                    pos += 1
                    let start = pos
                    while p[pos] != 0 { pos += 1 }
                    keys.append(String(decoding: UnsafeRawBufferPointer(rebasing: p[start..<pos]), as: UTF8.self))
                    pos += 1 + 4
                }
                return keys
            }
        }) else {
            Issue.record("no array")
            return
        }
        #expect(inner == (0..<1_234).map(String.init))
    }

    /// Values, embedded documents and nested arrays share one index sequence, and `count` is
    /// the next index.
    @Test func nestedLevelsTakeTheNextIndex() throws {
        let doc = try BSONDocument { b in
            try b.appendArray("a") { a in
                #expect(a.count == 0)
                try a.append("zero")
                try a.appendDocument { try $0.append("one", .int32(1)) }
                try a.appendArray { inner in
                    try inner.append(.null)
                    #expect(inner.count == 1)
                }
                #expect(a.count == 3)
            }
        }
        #expect(doc.bytes == (["a": .array(["zero", .document(["one": .int32(1)]), .array([.null])])] as BSONDocument).bytes)
    }

    /// A value that throws leaves no index behind: the next value takes its place.
    @Test func aThrowingNestedValueLeavesNoGap() throws {
        struct Stop: Error {}
        let doc = try BSONDocument { b in
            try b.appendArray("a") { a in
                try a.append(.int32(0))
                #expect(throws: Stop.self) { try a.appendDocument { try $0.append("x", .null); throw Stop() } }
                #expect(a.count == 1)
                try a.append(.int32(1))
            }
        }
        #expect(doc == ["a": [.int32(0), .int32(1)]])
    }
}
