import Foundation
import Testing
@testable import LibBSON

/// BSONDecoder: exact number conversions, errors with coding paths, key lookup.
@Suite struct BSONDecoderTests {
    private func decode<T: Decodable>(_ type: T.Type, _ value: BSON) throws -> T {
        try BSONDecoder().decode(Box<T>.self, from: ["value": value]).value
    }

    private func error<T: Decodable>(_ type: T.Type, _ value: BSON) -> DecodingError? {
        do {
            _ = try decode(T.self, value)
            return nil
        } catch {
            return error as? DecodingError
        }
    }

    @Test func numbersThatConvertExactlyAreAccepted() throws {
        #expect(try decode(Int.self, .int32(5)) == 5)
        #expect(try decode(Int.self, .double(5)) == 5)
        #expect(try decode(Int8.self, .int64(-128)) == -128)
        #expect(try decode(UInt8.self, .double(255)) == 255)
        #expect(try decode(Int32.self, .int64(Int64(Int32.max))) == .max)
        #expect(try decode(UInt64.self, .int64(.max)) == UInt64(Int64.max))
        #expect(try decode(Double.self, .int32(-7)) == -7)
        #expect(try decode(Double.self, .int64(1 << 53)) == 9_007_199_254_740_992)
        #expect(try decode(Float.self, .double(0.5)) == 0.5)
        #expect(try decode(Float.self, .double(.infinity)) == .infinity)
        #expect(try decode(Float.self, .double(.nan)).isNaN)
        #expect(try decode(Double.self, .double(-0.0)).sign == .minus)
    }

    @Test func lossyNumbersAreErrors() throws {
        let cases: [(any Decodable.Type, BSON, String)] = [
            (Int.self, .double(1.5), "Expected Int but found double 1.5, which does not convert to Int exactly"),
            (Int8.self, .int32(300), "Expected Int8 but found int 300, which does not convert to Int8 exactly"),
            (UInt.self, .int32(-1), "Expected UInt but found int -1, which does not convert to UInt exactly"),
            (Int32.self, .int64(1 << 40), "Expected Int32 but found long 1099511627776, which does not convert to Int32 exactly"),
            (Int.self, .double(.nan), "Expected Int but found double {\"$numberDouble\":\"NaN\"}, which does not convert to Int exactly"),
            (Double.self, .int64((1 << 53) + 1), "Expected Double but found long 9007199254740993, which does not convert to Double exactly"),
            (Float.self, .double(0.1), "Expected Float but found double 0.1, which does not convert to Float exactly"),
        ]
        for (type, value, message) in cases {
            func check<T: Decodable>(_ t: T.Type) {
                guard case .dataCorrupted(let context) = error(T.self, value) else {
                    Issue.record("\(T.self) from \(value) did not throw dataCorrupted")
                    return
                }
                #expect(context.debugDescription == message)
                #expect(CodableTestSupport.path(context.codingPath) == ["value"])
            }
            check(type)
        }
    }

    @Test func typeMismatchSaysWhatWasExpectedAndFound() throws {
        guard case .typeMismatch(let type, let context) = error(Int.self, "12") else {
            Issue.record("no typeMismatch")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(Int.self))
        #expect(context.debugDescription == "Expected an integer (int32, int64, double or decimal128) but found string \"12\"")
        guard case .typeMismatch(_, let c2) = error(String.self, .int32(1)) else { Issue.record("no typeMismatch"); return }
        #expect(c2.debugDescription == "Expected String but found int 1")
        guard case .typeMismatch(_, let c3) = error(Bool.self, .int32(1)) else { Issue.record("no typeMismatch"); return }
        #expect(c3.debugDescription == "Expected Bool but found int 1")
        guard case .typeMismatch(_, let c4) = error(BSONObjectID.self, "x") else { Issue.record("no typeMismatch"); return }
        #expect(c4.debugDescription == "Expected an ObjectId but found string \"x\"")
        guard case .typeMismatch(_, let c5) = error([Int].self, ["a": 1]) else { Issue.record("no typeMismatch"); return }
        #expect(c5.debugDescription == "Expected an array but found document")
    }

    @Test func nullForANonOptionalIsValueNotFound() throws {
        guard case .valueNotFound(let type, let context) = error(String.self, .null) else {
            Issue.record("no valueNotFound")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(String.self))
        #expect(context.debugDescription == "Expected String but found null")
        #expect(try decode(String?.self, .null) == nil)
    }

    struct Order: Codable, Equatable {
        struct Line: Codable, Equatable { var sku: String; var quantity: Int }
        var id: Int
        var lines: [Line]
        var note: String?
    }

