import Foundation

/// Decodes `Decodable` Swift values from BSON documents.
///
/// The decoder reads straight from the document's validated bytes: no intermediate tree.
/// Keys asked for in document order cost one comparison each; any other order indexes the
/// document once. Only the values asked for are read, and embedded ``BSONDocument`` values
/// are slices of the input, not copies.
///
/// ```swift
/// struct User: Codable {
///     var name: String
///     var age: Int
/// }
///
/// let doc: BSONDocument = ["name": "Ada", "age": .int32(36)]
/// let user = try BSONDecoder().decode(User.self, from: doc)
/// ```
///
/// Numbers convert when they convert exactly: an int32, an int64 or a double holding `36` all
/// decode as `Int`, `Int8` or `Double`; `36.5` into an `Int`, or `300` into an `Int8`, throws.
///
/// Errors are `DecodingError`s with the full coding path and what was expected and found:
/// `typeMismatch` ("Expected Int but found string \"x\""), `valueNotFound` for null or a
/// missing array element, `keyNotFound`, `dataCorrupted` for inexact numbers and bad strings.
///
/// ## Which settings apply
///
/// The settings are worked out each time the decoder runs, from the context in effect then
/// (``context`` if set, else the context bound with ``BSONContext/withCurrent(_:_:)``, else
/// ``BSONContext/global``): that context's ``BSONContext/coderOptions``, with what was set on
/// the decoder on top.
///
/// - Changing one setting, with a shortcut (``keyDecodingStrategy``, ``dateDecodingStrategy``,
///   ...) or through ``options`` (`decoder.options.keyDecodingStrategy = ...`), changes that
///   setting only: every other one keeps following the context, wherever the decoder runs.
/// - Giving options whole, with ``init(options:context:)`` or `decoder.options = someOptions`,
///   replaces every setting: the context's strategies no longer apply (its validation limits,
///   codecs and caches still do, unless ``BSONCoderOptions/validationOverride`` is set).
///
/// ```swift
/// var iso = BSONCoderOptions()
/// iso.dateDecodingStrategy = .iso8601
/// let tenant = BSONContext(name: "tenant", coderOptions: iso)
///
/// var decoder = BSONDecoder()
/// decoder.keyDecodingStrategy = .convertFromSnakeCase
/// let order = try BSONContext.withCurrent(tenant) {
///     try decoder.decode(Order.self, from: doc)   // snake_case keys, ISO 8601 dates (the tenant's)
/// }
/// ```
///
/// `BSONDecoder` is a value: copies are independent, and it is `Sendable`.
public struct BSONDecoder: Sendable {
    private var configuration: BSONCoderConfiguration

    /// All settings: strategies, validation limits, `userInfo`. See ``BSONCoderOptions``.
    ///
    /// Reading it gives the settings the decoder would use if it ran here: the
    /// ``BSONContext/coderOptions`` of the context it resolves (``context`` if set, else the
    /// bound context, else ``BSONContext/global``) with what was set on the decoder on top.
    /// Changing one property through it changes that setting only; assigning a whole value
    /// replaces every setting (see "Which settings apply" above).
    public var options: BSONCoderOptions {
        get { configuration.options }
        set { configuration.options = newValue }
        _modify { yield &configuration.options }
    }

    /// The context whose options, validation limits, custom codecs and caches this decoder
    /// uses; nil to use the bound context or ``BSONContext/global`` at each call (see
    /// ``BSONContext/resolve(_:)``).
    public var context: BSONContext? { get { configuration.context } set { configuration.context = newValue } }

    /// The validation limits this decoder applies to bytes given as `[UInt8]` or `Data` when
    /// it runs here: ``options``' ``BSONCoderOptions/validationOverride`` when set, else the
    /// ``BSONContext/validation`` of the context it resolves (``context`` if set, else the
    /// bound context, else ``BSONContext/global``).
    ///
    /// ```swift
    /// let strict = BSONContext(name: "strict", validation: BSONValidationOptions(maxDepth: 8))
    /// BSONDecoder().validation.maxDepth                                     // 100 (global)
    /// BSONContext.withCurrent(strict) { BSONDecoder().validation.maxDepth }  // 8
    /// ```
    public var validation: BSONValidationOptions {
        options.validation(in: context)
    }

    /// Creates a decoder.
    ///
    /// ```swift
    /// var options = BSONCoderOptions()
    /// options.keyDecodingStrategy = .convertFromSnakeCase
    /// let decoder = BSONDecoder(options: options)
    /// ```
    ///
    /// - Parameters:
    ///   - options: settings that replace all of the context's; nil to follow the context.
    ///   - context: the context to use; nil to resolve the bound one (or the global one) per call.
    public init(options: BSONCoderOptions? = nil, context: BSONContext? = nil) {
        configuration = BSONCoderConfiguration(options: options, context: context)
    }

    // Strategy shortcuts: setting one changes that setting only; the others keep following
    // the context in effect when the decoder runs (see "Which settings apply").

