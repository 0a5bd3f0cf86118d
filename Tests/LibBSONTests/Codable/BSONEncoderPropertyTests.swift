import Foundation
import PropertyBased
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// Property-based round trips (x-sheep/swift-property-based): generated values survive
/// encode -> validate -> decode under every strategy, and number decoding is exact.
@Suite struct BSONEncoderPropertyTests {
    struct Scalars: Codable, Equatable {
        var i8: Int8, i16: Int16, i32: Int32, i64: Int64, u32: UInt32, u64: UInt64
        var d: Double, f: Float, b: Bool, s: String
    }

    struct Rich: Codable, Equatable {
        var date: Date
        var uuid: UUID
        var data: Data
        var maybe: Int?
        var words: [String]
        var counts: [String: Int]
        var grid: [[Int16]]
        var nested: [Rich]?
    }

    /// Any Unicode scalar but the surrogate range (which is not one), NUL included.
    static let character = Gen<Character>.oneOf(
        Gen.character(in: "\u{0}"..."\u{7F}").eraseToAnySequence(),
        Gen.character(in: "\u{80}"..."\u{D7FF}").eraseToAnySequence(),
        Gen.character(in: "\u{E000}"..."\u{10FFFF}").eraseToAnySequence())
    static let text = character.string(of: 0...12)
    static let key = Gen.letterOrNumber.string(of: 0...8)

    static let scalars = zip(
        Gen.int8(), Gen.int16(), Gen.int32(), Gen.int64(), Gen.uint32(), Gen.uint64(in: 0...UInt64(Int64.max)),
        Gen.double(in: -1e300...1e300),
        Gen.float(in: -1e38...1e38), Gen.bool, text
    ).map { Scalars(i8: $0, i16: $1, i32: $2, i64: $3, u32: $4, u64: $5, d: $6, f: $7, b: $8, s: $9) }

