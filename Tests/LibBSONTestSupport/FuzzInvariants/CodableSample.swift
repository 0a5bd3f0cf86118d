import Foundation
import LibBSON

/// A representative application struct: most Swift types the coders map, optionals, nesting,
/// arrays, a dictionary, enums, the library's value types and raw BSON.
public struct CodableSample: Codable, Equatable, Sendable {
    public var name: String
    public var count: Int
    public var small: Int8?
    public var big: Int64?
    public var unsigned: UInt32?
    public var ratio: ExactDouble?
    public var flag: Bool?
    public var when: Date?
    public var blob: Data?
    public var id: UUID?
    public var tags: [String]?
    public var scores: [String: Int]?
    public var inner: Inner?
    public var children: [Inner]?
    public var kind: Kind?
    public var choice: Choice?
    public var oid: BSONObjectID?
    public var decimal: BSONDecimal128?
    public var stamp: BSONTimestamp?
    public var pattern: BSONRegularExpression?
    public var any: ExactBSON?
    public var raw: BSONDocument?

    public struct Inner: Codable, Equatable, Sendable {
        public var x: Int32
        public var y: [ExactDouble]?
        public var label: String?
        public var more: [Inner]?
    }

    public enum Kind: String, Codable, Equatable, Sendable { case alpha, beta, gamma }

    public enum Choice: Codable, Equatable, Sendable {
        case none
        case number(Int)
        case pair(String, ExactDouble)
        case named(first: String, rest: [Int16])
    }
}

extension CodableSample {
    /// A random sample; about half the optional fields are set.
    public static func random(_ rng: inout SeededRandom) -> CodableSample {
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &rng) ? make() : nil }
        let words = ["", "a", "héllo", "tab\tquote\"", "nul\u{0}in", "😀", "$dollar", "a.b"]
        func word() -> String { words.randomElement(using: &rng) ?? "" }
        let doubles: [Double] = [0, -0.0, 1.5, -1e300, .infinity, .nan, .leastNonzeroMagnitude, 123456.789]
        func double() -> ExactDouble { ExactDouble(doubles.randomElement(using: &rng) ?? 0) }
        func inner(_ depth: Int) -> CodableSample.Inner {
            CodableSample.Inner(x: Int32.random(in: .min ... .max, using: &rng),
                         y: maybe { (0..<Int.random(in: 0...3, using: &rng)).map { _ in double() } },
                         label: maybe { word() },
                         more: depth < 2 ? maybe { (0..<Int.random(in: 0...2, using: &rng)).map { _ in inner(depth + 1) } } : nil)
        }
        let choices: [CodableSample.Choice] = [.none, .number(-7), .pair("p", ExactDouble(2.5)), .named(first: "f", rest: [1, -2, 300])]
        let anys: [BSON] = [.null, .int32(5), .string("s"), .array([.bool(true), .double(.nan)]), ["k": .int64(1)],
                            .datetime(BSONDatetime(millisecondsSinceEpoch: 1_700_000_000_123)), .minKey,
                            .binary(BSONBinary(subtype: .userDefined(1), data: [1, 2, 3])), .code(BSONCode(code: "f()"))]
        return CodableSample(
            name: word(),
            count: Int.random(in: -1000...1000, using: &rng),
            small: maybe { Int8.random(in: .min ... .max, using: &rng) },
            big: maybe { Int64.random(in: .min ... .max, using: &rng) },
            unsigned: maybe { UInt32.random(in: .min ... .max, using: &rng) },
            ratio: maybe { double() },
            flag: maybe { Bool.random(using: &rng) },
            when: maybe { Date(timeIntervalSince1970: Double(Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &rng)) / 1000) },
            blob: maybe { Data((0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }) },
            id: maybe { UUID() },
            tags: maybe { (0..<Int.random(in: 0...3, using: &rng)).map { _ in word() } },
            scores: maybe { ["a": 1, "b": -2] },
            inner: maybe { inner(0) },
            children: maybe { (0..<Int.random(in: 0...2, using: &rng)).map { _ in inner(1) } },
            kind: maybe { [CodableSample.Kind.alpha, .beta, .gamma].randomElement(using: &rng) ?? .alpha },
            choice: maybe { choices.randomElement(using: &rng) ?? .none },
            oid: maybe { BSONObjectID() },
            decimal: maybe { try? BSONDecimal128(["1.5", "-0", "NaN", "1E+6144", "0.001"].randomElement(using: &rng) ?? "0") } ?? nil,
            stamp: maybe { BSONTimestamp(timestamp: UInt32.random(in: 0...UInt32.max, using: &rng), increment: 1) },
            pattern: maybe { try? BSONRegularExpression(pattern: "^a.*", options: "ix") } ?? nil,
            any: maybe { ExactBSON(anys.randomElement(using: &rng) ?? .null) },
            raw: maybe { ["x": .int32(1), "y": ["z": .string("deep")]] }
        )
    }
}
