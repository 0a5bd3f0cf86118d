import Foundation
import Testing
@testable import LibBSON

/// Rules that BSONEncodingState and BSONDecodingState apply to every value, wherever it stands
/// (a property, an optional, an array element, a single value, the top level).
@Suite struct BSONCodingStateTests {
    /// A context whose `Int` codec writes integers as tagged strings ("n42") and reads them back.
    static let tagged = BSONContext(name: "tagged-ints", codecs: BSONCodecRegistry([
        BSONTypeCodec(Int.self, encode: { .string("n\($0)") }, decode: { value in
            guard case .string(let text) = value, text.hasPrefix("n"), let n = Int(text.dropFirst()) else {
                throw BSONError(.invalidValue, "not a tagged Int")
            }
            return n
        }),
    ]))

    struct Single: Codable, Equatable {
        var n: Int
        init(n: Int) { self.n = n }
        init(from decoder: any Decoder) throws { n = try decoder.singleValueContainer().decode(Int.self) }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(n)
        }
    }

    struct Unkeyed: Codable, Equatable {
        var n: Int
        init(n: Int) { self.n = n }
        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            n = try c.decode(Int.self)
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(n)
        }
    }

    struct Every: Codable, Equatable {
        var property: Int
        var optional: Int?
        var list: [Int]
        var single: Single
        var unkeyed: Unkeyed
    }

    /// A codec registered for a standard type applies at every entry point. (Before the
    /// reshaping the containers' primitive methods skipped the registry, so an `Int` property
    /// ignored a codec that an `[Int]` element used.)
    @Test func aCodecForAStandardTypeAppliesEverywhere() throws {
        let value = Every(property: 1, optional: 2, list: [3, 4], single: Single(n: 5), unkeyed: Unkeyed(n: 6))
        let doc = try BSONEncoder(context: Self.tagged).encode(value)
        #expect(doc == ["property": "n1", "optional": "n2", "list": ["n3", "n4"], "single": "n5", "unkeyed": ["n6"]])
        #expect(try BSONDecoder(context: Self.tagged).decode(Every.self, from: doc) == value)
        #expect(try BSONEncoder(context: Self.tagged).encodeValue(7) == .string("n7"))
        #expect(try BSONDecoder(context: Self.tagged).decode(Int.self, from: BSON.string("n8")) == 8)
        // Bound rather than explicit: the same.
        let bound = try BSONContext.withCurrent(Self.tagged) { try BSONEncoder().encode(value) }
        #expect(bound == doc)
        // Without the codec, the integer table applies at every entry point.
        let plain = try BSONEncoder().encode(value)
        #expect(plain == ["property": .int64(1), "optional": .int64(2), "list": [.int64(3), .int64(4)],
                          "single": .int64(5), "unkeyed": [.int64(6)]])
    }

    /// The standard types take the same rule through the generic path (array elements,
    /// `T` unknown) as through the containers' typed methods.
    @Test func genericAndTypedPathsAgree() throws {
        struct Typed: Codable, Equatable { var s: String; var f: Float; var b: Bool; var u: UInt8; var d: Date }
        struct Generic: Codable, Equatable { var s: [String]; var f: [Float]; var b: [Bool]; var u: [UInt8]; var d: [Date] }
        let when = Date(timeIntervalSince1970: 1_700_000_000.25)
        let typed = try BSONEncoder().encode(Typed(s: "x", f: 0.5, b: true, u: 7, d: when))
        let generic = try BSONEncoder().encode(Generic(s: ["x"], f: [0.5], b: [true], u: [7], d: [when]))
        for key in ["s", "f", "b", "u", "d"] {
            #expect(generic[key] == .array([typed[key] ?? .null]), "\(key)")
        }
        #expect(try BSONDecoder().decode(Generic.self, from: generic) == Generic(s: ["x"], f: [0.5], b: [true], u: [7], d: [when]))
    }
}
