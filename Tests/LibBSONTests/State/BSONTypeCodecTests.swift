import Testing
import LibBSON

/// One custom conversion (State/BSONTypeCodec.swift): a type to BSON and back, refusing values
/// and results of any other type.
@Suite struct BSONTypeCodecTests {
    struct Refused: Error, Equatable {}

    static let tagged = BSONTypeCodec(Int.self, encode: { .string("n\($0)") }, decode: { value in
        guard let text = value.stringValue, text.hasPrefix("n"), let n = Int(text.dropFirst()) else { throw Refused() }
        return n
    })

    @Test func encodesAndDecodesItsType() throws {
        #expect(try Self.tagged.encode(42) == .string("n42"))
        #expect(try Self.tagged.decode(Int.self, from: .string("n-7")) == -7)
    }

    /// What the codec's closures throw comes out as it is.
    @Test func errorsOfTheClosuresPassThrough() {
        #expect(throws: Refused()) { try Self.tagged.decode(Int.self, from: .int32(1)) }
        let failing = BSONTypeCodec(Int.self, encode: { _ in throw Refused() }, decode: { _ in 0 })
        #expect(throws: Refused()) { try failing.encode(1) }
    }

    /// A value or a requested type other than the codec's is refused, naming both types.
    @Test func otherTypesAreRefused() throws {
        let given = try #require(throws: BSONError.self) { try Self.tagged.encode("n1") }
        #expect(given.code == .invalidValue)
        #expect(given.reason == "codec for Int was given a String")
        let asked = try #require(throws: BSONError.self) { try Self.tagged.decode(Int32.self, from: .string("n1")) }
        #expect(asked.code == .invalidValue)
        #expect(asked.reason == "codec for Int produced a Int, not a Int32")
    }
}
