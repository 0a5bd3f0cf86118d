import Testing
import LibBSON

/// mongodb/swift-bson's spellings that still compile here (deprecated, with a rename): each
/// gives what its new spelling gives. The unavailable ones cannot be called; scripts/check-fixits
/// compiles them and checks their diagnostics.
@Suite struct SwiftBSONSpellingsTests {
    @available(*, deprecated, message: "calls the deprecated spelling it checks")
    @Test func asIntReadsWhatToIntReads() {
        let values: [BSON] = [.int32(-7), .int64(1 << 40), .double(3), .double(2.5), .string("1"), .null]
        #expect(values.map { $0.asInt() } == values.map { $0.toInt() })
        #expect(values.map { $0.asInt() } == [-7, 1 << 40, 3, nil, nil, nil])
    }

    @available(*, deprecated, message: "calls the deprecated spelling it checks")
    @Test func timestampWithTheIncLabelIsTheSameTimestamp() {
        let old = BSONTimestamp(timestamp: 0x0102_0304, inc: 0xFFFF_FFFF)
        #expect(old == BSONTimestamp(timestamp: 0x0102_0304, increment: 0xFFFF_FFFF))
        #expect(old.increment == 0xFFFF_FFFF)
    }

    @available(*, deprecated, message: "calls the deprecated spelling it checks")
    @Test func deprecatedSubtypeNamesAreTheOldSubtypes() {
        #expect(BSONBinary.Subtype.binaryDeprecated == .binaryOld)
        #expect(BSONBinary.Subtype.uuidDeprecated == .uuidOld)
        #expect(BSONBinary.Subtype.binaryDeprecated.rawValue == 0x02)
        #expect(BSONBinary.Subtype.uuidDeprecated.rawValue == 0x03)
    }

    /// The unavailable `BSON(_: Int)` takes no literal: `BSON(5)` is still the literal `5`.
    @Test func anIntegerLiteralInBSONParenthesesIsStillALiteral() {
        #expect(BSON(5) == .int32(5))
        #expect(BSON(5_000_000_000) == .int64(5_000_000_000))
    }
}
