import Testing
import LibBSON

/// The registry of custom codecs a context holds (State/BSONCodecRegistry.swift): one codec
/// per type, the last registered winning, looked up by exact type.
@Suite struct BSONCodecRegistryTests {
    struct Celsius: Equatable { var degrees: Int }

    static func celsius(tag: String) -> BSONTypeCodec {
        BSONTypeCodec(Celsius.self, encode: { .string("\(tag)\($0.degrees)") }, decode: { value in
            guard let text = value.stringValue, text.hasPrefix(tag), let degrees = Int(text.dropFirst(tag.count)) else {
                throw BSONError(.invalidValue, "not a \(tag) temperature")
            }
            return Celsius(degrees: degrees)
        })
    }

    @Test func anEmptyRegistryHasNoCodec() {
        let registry = BSONCodecRegistry()
        #expect(registry.isEmpty)
        #expect(registry.count == 0)
        #expect(registry.codec(for: Celsius.self) == nil)
        #expect(registry.codec(for: Int.self) == nil)
    }

    /// A later codec for the same type replaces an earlier one.
    @Test func theLastCodecForATypeWins() throws {
        let registry = BSONCodecRegistry([Self.celsius(tag: "a"), Self.celsius(tag: "b")])
        #expect(!registry.isEmpty)
        #expect(registry.count == 1)
        let codec = try #require(registry.codec(for: Celsius.self))
        #expect(try codec.encode(Celsius(degrees: 21)) == .string("b21"))
        #expect(try codec.decode(Celsius.self, from: .string("b-4")) == Celsius(degrees: -4))
        #expect(throws: BSONError.self) { try codec.decode(Celsius.self, from: .string("a-4")) }
    }

    /// Codecs are found by exact type: one for `Int` is not one for `Int32` or `Int?`.
    @Test func codecsAreLookedUpByExactType() throws {
        let int = BSONTypeCodec(Int.self, encode: { .string("\($0)") }, decode: { Int($0.stringValue ?? "") ?? 0 })
        let registry = BSONCodecRegistry([int, Self.celsius(tag: "c")])
        #expect(registry.count == 2)
        #expect(try registry.codec(for: Int.self)?.encode(5) == .string("5"))
        #expect(try registry.codec(for: Celsius.self)?.encode(Celsius(degrees: 5)) == .string("c5"))
        #expect(registry.codec(for: Int32.self) == nil)
        #expect(registry.codec(for: Int?.self) == nil)
    }
}