    /// Millisecond-precision dates over years 0000 to 9999 (what every strategy holds exactly).
    static let date = Gen.int64(in: -62_167_219_200_000...253_402_300_799_999).map { DateConversion.date(milliseconds: $0) }
    static let uuid = zip(Gen.uint64(), Gen.uint64()).map { a, b -> UUID in
        var t: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &t) { raw in
            withUnsafeBytes(of: (a, b)) { raw.copyMemory(from: $0) }
        }
        return UUID(uuid: t)
    }
    static let bytes = Gen<UInt8>.value(in: 0...255).array(of: 0...24).map { Data($0) }

    static let rich = zip(
        date, uuid, bytes, Gen.int().optional, text.array(of: 0...4),
        zip(key, Gen.int()).array(of: 0...4).map { Dictionary($0, uniquingKeysWith: { a, _ in a }) },
        Gen.int16().array(of: 0...3).array(of: 0...3),
        zip(date, uuid, bytes).array(of: 0...2)
    ).map { date, uuid, data, maybe, words, counts, grid, children in
        Rich(date: date, uuid: uuid, data: data, maybe: maybe, words: words, counts: counts, grid: grid,
             nested: children.isEmpty ? nil : children.map {
                 Rich(date: $0.0, uuid: $0.1, data: $0.2, maybe: nil, words: [], counts: [:], grid: [], nested: nil)
             })
    }

    /// One options value per strategy family, all matched for round trips.
    static let optionSets: [BSONCoderOptions] = {
        var all: [BSONCoderOptions] = [BSONCoderOptions()]
        var o = BSONCoderOptions()
        o.dateEncodingStrategy = .iso8601; o.dateDecodingStrategy = .iso8601
        o.uuidEncodingStrategy = .string; o.uuidDecodingStrategy = .string
        o.dataEncodingStrategy = .base64; o.dataDecodingStrategy = .base64
        o.keyEncodingStrategy = .convertToSnakeCase; o.keyDecodingStrategy = .convertFromSnakeCase
        o.nilEncodingStrategy = .writeNull
        all.append(o)
        o = BSONCoderOptions()
        o.dateEncodingStrategy = .millisecondsSince1970; o.dateDecodingStrategy = .millisecondsSince1970
        o.integerEncodingStrategy = .smallestThatFits
        all.append(o)
        o = BSONCoderOptions()
        o.dateEncodingStrategy = .secondsSince1970; o.dateDecodingStrategy = .secondsSince1970
        o.keyEncodingStrategy = .custom { BSONCodingKey(stringValue: "x" + ($0.last?.stringValue ?? "")) }
        o.keyDecodingStrategy = .custom { BSONCodingKey(stringValue: String(($0.last?.stringValue ?? "").dropFirst())) }
        all.append(o)
        return all
    }()

    @Test func scalarStructsRoundTrip() async {
        await propertyCheck(count: 300, input: Self.scalars) { value throws in
            for options in Self.optionSets {
                #expect(try CodableTestSupport.roundTrip(value, options: options) == value)
            }
        }
    }

    @Test func richStructsRoundTripUnderEveryStrategy() async {
        await propertyCheck(count: 200, input: Self.rich) { value throws in
            for options in Self.optionSets {
                #expect(try CodableTestSupport.roundTrip(value, options: options) == value)
            }
        }
    }

    @Test func arraysAndDictionariesAsBSONValues() async {
        await propertyCheck(count: 200, input: Gen.int32().array(of: 0...5).array(of: 0...4), zip(Self.key, Self.text).array(of: 0...5)) { grid, pairs throws in
            #expect(try CodableTestSupport.valueRoundTrip(grid) == grid)
            let dict = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
            #expect(try CodableTestSupport.valueRoundTrip(dict) == dict)
            #expect(try CodableTestSupport.roundTrip(dict) == dict)
        }
    }

    @Test func unsignedStrategiesHoldEveryUInt64() async {
        var bitPattern = BSONCoderOptions()
        bitPattern.unsignedIntegerStrategy = .int64BitPattern
        var decimal = BSONCoderOptions()
        decimal.unsignedIntegerStrategy = .decimal128
        await propertyCheck(count: 300, input: Gen.uint64()) { n throws in
            #expect(try CodableTestSupport.roundTrip(Box(value: n), options: bitPattern).value == n)
            #expect(try CodableTestSupport.roundTrip(Box(value: n), options: decimal).value == n)
            if n > UInt64(Int64.max) {
                #expect(throws: EncodingError.self) { try BSONEncoder().encode(Box(value: n)) }
            }
        }
    }

    /// Decoding a number succeeds exactly when the conversion is exact, with the exact value.
    @Test func numberDecodingIsExactOrThrows() async {
        let number = Gen<BSON>.oneOf(
            Gen.int32().map { BSON.int32($0) }.eraseToAnySequence(),
            Gen.int64().map { BSON.int64($0) }.eraseToAnySequence(),
            Gen.int64(in: -300...300).map { BSON.int64($0) }.eraseToAnySequence(),
            Gen.double(in: -1e20...1e20).map { BSON.double($0) }.eraseToAnySequence(),
            Gen.int32(in: -70_000...70_000).map { BSON.double(Double($0)) }.eraseToAnySequence())
        await propertyCheck(count: 500, input: number) { value in
            func check<T: Decodable & Equatable>(_ type: T.Type, _ exact: T?) {
                let decoded = try? BSONDecoder().decode(Box<T>.self, from: ["value": value]).value
                #expect(decoded == exact, "\(value) as \(T.self)")
            }
            switch value {
            case .int32(let v):
                check(Int8.self, Int8(exactly: v)); check(UInt16.self, UInt16(exactly: v)); check(Int.self, Int(exactly: v))
                check(Double.self, Double(exactly: v)); check(Float.self, Float(exactly: v))
            case .int64(let v):
                check(Int8.self, Int8(exactly: v)); check(Int32.self, Int32(exactly: v)); check(UInt64.self, UInt64(exactly: v))
                check(Double.self, Double(exactly: v)); check(Float.self, Float(exactly: v))
            case .double(let v):
                check(Int16.self, Int16(exactly: v)); check(Int.self, Int(exactly: v)); check(UInt.self, UInt(exactly: v))
                check(Double.self, v); check(Float.self, Float(exactly: v))
            default:
                Issue.record("unexpected \(value)")
            }
        }
    }

    /// Generated documents of every BSON type embedded as BSONDocument and BSON fields come
    /// back byte for byte.
    @Test func generatedDocumentsPassThroughUnchanged() async {
        struct Carrier: Codable { var doc: BSONDocument; var values: [BSON]; var any: BSON? }
        await propertyCheck(count: 300, input: Gen.uint64()) { seed throws in
            var rng = SeededRandom(seed: seed)
            let doc = RandomDocuments.document(&rng)
            let values = Array(RandomDocuments.document(&rng).values)
            // An optional BSON holding .null reads back as nil (as with JSONDecoder), so leave it out.
            let generated = RandomDocuments.value(&rng, depth: 0)
            // (Not `cond ? generated : nil`: BSON is ExpressibleByNilLiteral, so that nil is .null.)
            var any: BSON?
            if Bool.random(using: &rng), !generated.isNull { any = generated }
            let encoded = try BSONEncoder().encode(Carrier(doc: doc, values: values, any: any))
            _ = try BSONDocument(fromBSON: encoded.bytes)
            #expect(encoded["doc"] == .document(doc))
            let back = try BSONDecoder().decode(Carrier.self, from: encoded.bytes)
            #expect(back.doc.bytes == doc.bytes)
            #expect(try BSONEncoder().encode(back) == encoded, "\(encoded)")
            // Compared as bytes: NaN is not equal to itself.
            #expect(try back.any.map { try BSONDocument(elements: [(key: "v", value: $0)]) }
                    == any.map { try BSONDocument(elements: [(key: "v", value: $0)]) })
        }
    }
}
