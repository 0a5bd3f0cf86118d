import Foundation
import Testing
@testable import LibBSON

/// The integer-width table (Codable/BSONIntegerWidth.swift): every Swift integer type, both strategies, both directions.
@Suite struct BSONIntegerWidthTests {
    struct Widths: Codable, Equatable {
        var i8: Int8, i16: Int16, i32: Int32, i64: Int64, i: Int
        var u8: UInt8, u16: UInt16, u32: UInt32, u64: UInt64, u: UInt
        var f: Float, d: Double
    }

    static let widths = Widths(i8: -8, i16: -16, i32: -32, i64: -64, i: -1, u8: 8, u16: 16, u32: 32, u64: 64, u: 1, f: 0.5, d: 0.25)

    @Test func integerWidthsBySwiftTypeByDefault() throws {
        let doc = try BSONEncoder().encode(Self.widths)
        #expect(doc.map(\.value.type) == [.int32, .int32, .int32, .int64, .int64, .int32, .int32, .int64, .int64, .int64, .double, .double])
        #expect(try CodableTestSupport.roundTrip(Self.widths) == Self.widths)
        let extremes = Widths(i8: .min, i16: .max, i32: .min, i64: .max, i: .min, u8: .max, u16: .max, u32: .max,
                              u64: UInt64(Int64.max), u: UInt(Int64.max), f: .greatestFiniteMagnitude, d: -.infinity)
        #expect(try CodableTestSupport.roundTrip(extremes) == extremes)
    }

    @Test func integerWidthsSmallestThatFits() throws {
        let o = coderOptions { $0.integerEncodingStrategy = .smallestThatFits }
        let doc = try BSONEncoder(options: o).encode(Self.widths)
        #expect(doc.map(\.value.type) == [.int32, .int32, .int32, .int32, .int32, .int32, .int32, .int32, .int32, .int32, .double, .double])
        let big = Box(value: [Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min) - 1])
        #expect(try BSONEncoder(options: o).encode(big) == ["value": [.int32(.max), .int64(2_147_483_648), .int64(-2_147_483_649)]])
        #expect(try CodableTestSupport.roundTrip(Self.widths, options: o) == Self.widths)
    }

    @Test func unsignedAboveInt64MaxIsAnErrorByDefault() throws {
        struct U: Codable { var count: UInt64 }
        let error = #expect(throws: EncodingError.self) { try BSONEncoder().encode(Box(value: [U(count: .max)])) }
        let thrown = try #require(error)
        let context = try #require(CodableTestSupport.encodingContext(thrown))
        #expect(CodableTestSupport.path(context.codingPath) == ["value", "0", "count"])
        #expect(context.debugDescription.hasPrefix("18446744073709551615 does not fit in a BSON int64"))
        #expect(throws: EncodingError.self) { try BSONEncoder().encode(Box(value: UInt(Int64.max) + 1)) }
        // Negative values never decode into unsigned types by default.
        #expect(throws: DecodingError.self) { try BSONDecoder().decode(Box<UInt64>.self, from: ["value": .int64(-1)]) }
    }

    @Test func unsignedAsInt64BitPattern() throws {
        let o = coderOptions { $0.unsignedIntegerStrategy = .int64BitPattern }
        let v = Box(value: [UInt64.max, UInt64(Int64.max) + 1, 5])
        #expect(try BSONEncoder(options: o).encode(v) == ["value": [.int64(-1), .int64(.min), .int64(5)]])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
        #expect(try CodableTestSupport.roundTrip(Box(value: UInt.max), options: o) == Box(value: UInt.max))
        // Only 64-bit unsigned types read bit patterns.
        #expect(throws: DecodingError.self) { try BSONDecoder(options: o).decode(Box<UInt32>.self, from: ["value": .int64(-1)]) }
    }

    @Test func unsignedAsDecimal128() throws {
        let o = coderOptions { $0.unsignedIntegerStrategy = .decimal128 }
        let v = Box(value: [UInt64.max, 7])
        #expect(try BSONEncoder(options: o).encode(v) == ["value": [.decimal128(try BSONDecimal128("18446744073709551615")), .int64(7)]])
        #expect(try CodableTestSupport.roundTrip(v, options: o) == v)
        // Decimal128 integers decode into any integer type that holds them, with any options.
        #expect(try BSONDecoder().decode(Box<Int8>.self, from: ["value": .decimal128(try BSONDecimal128("-12"))]).value == -12)
        #expect(throws: DecodingError.self) {
            try BSONDecoder().decode(Box<Int>.self, from: ["value": .decimal128(try BSONDecimal128("1.5"))])
        }
    }

    // MARK: The table itself

    @Test func writtenRowByRow() {
        typealias W = BSONIntegerWidth
        #expect(W.written(Int8.min, smallestThatFits: false) == .int32(-128))
        #expect(W.written(UInt16.max, smallestThatFits: false) == .int32(65_535))
        #expect(W.written(Int32.min, smallestThatFits: false) == .int32(.min))
        #expect(W.written(UInt32(7), smallestThatFits: false) == .int64(7))
        #expect(W.written(UInt32.max, smallestThatFits: true) == .int64(4_294_967_295))
        #expect(W.written(Int(7), smallestThatFits: false) == .int64(7))
        #expect(W.written(Int64(-7), smallestThatFits: true) == .int32(-7))
        #expect(W.written(UInt64(Int64.max), smallestThatFits: false) == .int64(.max))
        #expect(W.written(UInt64.max, smallestThatFits: true) == .aboveInt64(.max))
        #expect(W.written(UInt(Int64.max) + 1, smallestThatFits: false) == .aboveInt64(UInt64(Int64.max) + 1))
        #expect(W.written(Int128(Int64.min) - 1, smallestThatFits: false) == .belowInt64)
    }

    @Test func readRowByRow() {
        typealias W = BSONIntegerWidth
        #expect(W.read(127, as: Int8.self, bitPattern: false) == 127)
        #expect(W.read(300, as: Int8.self, bitPattern: false) == nil)
        #expect(W.read(-1, as: UInt16.self, bitPattern: true) == nil, "bit patterns are for 64-bit unsigned types only")
        #expect(W.read(-1, as: UInt64.self, bitPattern: false) == nil)
        #expect(W.read(-1, as: UInt64.self, bitPattern: true) == .max)
        #expect(W.read(-1, as: UInt.self, bitPattern: true) == .max)
        #expect(W.read(-1, as: Int64.self, bitPattern: true) == -1)
    }

    /// A property (the keyed container's `encode(_: Int8)`), an array element (the generic
    /// path), a single value and a top-level value all take the same row.
    @Test func everyEntryPointTakesTheSameRow() throws {
        struct Single: Codable, Equatable {
            var n: UInt16
            init(n: UInt16) { self.n = n }
            init(from decoder: any Decoder) throws { n = try decoder.singleValueContainer().decode(UInt16.self) }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                try c.encode(n)
            }
        }
        struct All: Codable, Equatable { var property: UInt16; var list: [UInt16]; var single: Single; var wide: [UInt32] }
        let value = All(property: 1, list: [2], single: Single(n: 3), wide: [4])
        let doc = try BSONEncoder().encode(value)
        #expect(doc["property"] == .int32(1))
        #expect(doc["list"] == .array([.int32(2)]))
        #expect(doc["single"] == .int32(3))
        #expect(doc["wide"] == .array([.int64(4)]))
        #expect(try BSONEncoder().encodeValue(UInt16(5)) == .int32(5))
        #expect(try CodableTestSupport.roundTrip(value) == value)
    }
}
