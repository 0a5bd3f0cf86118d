/// One custom conversion: a Swift type to a ``BSON`` value and back.
///
/// Register codecs with a context through ``BSONCodecRegistry``; ``BSONEncoder`` and
/// ``BSONDecoder`` then use them for that type wherever a value of it stands.
///
/// ```swift
/// let cents = BSONTypeCodec(Money.self, encode: { .int64($0.cents) }, decode: { value in
///     guard let cents = value.toInt64() else { throw BSONError(.invalidValue, "Money needs an integer") }
///     return Money(cents: cents)
/// })
/// try cents.encode(Money(cents: 1999))          // .int64(1999)
/// ```
public struct BSONTypeCodec: Sendable {
    let type: ObjectIdentifier
    let typeName: String
    let encodeAny: @Sendable (Any) throws -> BSON
    let decodeAny: @Sendable (BSON) throws -> Any

    /// Creates a codec for `type`.
    /// - Parameters:
    ///   - type: the Swift type the codec converts (`Money.self`).
    ///   - encode: turns a value into BSON.
    ///   - decode: turns BSON back into a value; throw for a value it cannot convert.
    public init<T>(_ type: T.Type,
                   encode: @escaping @Sendable (T) throws -> BSON,
                   decode: @escaping @Sendable (BSON) throws -> T) {
        self.type = ObjectIdentifier(type)
        self.typeName = String(describing: type)
        self.encodeAny = { value in
            guard let typed = value as? T else {
                throw BSONError(.invalidValue, "codec for \(String(describing: T.self)) was given a \(Swift.type(of: value))")
            }
            return try encode(typed)
        }
        self.decodeAny = { try decode($0) }
    }

    /// Encodes `value` with this codec.
    /// - Throws: ``BSONError/Code-swift.struct/invalidValue`` when `value` is not of the codec's
    ///   type, or what the codec's `encode` throws.
    public func encode<T>(_ value: T) throws -> BSON { try encodeAny(value) }

    /// Decodes a `T` with this codec.
    /// - Throws: what the codec's `decode` throws, or ``BSONError/Code-swift.struct/invalidValue``
    ///   when `T` is not the codec's type.
    public func decode<T>(_ type: T.Type, from value: BSON) throws -> T {
        let decoded = try decodeAny(value)
        guard let typed = decoded as? T else {
            throw BSONError(.invalidValue, "codec for \(typeName) produced a \(Swift.type(of: decoded)), not a \(T.self)")
        }
        return typed
    }
}
