import Foundation
import LibBSON

/// Target (c): BSON bytes -> `BSONDecoder` into a representative struct -> `BSONEncoder` ->
/// decode again: equal.
///
/// Invariants, for bytes that decode:
/// 1. Decoding from the bytes and from the validated ``BSONDocument`` agree.
/// 2. A decoded value encodes; the encoding passes the validator and decodes to an equal
///    value (doubles compared by bit pattern, `BSON` values exactly).
/// 3. Encoding is a fixpoint from there: encoding the second value gives the same bytes
///    (when no dictionary is involved, whose order Swift does not keep).
///
/// Bytes the validator rejects must fail with `DecodingError.dataCorrupted` carrying the
/// `BSONError`; a `BSONDocument` decodes from valid bytes as itself.
public enum CodableRoundTrip {
    public static func check(_ bytes: [UInt8]) {
        let decoder = BSONDecoder()
        let encoder = BSONEncoder()

        let valid = try? BSONDocument(fromBSON: bytes)
        // Pass-through: a document decodes as itself.
        do {
            let doc = try decoder.decode(BSONDocument.self, from: bytes)
            invariant(valid == doc, "BSONDocument decoded through BSONDecoder differs from the validated bytes")
        } catch DecodingError.dataCorrupted(let context) {
            invariant(valid == nil, "a valid document failed to decode as BSONDocument: \(context)")
            invariant(context.underlyingError is BSONError, "invalid bytes without a BSONError: \(context)")
        } catch {
            invariantFailed("decoding BSONDocument threw \(error)")
        }

        let first: Sample
        do {
            first = try decoder.decode(Sample.self, from: bytes)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, context.underlyingError is BSONError {
                invariant(valid == nil, "valid bytes reported as invalid BSON: \(context)")
            }
            return
        } catch {
            invariantFailed("BSONDecoder threw a non-DecodingError: \(error)")
        }
        guard let valid else { invariantFailed("decoded a Sample from bytes the validator rejects\n\(preview(bytes))") }

        // 1. From bytes and from the document.
        do {
            let fromDocument = try decoder.decode(Sample.self, from: valid)
            invariant(fromDocument == first, "decoding from bytes and from the document disagree\n\(first)\n\(fromDocument)")
        } catch {
            invariantFailed("decoding from the document failed where decoding from bytes worked: \(error)")
        }

        // 2. Encode, validate, decode.
        let encoded = encode(encoder, first, "the decoded value")
        let second: Sample
        do {
            second = try decoder.decode(Sample.self, from: encoded.bytes)
        } catch {
            invariantFailed("re-decoding our own encoding failed: \(error)\nvalue: \(first)\nbytes: \(preview(encoded.bytes))")
        }
        invariant(second == first, "decode(encode(value)) != value\nfirst:  \(first)\nsecond: \(second)\ninput: \(preview(bytes))")

        // 3. Fixpoint.
        let reencoded = encode(encoder, second, "the re-decoded value")
        if first.scores == nil {
            invariant(reencoded == encoded, "encoding is not a fixpoint\nfirst:  \(preview(encoded.bytes))\nsecond: \(preview(reencoded.bytes))")
        }
    }

    private static func encode(_ encoder: BSONEncoder, _ value: Sample, _ what: String) -> BSONDocument {
        let doc: BSONDocument
        do {
            doc = try encoder.encode(value)
        } catch {
            invariantFailed("encoding \(what) failed: \(error)\nvalue: \(value)")
        }
        Walk.revalidate(doc)
        return doc
    }
}

/// A representative application struct: most Swift types the coders map, optionals, nesting,
/// arrays, a dictionary, enums, the library's value types and raw BSON.
public struct Sample: Codable, Equatable, Sendable {
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

/// A `Double` compared by bit pattern, so NaN equals itself and 0.0 differs from -0.0.
public struct ExactDouble: Codable, Equatable, Sendable, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Double.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
    public static func == (a: ExactDouble, b: ExactDouble) -> Bool { a.value.bitPattern == b.value.bitPattern }
    public var description: String { "\(value)" }
}

/// A `BSON` value compared exactly (``Compare/Loss/none``).
public struct ExactBSON: Codable, Equatable, Sendable, CustomStringConvertible {
    public var value: BSON
    public init(_ value: BSON) { self.value = value }
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(BSON.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
    public static func == (a: ExactBSON, b: ExactBSON) -> Bool { Compare.values(a.value, b.value, .none) }
    public var description: String { "\(value)" }
}