    /// How `Date` values are read; a shortcut for `options.dateDecodingStrategy`.
    public var dateDecodingStrategy: BSONCoderOptions.DateDecodingStrategy { get { options.dateDecodingStrategy } set { configuration.set(\.dateDecodingStrategy, newValue) } }

    /// How `UUID` values are read; a shortcut for `options.uuidDecodingStrategy`.
    public var uuidDecodingStrategy: BSONCoderOptions.UUIDDecodingStrategy { get { options.uuidDecodingStrategy } set { configuration.set(\.uuidDecodingStrategy, newValue) } }

    /// How `Data` values are read; a shortcut for `options.dataDecodingStrategy`.
    public var dataDecodingStrategy: BSONCoderOptions.DataDecodingStrategy { get { options.dataDecodingStrategy } set { configuration.set(\.dataDecodingStrategy, newValue) } }

    /// How keys are matched to property names; a shortcut for `options.keyDecodingStrategy`.
    public var keyDecodingStrategy: BSONCoderOptions.KeyDecodingStrategy { get { options.keyDecodingStrategy } set { configuration.set(\.keyDecodingStrategy, newValue) } }

    /// Decodes a `T` from a document.
    ///
    /// ```swift
    /// let user = try BSONDecoder().decode(User.self, from: doc)
    /// ```
    ///
    /// A literal passed as `from:` is read as a ``BSON`` value, by
    /// ``decode(_:from:)-(_,BSON)``, with the same result.
    ///
    /// - Throws: `DecodingError` naming the coding path, the type expected and the value found.
    @_disfavoredOverload   // literals are BSON values: see decode(_:from: BSON)
    public func decode<T: Decodable>(_ type: T.Type, from document: BSONDocument) throws -> T {
        let (options, context) = configuration.resolve()
        return try BSONDecodingState(storage: document.storage, options: options, context: context).decodeDocument(T.self)
    }

    /// Validates `bytes` as one BSON document (with the limits ``validation`` reports) and
    /// decodes a `T` from them, without copying them or building a ``BSONDocument`` tree.
    ///
    /// ```swift
    /// let user = try BSONDecoder().decode(User.self, from: bytesFromTheWire)
    /// ```
    ///
    /// An array literal passed as `from:` is a BSON array, not bytes
    /// (``decode(_:from:)-(_,BSON)``): `decode([Int].self, from: [1, 2, 3])` is `[1, 2, 3]`.
    /// Bytes come from a `[UInt8]` value, such as a variable or `[0x05, 0, 0, 0, 0] as [UInt8]`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` with the ``BSONError`` as its underlying error
    ///   when the bytes are not valid BSON; otherwise as ``decode(_:from:)-(_,BSONDocument)``.
    @_disfavoredOverload   // literals are BSON values: see decode(_:from: BSON)
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let (options, context) = configuration.resolve()
        do {
            try bytes.withUnsafeBytes { try BSONValidator(options: options.validation(in: context)).validate($0) }
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [], debugDescription: "The given data is not valid BSON: \(error)", underlyingError: error))
        }
        return try BSONDecodingState(storage: bytes[...], options: options, context: context).decodeDocument(T.self)
    }

    /// Validates `data` as one BSON document and decodes a `T` from it.
    ///
    /// ```swift
    /// let user = try BSONDecoder().decode(User.self, from: try Data(contentsOf: url))
    /// ```
    ///
    /// - Throws: as ``decode(_:from:)-(_,[UInt8])``.
    @_disfavoredOverload   // literals are BSON values: see decode(_:from: BSON)
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(T.self, from: [UInt8](data))
    }

    /// Decodes a `T` from any BSON value (a document, an array, a number...).
    ///
    /// ```swift
    /// let numbers = try BSONDecoder().decode([Int].self, from: BSON.array([1, 2, 3]))
    /// ```
    ///
    /// Every literal passed as `from:` is read by this method, as the ``BSON`` value it spells:
    /// an array literal is a BSON array (`decode([Int].self, from: [1, 2, 3])` is `[1, 2, 3]`,
    /// never the bytes 1, 2, 3), a dictionary literal a document, a string literal a string.
    /// The other forms are marked disfavoured so that they take only values of their own type:
    /// a ``BSONDocument``, `[UInt8]` bytes, `Data`.
    ///
    /// - Throws: `DecodingError` naming the coding path, the type expected and the value found.
    public func decode<T: Decodable>(_ type: T.Type, from value: BSON) throws -> T {
        if case .document(let document) = value {
            return try decode(T.self, from: document)
        }
        let wrapper: BSONDocument
        do {
            wrapper = try BSONDocument(elements: [(key: "v", value: value)])
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [], debugDescription: "Cannot read the value: \(error)", underlyingError: error))
        }
        let (options, context) = configuration.resolve()
        return try BSONDecodingState(storage: wrapper.storage, options: options, context: context).decodeOnlyElement(T.self)
    }
}
