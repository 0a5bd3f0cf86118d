import Foundation
import Testing
import LibBSON

/// `Decimal` through BSONEncoder and BSONDecoder (Codable/Foundation/Decimal+BSONCoding.swift):
/// a decimal128, exactly; a value one of the two types cannot hold is an error, never rounded.
@Suite struct DecimalBSONCodingTests {
    static func decode(_ value: BSON) throws -> Decimal {
        try BSONDecoder().decode(Box<Decimal>.self, from: ["value": value]).value
    }

    @Test func decimalAsDecimal128() throws {
        let price = try #require(Decimal(string: "12.345"))
        #expect(try BSONEncoder().encode(Box(value: price)) == ["value": .decimal128(try BSONDecimal128("12.345"))])
        #expect(try CodableTestSupport.roundTrip(Box(value: price)) == Box(value: price))
        #expect(try CodableTestSupport.roundTrip(Box(value: Decimal(3))) == Box(value: Decimal(3)))
        // Integers decode as Decimal too; doubles (inexact) do not.
        #expect(try Self.decode(.int32(5)) == 5)
        #expect(try Self.decode(.int64(-7_000_000_000)) == Decimal(-7_000_000_000))
        #expect(throws: DecodingError.self) { try Self.decode(.double(1.5)) }
    }

    @Test func decimalOutsideFoundationDecimalIsAnError() throws {
        #expect(try Self.decode(.decimal128(try BSONDecimal128("-1.25E+3"))) == Decimal(-1250))
        #expect(throws: DecodingError.self) { try Self.decode(.decimal128(try BSONDecimal128("1E+6000"))) }
        #expect(throws: DecodingError.self) { try Self.decode(.decimal128(try BSONDecimal128("Infinity"))) }
    }

    /// NaN is the one value both types spell alike: written as decimal128 NaN, read back as NaN.
    @Test func nanIsWrittenAndReadAsNaN() throws {
        let doc = try BSONEncoder().encode(Box(value: Decimal.nan))
        #expect(doc["value"]?.decimal128Value?.description == "NaN")
        #expect(try Self.decode(.decimal128(try BSONDecimal128("NaN"))).isNaN)
    }

    /// More significant digits than a decimal128's 34: refused, never rounded.
    @Test func digitsADecimal128CannotHoldAreAnError() throws {
        let long = try #require(Decimal(string: "1234567890123456789012345678901234567"))
        #expect(throws: EncodingError.self) { try BSONEncoder().encode(Box(value: long)) }
    }
}
