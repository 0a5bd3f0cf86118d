import Foundation
@testable import LibBSON

/// Helpers shared by the Codable tests.
enum CodableTestSupport {
    /// Encodes, checks the bytes validate, decodes.
    static func roundTrip<T: Codable>(_ value: T, options: BSONCoderOptions = BSONCoderOptions()) throws -> T {
        let doc = try BSONEncoder(options: options).encode(value)
        // Everything the encoder writes must pass the validator.
        _ = try BSONDocument(fromBSON: doc.bytes)
        let fromDocument = try BSONDecoder(options: options).decode(T.self, from: doc)
        // Decoding straight from bytes and from Data must agree.
        _ = try BSONDecoder(options: options).decode(T.self, from: doc.bytes)
        _ = try BSONDecoder(options: options).decode(T.self, from: doc.toData())
        return fromDocument
    }

    /// Encodes `value` as a BSON value and decodes it back.
    static func valueRoundTrip<T: Codable>(_ value: T, options: BSONCoderOptions = BSONCoderOptions()) throws -> T {
        let bson = try BSONEncoder(options: options).encodeValue(value)
        return try BSONDecoder(options: options).decode(T.self, from: bson)
    }

    /// The coding path as strings ("a", "0", "b").
    static func path(_ keys: [any CodingKey]) -> [String] {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }
    }

    static func context(_ error: any Error) -> DecodingError.Context? {
        switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): c
        default: nil
        }
    }

    static func encodingContext(_ error: any Error) -> EncodingError.Context? {
        if case .invalidValue(_, let c) = error as? EncodingError { return c }
        return nil
    }
}

/// Default options with `change` applied.
func coderOptions(_ change: (inout BSONCoderOptions) -> Void) -> BSONCoderOptions {
    var options = BSONCoderOptions()
    change(&options)
    return options
}

/// A one-key wrapper, to encode any value as a document field.
struct Box<T> {
    var value: T
}

extension Box: Encodable where T: Encodable {}
extension Box: Decodable where T: Decodable {}
extension Box: Equatable where T: Equatable {}
