import Testing
import LibBSON

/// `BSONDecimal128`: its strings, exactly.
@Suite struct BSONDecimal128Tests {
    @Test func decimal128StringsRoundTripExactly() throws {
        for s in ["0.10", "-0", "1.000000000000000000000000000000000E+6144", "NaN", "Infinity", "-Infinity", "1234567890123456789012345678901234"] {
            #expect(try BSONDecimal128(s).description == s)
        }
        #expect(throws: BSONError.self) { try BSONDecimal128("1.2.3") }
        #expect(throws: BSONError.self) { try BSONDecimal128("") }
        #expect(throws: BSONError.self) { try BSONDecimal128("1\u{0}") }
    }

    /// libbson 1.23 reads "0." + 65,530 zeros + "5" as 5E-6176; we refuse such strings.
    @Test func absurdlyLongDecimalStringsAreRefused() throws {
        let long = "0." + String(repeating: "0", count: 65_530) + "5"
        #expect(throws: BSONError.self) { try BSONDecimal128(long) }
        #expect(throws: BSONError.self) { try BSONDocument(fromJSON: #"{"d": {"$numberDecimal": "\#(long)"}}"#) }
        #expect(try BSONDecimal128("1.5E+10").description == "1.5E+10")
    }
}
