import Foundation

// With BSONEncoder and BSONDecoder, these types are written and read as native BSON values
// (the containers recognise them before calling `encode(to:)`/`init(from:)`; and when they
// are handed a BSON coder directly they write and read themselves natively). With any other
// coder (JSONEncoder, PropertyListEncoder...) they take the shape of canonical Extended JSON
// v2, which is exact, so they round-trip there too.

extension BSONNativeValue {
    func encodeNatively(to encoder: any Encoder) throws {
        if let node = encoder as? BSONEncoderNode {
            try node.encodeNative(bsonValue)
        } else {
            try ExtendedJSONCodable.encode(bsonValue, to: encoder)
        }
    }

    static func decodeNatively(from decoder: any Decoder) throws -> Self {
        let bson: BSON
        if let node = decoder as? BSONDecoderNode {
            bson = node.readNative()
        } else {
            bson = try ExtendedJSONCodable.decode(from: decoder)
        }
        guard let value = fromBSON(bson) else {
            throw DecodingError.typeMismatch(Self.self, DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "Expected \(expectedBSON) but found \(bson.type)"))
        }
        return value
    }
}

extension BSON: Codable {
    /// Writes the value natively with ``BSONEncoder``; with other encoders, as canonical
    /// Extended JSON (`{"$numberLong": "42"}`, `{"$oid": "..."}`, plain strings, booleans,
    /// null, arrays and objects).
    ///
    /// ```swift
    /// let json = try JSONEncoder().encode(BSON.int64(42))   // {"$numberLong":"42"}
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads any value natively with ``BSONDecoder``; with other decoders, canonical or relaxed
    /// Extended JSON (a plain integer becomes `.int32` when it fits, else `.int64`; other
    /// numbers `.double`). As with every optional, a `BSON?` property reads null as `nil`.
    ///
    /// ```swift
    /// let value = try JSONDecoder().decode(BSON.self, from: Data(#"{"$oid":"5f0c8e6a1c9d440000a1b2c3"}"#.utf8))
    /// ```
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONDocument: Codable {
    /// Writes the document natively (its bytes are copied as they are) with ``BSONEncoder``;
    /// with other encoders, as a canonical Extended JSON object.
    ///
    /// ```swift
    /// struct Envelope: Codable { var payload: BSONDocument }
    /// let doc = try BSONEncoder().encode(Envelope(payload: ["x": 1]))   // {"payload": {"x": 1}}
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads an embedded document natively (a slice of the input, not a copy) with
    /// ``BSONDecoder``; with other decoders, from Extended JSON. Other decoders may not keep
    /// the key order of a JSON object.
    ///
    /// ```swift
    /// let envelope = try BSONDecoder().decode(Envelope.self, from: doc)
    /// ```
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONObjectID: Codable {
    /// Writes an ObjectId natively, or as `{"$oid": "<24 hex digits>"}` with other encoders.
    ///
    /// ```swift
    /// struct Item: Codable { var _id: BSONObjectID }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads an ObjectId natively, or from `{"$oid": "..."}` with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONDecimal128: Codable {
    /// Writes a decimal128 natively, or as `{"$numberDecimal": "1.50"}` with other encoders.
    ///
    /// ```swift
    /// struct Price: Codable { var amount: BSONDecimal128 }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads a decimal128 natively, or from `{"$numberDecimal": "..."}` with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONBinary: Codable {
    /// Writes binary data with its subtype natively, or as
    /// `{"$binary": {"base64": "...", "subType": "00"}}` with other encoders.
    ///
    /// ```swift
    /// struct Blob: Codable { var bytes: BSONBinary }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads binary data natively, or from `$binary` Extended JSON with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONDatetime: Codable {
    /// Writes a UTC datetime natively (whatever the date strategy), or as
    /// `{"$date": {"$numberLong": "<ms>"}}` with other encoders.
    ///
    /// ```swift
    /// struct Event: Codable { var at: BSONDatetime }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads a UTC datetime natively, or from `$date` Extended JSON (canonical or relaxed) with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONTimestamp: Codable {
    /// Writes a timestamp natively, or as `{"$timestamp": {"t": 1, "i": 2}}` with other encoders.
    ///
    /// ```swift
    /// struct OplogEntry: Codable { var ts: BSONTimestamp }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads a timestamp natively, or from `$timestamp` Extended JSON with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONRegularExpression: Codable {
    /// Writes a regular expression natively, or as
    /// `{"$regularExpression": {"pattern": "...", "options": "i"}}` with other encoders.
    ///
    /// ```swift
    /// struct Filter: Codable { var name: BSONRegularExpression }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads a regular expression natively, or from Extended JSON with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONCode: Codable {
    /// Writes JavaScript code natively, or as `{"$code": "..."}` with other encoders.
    ///
    /// ```swift
    /// struct Job: Codable { var map: BSONCode }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads JavaScript code natively, or from `{"$code": "..."}` with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONCodeWithScope: Codable {
    /// Writes code with scope natively, or as `{"$code": "...", "$scope": {...}}` with other encoders.
    ///
    /// ```swift
    /// struct Job: Codable { var reduce: BSONCodeWithScope }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads code with scope natively, or from Extended JSON with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONDBPointer: Codable {
    /// Writes a DBPointer natively, or as `{"$dbPointer": {"$ref": "...", "$id": {"$oid": "..."}}}`
    /// with other encoders.
    ///
    /// ```swift
    /// struct Legacy: Codable { var pointer: BSONDBPointer }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads a DBPointer natively, or from Extended JSON with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}

extension BSONSymbol: Codable {
    /// Writes a symbol natively, or as `{"$symbol": "..."}` with other encoders.
    ///
    /// ```swift
    /// struct Legacy: Codable { var tag: BSONSymbol }
    /// ```
    public func encode(to encoder: any Encoder) throws { try encodeNatively(to: encoder) }

    /// Reads a symbol natively, or from `{"$symbol": "..."}` with other decoders.
    public init(from decoder: any Decoder) throws { self = try Self.decodeNatively(from: decoder) }
}
