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
/// `BSONEncoder` is a value: copies are independent, and it is `Sendable`.
public struct BSONEncoder: Sendable {
    private var configuration: BSONCoderConfiguration

    /// All settings: strategies, `userInfo`. See ``BSONCoderOptions``.
    ///
    /// Unless set (here, or in ``init(options:context:)``), these are the
    /// ``BSONContext/coderOptions`` of the context the encoder resolves when it runs:
    /// ``context`` if set, else the bound context, else ``BSONContext/global``.
    public var options: BSONCoderOptions { get { configuration.options } set { configuration.explicitOptions = newValue } }

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
    ///   - options: settings that override the context's; nil to follow the context.
    ///   - context: the context to use; nil to resolve the bound one (or the global one) per call.
    public init(options: BSONCoderOptions? = nil, context: BSONContext? = nil) {
        configuration = BSONCoderConfiguration(explicitOptions: options, context: context)
    }

    /// The state for one call: the resolved context, and the options in force.
    private func makeState() -> BSONEncodingState {
        let (options, context) = configuration.resolve()
        return BSONEncodingState(options: options, context: context)
    }

    // Strategy shortcuts: setting one starts the encoder's own options from the library
    // defaults (see ``options``), not from the context's.

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
