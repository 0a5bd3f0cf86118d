import Foundation

/// Encodes `Encodable` Swift values as BSON documents.
///
/// The encoder appends straight into one byte buffer: no intermediate tree, each document's
/// length patched when it ends. `Date`, `UUID` and `Data` follow the strategies in
/// ``options``; the BSON value types (``BSONObjectID``, ``BSONDecimal128``, ``BSONBinary``,
/// ``BSONDatetime``, ``BSONTimestamp``, ``BSONRegularExpression``, ``BSONCode``,
/// ``BSONCodeWithScope``, ``BSONDBPointer``, ``BSONSymbol``), ``BSON`` and ``BSONDocument``
/// are written as themselves; `URL` as its absolute string; Foundation's `Decimal` as a
/// decimal128. Integer widths are listed on ``BSONCoderOptions``.
///
/// ```swift
/// struct User: Codable {
///     var _id: BSONObjectID
///     var name: String
///     var joined: Date
///     var tags: [String]
/// }
///
/// let user = User(_id: BSONObjectID(), name: "Ada", joined: Date(), tags: ["admin"])
/// let doc: BSONDocument = try BSONEncoder().encode(user)
/// doc["name"]   // .string("Ada")
/// ```
///
/// Errors are `EncodingError.invalidValue` with the coding path of the value (for example a
/// `UInt64` above `Int64.max`, a key containing NUL, or a top-level value that is not a document).
///
/// ## Which settings apply
///
/// The settings are worked out each time the encoder runs, from the context in effect then
/// (``context`` if set, else the context bound with ``BSONContext/withCurrent(_:_:)``, else
/// ``BSONContext/global``): that context's ``BSONContext/coderOptions``, with what was set on
/// the encoder on top.
///
/// - Changing one setting, with a shortcut (``keyEncodingStrategy``, ``dateEncodingStrategy``,
///   ...) or through ``options`` (`encoder.options.keyEncodingStrategy = ...`), changes that
///   setting only: every other one keeps following the context, wherever the encoder runs.
/// - Giving options whole, with ``init(options:context:)`` or `encoder.options = someOptions`,
///   replaces every setting: the context's strategies no longer apply (its codecs and caches
///   still do).
///
/// ```swift
/// var iso = BSONCoderOptions()
/// iso.dateEncodingStrategy = .iso8601
/// let tenant = BSONContext(name: "tenant", coderOptions: iso)
///
/// var encoder = BSONEncoder()
/// encoder.keyEncodingStrategy = .convertToSnakeCase
/// try BSONContext.withCurrent(tenant) {
///     try encoder.encode(order)   // snake_case keys, dates as ISO 8601 (the tenant's)
/// }
/// try encoder.encode(order)       // snake_case keys, dates as BSON datetimes (global's)
/// ```
///
/// `BSONEncoder` is a value: copies are independent, and it is `Sendable`.
public struct BSONEncoder: Sendable {
    private var configuration: BSONCoderConfiguration

    /// All settings: strategies, `userInfo`. See ``BSONCoderOptions``.
    ///
    /// Reading it gives the settings the encoder would use if it ran here: the
    /// ``BSONContext/coderOptions`` of the context it resolves (``context`` if set, else the
    /// bound context, else ``BSONContext/global``) with what was set on the encoder on top.
    /// Changing one property through it changes that setting only; assigning a whole value
    /// replaces every setting (see "Which settings apply" above).
    public var options: BSONCoderOptions {
        get { configuration.options }
        set { configuration.options = newValue }
        _modify { yield &configuration.options }
    }

    /// The context whose options, custom codecs and caches this encoder uses; nil to use the
    /// bound context or ``BSONContext/global`` at each call (see ``BSONContext/resolve(_:)``).
    public var context: BSONContext? { get { configuration.context } set { configuration.context = newValue } }

    /// Creates an encoder.
    ///
    /// ```swift
    /// var options = BSONCoderOptions()
    /// options.keyEncodingStrategy = .convertToSnakeCase
    /// let encoder = BSONEncoder(options: options)
    /// ```
    ///
    /// - Parameters:
    ///   - options: settings that replace all of the context's; nil to follow the context.
    ///   - context: the context to use; nil to resolve the bound one (or the global one) per call.
    public init(options: BSONCoderOptions? = nil, context: BSONContext? = nil) {
        configuration = BSONCoderConfiguration(options: options, context: context)
    }

    /// The state for one call: the resolved context, and the options in force.
    private func makeState() -> BSONEncodingState {
        let (options, context) = configuration.resolve()
        return BSONEncodingState(options: options, context: context)
    }

    // Strategy shortcuts: setting one changes that setting only; the others keep following
    // the context in effect when the encoder runs (see "Which settings apply").

    /// How `Date` values are written; a shortcut for `options.dateEncodingStrategy`.
    public var dateEncodingStrategy: BSONCoderOptions.DateEncodingStrategy { get { options.dateEncodingStrategy } set { configuration.set(\.dateEncodingStrategy, newValue) } }

    /// How `UUID` values are written; a shortcut for `options.uuidEncodingStrategy`.
    public var uuidEncodingStrategy: BSONCoderOptions.UUIDEncodingStrategy { get { options.uuidEncodingStrategy } set { configuration.set(\.uuidEncodingStrategy, newValue) } }

    /// How `Data` values are written; a shortcut for `options.dataEncodingStrategy`.
    public var dataEncodingStrategy: BSONCoderOptions.DataEncodingStrategy { get { options.dataEncodingStrategy } set { configuration.set(\.dataEncodingStrategy, newValue) } }

    /// How property names become keys; a shortcut for `options.keyEncodingStrategy`.
    public var keyEncodingStrategy: BSONCoderOptions.KeyEncodingStrategy { get { options.keyEncodingStrategy } set { configuration.set(\.keyEncodingStrategy, newValue) } }

    /// What `nil` optional properties become; a shortcut for `options.nilEncodingStrategy`.
    public var nilEncodingStrategy: BSONCoderOptions.NilEncodingStrategy { get { options.nilEncodingStrategy } set { configuration.set(\.nilEncodingStrategy, newValue) } }

    /// Encodes `value` as a BSON document.
    ///
    /// ```swift
    /// let doc = try BSONEncoder().encode(["a": 1, "b": 2])   // {"a": 1, "b": 2} (dictionary order)
    /// ```
    ///
    /// - Throws: `EncodingError.invalidValue` when `value` does not encode as a document (a
    ///   number, a string or an array at the top level: use ``encodeValue(_:)``), or when one of
    ///   its values cannot be written; the error's coding path names the value.
    public func encode<T: Encodable>(_ value: T) throws -> BSONDocument {
        try makeState().encodeDocument(value)
    }

    /// Encodes `value` as any BSON value: a document, an array, a number, a string...
    ///
    /// ```swift
    /// try BSONEncoder().encodeValue([1, 2, 3])   // .array([.int64(1), .int64(2), .int64(3)])
    /// try BSONEncoder().encodeValue("hi")        // .string("hi")
    /// ```
    ///
    /// - Throws: `EncodingError.invalidValue` when a value cannot be written.
    public func encodeValue<T: Encodable>(_ value: T) throws -> BSON {
        try makeState().encodeValue(value)
    }

    /// Encodes `value` as the bytes of a BSON document.
    ///
    /// ```swift
    /// let bytes: [UInt8] = try BSONEncoder().encodeBytes(user)
    /// ```
    ///
    /// - Throws: as ``encode(_:)``.
    public func encodeBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        try encode(value).bytes
    }
}