    @Test func errorsCarryTheFullCodingPath() throws {
        let doc: BSONDocument = ["id": 1, "lines": [["sku": "a", "quantity": 1], ["sku": "b", "quantity": "two"]]]
        do {
            _ = try BSONDecoder().decode(Order.self, from: doc)
            Issue.record("no error")
        } catch let error as DecodingError {
            let context = try #require(CodableTestSupport.context(error))
            #expect(CodableTestSupport.path(context.codingPath) == ["lines", "1", "quantity"])
        }
        do {
            _ = try BSONDecoder().decode(Order.self, from: ["id": 1, "lines": [["sku": "a"]]])
            Issue.record("no error")
        } catch DecodingError.keyNotFound(let key, let context) {
            #expect(key.stringValue == "quantity")
            #expect(CodableTestSupport.path(context.codingPath) == ["lines", "0"])
            #expect(context.debugDescription == "No value for key \"quantity\"")
        }
    }

    @Test func keyNotFoundNamesTheConvertedDocumentKey() throws {
        var options = BSONCoderOptions()
        options.keyDecodingStrategy = .convertFromSnakeCase
        struct P: Decodable { var firstName: String }
        do {
            _ = try BSONDecoder(options: options).decode(P.self, from: ["firstName": "x"])
            Issue.record("no error")
        } catch DecodingError.keyNotFound(_, let context) {
            #expect(context.debugDescription == "No value for key \"firstName\" (document key \"first_name\")")
        }
    }

    @Test func unkeyedContainerPastTheEnd() throws {
        struct Pair: Decodable {
            var a: Int, b: Int
            init(from decoder: any Decoder) throws {
                var c = try decoder.unkeyedContainer()
                #expect(c.count == 1)
                a = try c.decode(Int.self)
                b = try c.decode(Int.self)
            }
        }
        do {
            _ = try decode(Pair.self, [1])
            Issue.record("no error")
        } catch DecodingError.valueNotFound(_, let context) {
            #expect(CodableTestSupport.path(context.codingPath) == ["value", "1"])
            #expect(context.debugDescription == "Expected Int but the array has only 1 elements")
        }
    }

