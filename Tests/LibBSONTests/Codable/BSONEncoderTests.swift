import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// BSONEncoder: exact bytes, integer widths, errors with coding paths.
@Suite struct BSONEncoderTests {
    struct Small: Codable { var a: Int32; var b: String; var c: Bool }

    @Test func writesExactBytes() throws {
        let bytes = try BSONEncoder().encodeBytes(Small(a: 1, b: "x", c: true))
        let expected: [UInt8] = [
            0x19, 0, 0, 0,
            0x10, 0x61, 0, 1, 0, 0, 0,            // "a": int32 1
            0x02, 0x62, 0, 2, 0, 0, 0, 0x78, 0,   // "b": "x"
            0x08, 0x63, 0, 1,                     // "c": true
            0,
        ]
        #expect(bytes == expected)
    }

    @Test func keyOrderFollowsEncodeCalls() throws {
        struct Ordered: Encodable {
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: BSONCodingKey.self)
                for key in ["z", "a", "m", "b"] { try c.encode(key, forKey: BSONCodingKey(stringValue: key)) }
            }
        }
        #expect(try BSONEncoder().encode(Ordered()).keys == ["z", "a", "m", "b"])
    }

    @Test func encodeValueOfScalars() throws {
        let e = BSONEncoder()
        #expect(try e.encodeValue(Int8(3)) == .int32(3))
        #expect(try e.encodeValue(3) == .int64(3))
        #expect(try e.encodeValue(Float(1.5)) == .double(1.5))
        #expect(try e.encodeValue(true) == .bool(true))
        #expect(try e.encodeValue(BSON.minKey) == .minKey)
        #expect(try e.encodeValue(["a", "b"]) == ["a", "b"])
        #expect(try e.encodeValue(Box(value: 1)) == ["value": .int64(1)])
    }

    @Test func topLevelMustBeADocument() throws {
        for attempt in [{ _ = try BSONEncoder().encode(5) }, { _ = try BSONEncoder().encode([1, 2]) }, { _ = try BSONEncoder().encode("s") }] {
            let error = #expect(throws: EncodingError.self) { try attempt() }
            let thrown = try #require(error)
            #expect(CodableTestSupport.encodingContext(thrown)?.debugDescription.contains("needs a value that encodes as a document") == true)
        }
    }

    @Test func keyWithNULIsAnErrorWithItsPath() throws {
        let value = Box(value: ["ok": 1, "bad\u{0}key": 2])
        let error = #expect(throws: EncodingError.self) { try BSONEncoder().encode(value) }
        let thrown = try #require(error)
        let context = try #require(CodableTestSupport.encodingContext(thrown))
        #expect(CodableTestSupport.path(context.codingPath) == ["value", "bad\u{0}key"])
        #expect(context.debugDescription.contains("NUL"))
        #expect(context.underlyingError is BSONError)
    }

    @Test func errorInsideArraysOfStructsNamesTheIndex() throws {
        struct Row: Encodable { var n: UInt64 }
        struct Table: Encodable { var rows: [Row] }
        let error = #expect(throws: EncodingError.self) {
            try BSONEncoder().encode(Table(rows: [Row(n: 1), Row(n: 2), Row(n: .max)]))
        }
        let thrown = try #require(error)
        let context = try #require(CodableTestSupport.encodingContext(thrown))
        #expect(CodableTestSupport.path(context.codingPath) == ["rows", "2", "n"])
    }

    @Test func encoderCanRecoverFromAThrownElement() throws {
        // A type that catches an encoding error and writes something else instead.
        struct Fallback: Encodable {
            enum K: String, CodingKey { case n, m }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: K.self)
                do { try c.encode(UInt64.max, forKey: .n) } catch { try c.encode("too big", forKey: .n) }
                try c.encode(1, forKey: .m)
            }
        }
        let doc = try BSONEncoder().encode(Fallback())
        #expect(doc == ["n": "too big", "m": .int64(1)])
        _ = try BSONDocument(fromBSON: doc.bytes)
    }

    @Test func singleValueContainerHoldsOneValue() throws {
        struct Twice: Encodable {
            func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                try c.encode(1)
                try c.encode(2)
            }
        }
        #expect(throws: EncodingError.self) { try BSONEncoder().encode(Box(value: Twice())) }
    }

    @Test func mixingKeyedAndUnkeyedContainersIsReported() throws {
        struct Mixed: Encodable {
            func encode(to encoder: any Encoder) throws {
                _ = encoder.container(keyedBy: BSONCodingKey.self)
                _ = encoder.unkeyedContainer()
            }
        }
        #expect(throws: EncodingError.self) { try BSONEncoder().encode(Box(value: Mixed())) }
    }

    @Test func containerUsedAfterEncodingFinishedThrows() throws {
        final class Escaper: Encodable, @unchecked Sendable {
            var escaped: KeyedEncodingContainer<BSONCodingKey>?
            func encode(to encoder: any Encoder) throws {
                escaped = encoder.container(keyedBy: BSONCodingKey.self)
            }
        }
        let e = Escaper()
        _ = try BSONEncoder().encode(e)
        #expect(throws: EncodingError.self) { try e.escaped?.encode(1, forKey: BSONCodingKey(stringValue: "late")) }
    }

    @Test func codingPathsSeenByEncodeTo() throws {
        final class Recorder: @unchecked Sendable { var paths: [[String]] = [] }
        struct Probe: Encodable {
            let recorder: Recorder
            func encode(to encoder: any Encoder) throws {
                recorder.paths.append(CodableTestSupport.path(encoder.codingPath))
                var c = encoder.singleValueContainer()
                try c.encode(1)
            }
        }
        struct Outer: Encodable { var list: [Box<Probe>]; var map: [String: Probe] }
        let recorder = Recorder()
        _ = try BSONEncoder().encode(Outer(list: [Box(value: Probe(recorder: recorder))], map: ["k": Probe(recorder: recorder)]))
        #expect(recorder.paths == [["list", "0", "value"], ["map", "k"]])
    }

    @Test func manyNestedDocumentsStayValid() throws {
        struct Node: Codable, Equatable { var depth: Int; var child: [Node] }
        var node = Node(depth: 0, child: [])
        for d in 1...45 { node = Node(depth: d, child: [node, Node(depth: -d, child: [])]) }
        let doc = try BSONEncoder().encode(node)
        _ = try BSONDocument(fromBSON: doc.bytes)
        #expect(try BSONDecoder().decode(Node.self, from: doc) == node)
        // Many siblings: exercises the bookkeeping of finished documents.
        let wide = Box(value: (0..<5000).map { Box(value: [$0]) })
        #expect(try CodableTestSupport.roundTrip(wide) == wide)
    }
}
