/// Custom conversions between Swift types and BSON, registered per ``BSONContext``.
///
/// GRDB lets any type become a database value through a conversion protocol; here the
/// conversion is registered with a context instead, so two components in one process can map
/// the same type differently. ``BSONEncoder`` and ``BSONDecoder`` consult the registry of the
/// context they resolve before their built-in handling of a type. That holds for every type,
/// the standard ones (`Int`, `String`, `Date`, ...) included, wherever a value stands: a
/// property, an optional, an array element, a single value or the top level.
///
/// ```swift
/// let cents = BSONTypeCodec(Money.self,
///     encode: { .int64($0.cents) },
///     decode: { value in
///         guard let cents = value.toInt64() else { throw BSONError(.invalidValue, "Money needs an integer") }
///         return Money(cents: cents)
///     })
/// let context = BSONContext(name: "billing", codecs: BSONCodecRegistry([cents]))
/// ```
public struct BSONCodecRegistry: Sendable {
    private var codecs: [ObjectIdentifier: BSONTypeCodec]

    /// A registry holding `codecs` (a later codec for the same type replaces an earlier one).
    public init(_ codecs: [BSONTypeCodec] = []) {
        var table: [ObjectIdentifier: BSONTypeCodec] = [:]
        for codec in codecs { table[codec.type] = codec }
        self.codecs = table
    }

    /// True when no codec is registered (the encoder and decoder then skip all lookups).
    public var isEmpty: Bool { codecs.isEmpty }

    /// The number of registered codecs.
    public var count: Int { codecs.count }

    /// The codec for `type`, if one is registered.
    public func codec<T>(for type: T.Type) -> BSONTypeCodec? {
        codecs.isEmpty ? nil : codecs[ObjectIdentifier(type)]
    }
}