    @Test func invalidBytesAreDataCorruptedWithTheBSONError() throws {
        var bytes = try BSONEncoder().encodeBytes(Order(id: 1, lines: [], note: nil))
        bytes[bytes.count - 1] = 1
        do {
            _ = try BSONDecoder().decode(Order.self, from: bytes)
            Issue.record("no error")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.underlyingError is BSONError)
            #expect(context.debugDescription.hasPrefix("The given data is not valid BSON"))
        }
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Order.self, from: Data([1, 2, 3])) }
        // Validation limits come from the options.
        var options = BSONCoderOptions()
        options.validationOverride = BSONValidationOptions(maxDepth: 1)
        let deep = try BSONEncoder().encodeBytes(Box(value: Box(value: Box(value: 1))))
        #expect(throws: DecodingError.self) { try BSONDecoder(options: options).decode(Box<Box<Box<Int>>>.self, from: deep) }
    }

    @Test func keysInAnyOrderAndMissingOptionals() throws {
        struct Many: Codable, Equatable {
            var k0: Int, k1: Int, k2: Int, k3: Int?, k4: Int, k5: String?
        }
        // Reverse order, extra keys, a missing optional and an explicit null.
        let doc: BSONDocument = ["extra": true, "k4": 4, "k2": 2, "k1": 1, "k5": .null, "k0": 0]
        #expect(try BSONDecoder().decode(Many.self, from: doc) == Many(k0: 0, k1: 1, k2: 2, k3: nil, k4: 4, k5: nil))
    }

    @Test func largeDocumentsUseTheHashIndex() throws {
        var elements: [(key: String, value: BSON)] = []
        for i in 0..<500 { elements.append(("key\(i)", .int32(Int32(i)))) }
        let doc = try BSONDocument(elements: elements.shuffled())
        let dict = try BSONDecoder().decode([String: Int].self, from: doc)
        #expect(dict.count == 500)
        #expect(dict["key499"] == 499)
        // Random access order, through a keyed container.
        struct Picker: Decodable {
            var values: [Int] = []
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: BSONCodingKey.self)
                for i in stride(from: 499, through: 0, by: -7) {
                    values.append(try c.decode(Int.self, forKey: BSONCodingKey(stringValue: "key\(i)")))
                }
                #expect(!c.contains(BSONCodingKey(stringValue: "key500")))
                #expect(c.allKeys.count == 500)
            }
        }
        #expect(try BSONDecoder().decode(Picker.self, from: doc).values == Array(stride(from: 499, through: 0, by: -7)))
    }

    @Test func duplicateKeysTheFirstWins() throws {
        var doc = BSONDocument()
        for (k, v) in [("a", 1), ("b", 2), ("a", 3)] { try doc.append(key: k, value: .int32(Int32(v))) }
        struct AB: Decodable { var b: Int; var a: Int }
        #expect(try BSONDecoder().decode(AB.self, from: doc).a == 1)
        var big = BSONDocument()
        for i in 0..<30 { try big.append(key: "k\(i % 15)", value: .int32(Int32(i))) }
        let dict = try BSONDecoder().decode([String: Int].self, from: big)
        #expect(dict["k3"] == 3 || dict["k3"] == 18)
        struct K3: Decodable { var k14: Int; var k3: Int }
        #expect(try BSONDecoder().decode(K3.self, from: big).k3 == 3)
    }

    @Test func decodeFromBytesDataAndValue() throws {
        let order = Order(id: 9, lines: [Order.Line(sku: "s", quantity: 2)], note: "n")
        let doc = try BSONEncoder().encode(order)
        #expect(try BSONDecoder().decode(Order.self, from: doc.bytes) == order)
        #expect(try BSONDecoder().decode(Order.self, from: doc.toData()) == order)
        #expect(try BSONDecoder().decode(Order.self, from: BSON.document(doc)) == order)
        #expect(try BSONDecoder().decode([Int].self, from: BSON.array([1, 2])) == [1, 2])
        #expect(try BSONDecoder().decode(String.self, from: BSON.string("s")) == "s")
        #expect(try BSONDecoder().decode(BSON.self, from: BSON.maxKey) == .maxKey)
    }

    /// An array literal passed as `from:` is a BSON array. Before issue 14 it chose the
    /// `[UInt8]` overload, was read as the BSON bytes 1, 2, 3 and threw at run time.
    @Test func anArrayLiteralIsReadAsABSONArrayNotAsBytes() throws {
        #expect(try BSONDecoder().decode([Int].self, from: [1, 2, 3]) == [1, 2, 3])
        #expect(try BSONDecoder().decode([String].self, from: ["a", "b"]) == ["a", "b"])
        #expect(try BSONDecoder().decode([Int].self, from: []) == [])
        // The bytes of an empty document, written as an untyped literal, are an array too.
        #expect(try BSONDecoder().decode([Int].self, from: [5, 0, 0, 0, 0]) == [5, 0, 0, 0, 0])
    }

    /// Every other literal is the `BSON` value it spells, with the result the document form gives.
    @Test func dictionaryAndScalarLiteralsAreReadAsBSONValues() throws {
        let order = Order(id: 1, lines: [Order.Line(sku: "s", quantity: 2)], note: nil)
        #expect(try BSONDecoder().decode(Order.self, from: ["id": 1, "lines": [["sku": "s", "quantity": 2]]]) == order)
        #expect(try BSONDecoder().decode(String.self, from: "s") == "s")
        #expect(try BSONDecoder().decode(Double.self, from: 2.5) == 2.5)
        #expect(try BSONDecoder().decode(Int?.self, from: nil) == nil)
    }

    /// `[UInt8]` values (a variable, a literal of typed elements, or `as [UInt8]`) and `Data`
    /// are validated and read as BSON bytes.
    @Test func byteValuesAreReadAsBSONBytes() throws {
        let empty: [UInt8] = [5, 0, 0, 0, 0]
        #expect(try BSONDecoder().decode([String: Int].self, from: empty) == [:])
        #expect(try BSONDecoder().decode([String: Int].self, from: [5, 0, 0, 0, 0] as [UInt8]) == [:])
        #expect(try BSONDecoder().decode([String: Int].self, from: [UInt8(5), 0, 0, 0, 0]) == [:])
        #expect(try BSONDecoder().decode([String: Int].self, from: Data(empty)) == [:])
        do {
            _ = try BSONDecoder().decode([Int].self, from: [1, 2, 3] as [UInt8])
            Issue.record("three bytes read as a document")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.underlyingError is BSONError, "the bytes were validated")
        }
    }

    @Test func symbolsReadAsStrings() throws {
        #expect(try decode(String.self, .symbol(BSONSymbol("sym"))) == "sym")
    }

    @Test func superDecoderOfAMissingKeyReadsNull() throws {
        struct S: Decodable {
            var isNull: Bool
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: BSONCodingKey.self)
                isNull = try c.superDecoder().singleValueContainer().decodeNil()
            }
        }
        #expect(try BSONDecoder().decode(S.self, from: ["x": 1]).isNull)
    }
}
