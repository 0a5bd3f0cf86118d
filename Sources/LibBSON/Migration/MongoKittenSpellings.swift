import Foundation

/// MongoKitten's BSON spellings (orlandos-nl/BSON, `import BSON`) that are spelled differently
/// here, kept so that the compiler names the new call to code that moves to this library
/// (Documentation/Migration.md lists every call, with its status). The three kinds of
/// declaration are those of `SwiftBSONSpellings.swift`: deprecated when the old line compiles
/// unchanged with the same result, unavailable otherwise; the bodies forward to the new call.
///
/// MongoKitten's type names (`Document`, `ObjectId`, `Primitive`, `Binary`, `Null`, ...) are
/// unavailable type aliases. An unavailable declaration takes no part in name lookup when
/// another one is visible, so these never clash: a `Document` of the user's own module, or of
/// another imported module, is still found as before; only code that finds no other `Document`
/// gets the rename. `scripts/check-fixits` compiles such code to keep this true.
extension BSONDocument {
    /// MongoKitten's spelling of ``hasKey(_:)``.
    @available(*, deprecated, renamed: "hasKey(_:)")
    public func containsKey(_ key: String) -> Bool { hasKey(key) }

    /// MongoKitten's spelling of ``toData()``.
    @available(*, deprecated, renamed: "toData()")
    public func makeData() -> Data { toData() }

    /// MongoKitten's `ByteBuffer` of the document; this library has no SwiftNIO.
    @available(*, unavailable, message: "there is no SwiftNIO here: use bytes (a [UInt8]), or withUnsafeBytes(_:) to read them without a copy")
    public func makeByteBuffer() -> [UInt8] { bytes }

    /// MongoKitten's append, whose arguments come in the other order.
    @available(*, unavailable, message: "use try append(key:value:): the key comes first, and it throws on a key that contains NUL")
    public mutating func appendValue(_ value: BSON, forKey key: String) throws { try append(key: key, value: value) }

    /// MongoKitten's unchecked initializer from `Data`.
    @available(*, unavailable, renamed: "init(fromBSON:)", message: "it validates the bytes and throws")
    public init(data: Data) throws { try self.init(fromBSON: data) }

    /// MongoKitten's unchecked initializer from bytes.
    @available(*, unavailable, renamed: "init(fromBSON:)", message: "it validates the bytes and throws")
    public init(bytes: [UInt8]) throws { try self.init(fromBSON: bytes) }

    /// MongoKitten's validation after the fact.
    @available(*, unavailable, message: "nothing to call: BSONDocument(fromBSON:options:) validates, and throws a BSONError for invalid bytes")
    public func validate() {}
}

/// MongoKitten's document type.
@available(*, unavailable, renamed: "BSONDocument") public typealias Document = BSONDocument

/// MongoKitten's protocol of BSON values.
@available(*, unavailable, renamed: "BSON", message: "a value is the enum BSON: read it with stringValue, toInt() and the other accessors, not as?")
public typealias Primitive = BSON

/// MongoKitten's null value.
@available(*, unavailable, message: "null is a case: BSON.null, or nil in a literal") public typealias Null = BSON

/// MongoKitten's MinKey and MaxKey values.
@available(*, unavailable, message: "MinKey is a case: BSON.minKey") public typealias MinKey = BSON
@available(*, unavailable, message: "MaxKey is a case: BSON.maxKey") public typealias MaxKey = BSON

/// MongoKitten's ObjectId.
@available(*, unavailable, renamed: "BSONObjectID") public typealias ObjectId = BSONObjectID

extension BSONObjectID {
    /// MongoKitten's spelling of ``hex``.
    @available(*, deprecated, renamed: "hex")
    public var hexString: String { hex }

    /// MongoKitten's spelling of ``timestamp``, the creation time.
    @available(*, deprecated, renamed: "timestamp")
    public var date: Date { timestamp }
}

/// MongoKitten's binary value.
@available(*, unavailable, renamed: "BSONBinary") public typealias Binary = BSONBinary

/// MongoKitten's timestamp.
@available(*, unavailable, renamed: "BSONTimestamp") public typealias Timestamp = BSONTimestamp

extension BSONTimestamp {
    /// MongoKitten's initializer, with `Int32`s and the increment first.
    @available(*, unavailable, message: "use BSONTimestamp(timestamp:increment:): the seconds come first, both UInt32")
    public init(increment: Int32, timestamp: Int32) {
        self.init(timestamp: UInt32(bitPattern: timestamp), increment: UInt32(bitPattern: increment))
    }
}

/// MongoKitten's regular expression and Decimal128.
@available(*, unavailable, renamed: "BSONRegularExpression") public typealias RegularExpression = BSONRegularExpression
@available(*, unavailable, renamed: "BSONDecimal128") public typealias Decimal128 = BSONDecimal128

/// MongoKitten's JavaScript code.
@available(*, unavailable, renamed: "BSONCode") public typealias JavaScriptCode = BSONCode

extension BSONCode {
    /// MongoKitten's `JavaScriptCode(_:)`.
    @available(*, unavailable, renamed: "init(code:)")
    public init(_ code: String) { self.init(code: code) }
}

/// MongoKitten's JavaScript code with a scope.
@available(*, unavailable, renamed: "BSONCodeWithScope") public typealias JavaScriptCodeWithScope = BSONCodeWithScope

extension BSONCodeWithScope {
    /// MongoKitten's `JavaScriptCodeWithScope(_:scope:)`.
    @available(*, unavailable, renamed: "init(code:scope:)")
    public init(_ code: String, scope: BSONDocument) { self.init(code: code, scope: scope) }
}

/// MongoKitten's encoder settings.
@available(*, unavailable, renamed: "BSONCoderOptions", message: "one struct of options for both coders: BSONEncoder(options:), or a BSONContext")
public typealias BSONEncoderStrategies = BSONCoderOptions

extension BSONEncoder {
    /// MongoKitten's encoder of a single value.
    @available(*, unavailable, renamed: "encodeValue(_:)", message: "it returns a BSON value")
    public func encodePrimitive<T: Encodable>(_ value: T) throws -> BSON { try encodeValue(value) }
}

/// MongoKitten's decoder settings.
@available(*, unavailable, renamed: "BSONCoderOptions", message: "one struct of options for both coders: BSONDecoder(options:), or a BSONContext")
public typealias BSONDecoderSettings = BSONCoderOptions

extension BSONDecoder {
    /// MongoKitten's decoder of a single value.
    @available(*, unavailable, renamed: "decode(_:from:)")
    public func decode<T: Decodable>(_ type: T.Type, fromPrimitive value: BSON) throws -> T { try decode(type, from: value) }
}
