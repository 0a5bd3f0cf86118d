import Foundation

/// Every setting of ``BSONEncoder`` and ``BSONDecoder``, in one `Sendable` value.
///
/// Both coders hold a `BSONCoderOptions` and read all of their behaviour from it, so one value
/// can configure a matching encoder and decoder, be stored, or be shared across tasks.
/// Each strategy has an encoding and a decoding half; keep them matched to round-trip values.
///
/// ```swift
/// var options = BSONCoderOptions()
/// options.dateEncodingStrategy = .iso8601
/// options.dateDecodingStrategy = .iso8601
/// options.keyEncodingStrategy = .convertToSnakeCase
/// options.keyDecodingStrategy = .convertFromSnakeCase
///
/// let encoder = BSONEncoder(options: options)
/// let decoder = BSONDecoder(options: options)
/// ```
///
/// The defaults store every value in its native BSON type: `Date` as a BSON datetime, `UUID`
/// as binary subtype 4, `Data` as generic binary, keys as written, `nil` properties omitted.
///
/// ## Integer widths
///
/// With the default ``IntegerEncodingStrategy-swift.enum/bySwiftType``, the BSON type follows
/// the Swift type, never the value, so a field keeps one BSON type across documents:
///
/// | Swift type | BSON type |
/// |---|---|
/// | `Int8`, `Int16`, `Int32`, `UInt8`, `UInt16` | int32 |
/// | `Int`, `Int64`, `UInt32` | int64 |
/// | `UInt`, `UInt64` | int64 when the value is at most `Int64.max`, else ``UnsignedIntegerStrategy-swift.enum`` decides |
/// | `Float`, `Double` | double |
///
/// ``IntegerEncodingStrategy-swift.enum/smallestThatFits`` writes any integer as int32 when it
/// fits and int64 otherwise. Decoding is independent of the strategy: any BSON int32, int64 or
/// double (and decimal128 holding a plain integer) is accepted when it converts exactly to the
/// requested type; a lossy conversion (`3.5` into an `Int`, `300` into an `Int8`) throws
/// `DecodingError.dataCorrupted` naming the coding path, the type and the value found.
public struct BSONCoderOptions: Sendable {
    // MARK: Keys

    /// How property names become document keys.
    ///
    /// The strategy applies to the keys of keyed containers (properties, enum cases), not to
    /// the keys of a `Dictionary`, which are data and are written as they are.
    public enum KeyEncodingStrategy: Sendable {
        /// Keys as the `CodingKey`s spell them (the default).
        case useDefaultKeys
        /// `camelCase` to `snake_case` by `JSONEncoder`'s rules: `userID` becomes `user_id`,
        /// `myURLProperty` becomes `my_url_property`; leading and trailing underscores are kept.
        case convertToSnakeCase
        /// A closure given the full coding path, whose last key is the one to convert.
        case custom(@Sendable (_ codingPath: [any CodingKey]) -> any CodingKey)
    }

    /// How document keys are matched to property names.
    public enum KeyDecodingStrategy: Sendable {
        /// Keys as the `CodingKey`s spell them (the default).
        case useDefaultKeys
        /// A property matches the document key that ``KeyEncodingStrategy/convertToSnakeCase``
        /// would write for it (`userID` reads `user_id`), so everything the encoder writes
        /// reads back. `allKeys` lists document keys converted to camelCase (`user_id` as `userId`).
        case convertFromSnakeCase
        /// A closure given the coding path and one document key (last), returning the key to match.
        case custom(@Sendable (_ codingPath: [any CodingKey]) -> any CodingKey)
    }

    // MARK: Nil

    /// What an optional property holding `nil` becomes.
    public enum NilEncodingStrategy: Sendable, Hashable {
        /// The key is left out (the default), as `encodeIfPresent` does.
        case omitKey
        /// The key is written with a BSON null.
        case writeNull
    }

    /// How `Date` values are written. Default ``DateEncodingStrategy-swift.enum/bsonDatetime``.
    public var dateEncodingStrategy: DateEncodingStrategy = .bsonDatetime { didSet { assignedSettings.insert(.dateEncoding) } }
    /// How `Date` values are read. Default ``DateDecodingStrategy-swift.enum/bsonDatetime``.
    public var dateDecodingStrategy: DateDecodingStrategy = .bsonDatetime { didSet { assignedSettings.insert(.dateDecoding) } }
    /// How `UUID` values are written. Default ``UUIDEncodingStrategy-swift.enum/binary``.
    public var uuidEncodingStrategy: UUIDEncodingStrategy = .binary { didSet { assignedSettings.insert(.uuidEncoding) } }
    /// How `UUID` values are read. Default ``UUIDDecodingStrategy-swift.enum/binary``.
    public var uuidDecodingStrategy: UUIDDecodingStrategy = .binary { didSet { assignedSettings.insert(.uuidDecoding) } }
    /// How `Data` values are written. Default ``DataEncodingStrategy-swift.enum/binary``.
    public var dataEncodingStrategy: DataEncodingStrategy = .binary { didSet { assignedSettings.insert(.dataEncoding) } }
    /// How `Data` values are read. Default ``DataDecodingStrategy-swift.enum/binary``.
    public var dataDecodingStrategy: DataDecodingStrategy = .binary { didSet { assignedSettings.insert(.dataDecoding) } }
    /// How property names become keys. Default ``KeyEncodingStrategy-swift.enum/useDefaultKeys``.
    public var keyEncodingStrategy: KeyEncodingStrategy = .useDefaultKeys { didSet { assignedSettings.insert(.keyEncoding) } }
    /// How keys are matched to property names. Default ``KeyDecodingStrategy-swift.enum/useDefaultKeys``.
    public var keyDecodingStrategy: KeyDecodingStrategy = .useDefaultKeys { didSet { assignedSettings.insert(.keyDecoding) } }
    /// What `nil` optional properties become. Default ``NilEncodingStrategy-swift.enum/omitKey``.
    public var nilEncodingStrategy: NilEncodingStrategy = .omitKey { didSet { assignedSettings.insert(.nilEncoding) } }
    /// Which BSON integer type integers are written as. Default ``IntegerEncodingStrategy-swift.enum/bySwiftType``.
    public var integerEncodingStrategy: IntegerEncodingStrategy = .bySwiftType { didSet { assignedSettings.insert(.integerEncoding) } }
    /// What happens to unsigned values above `Int64.max`. Default ``UnsignedIntegerStrategy-swift.enum/throwError``.
    public var unsignedIntegerStrategy: UnsignedIntegerStrategy = .throwError { didSet { assignedSettings.insert(.unsignedInteger) } }
    /// The validation limits these options set for ``BSONDecoder`` (applied to bytes given as
    /// `[UInt8]` or `Data`), or nil (the default) to use the limits of the context the decoder
    /// resolves, ``BSONContext/validation``: options that only change a strategy never loosen
    /// a tenant's limits.
    ///
    /// ```swift
    /// var options = BSONCoderOptions()
    /// options.validationOverride = BSONValidationOptions(maxDepth: 10)
    /// ```
    ///
    /// Set a whole value: `options.validationOverride?.maxDepth = 10` changes nothing while the
    /// override is nil. To ask which limits apply, read ``validation(in:)`` or
    /// ``BSONDecoder/validation``.
    public var validationOverride: BSONValidationOptions? { didSet { assignedSettings.insert(.validationOverride) } }

    /// The limits that apply when a ``BSONDecoder`` with these options decodes bytes in
    /// `context`: ``validationOverride`` when set, else `context`'s ``BSONContext/validation``.
    ///
    /// With no context given, the context a decoder without one would resolve here: the one
    /// bound with ``BSONContext/withCurrent(_:_:)``, else ``BSONContext/global``.
    ///
    /// ```swift
    /// let tenant = BSONContext(name: "tenant", validation: BSONValidationOptions(maxDepth: 8))
    /// BSONCoderOptions().validation(in: tenant).maxDepth   // 8
    /// ```
    public func validation(in context: BSONContext? = nil) -> BSONValidationOptions {
        validationOverride ?? (context ?? BSONContext.bound).validation
    }

    /// The validation limits that apply here (``validation(in:)`` with no context); setting it
    /// sets ``validationOverride``.
    ///
    /// This getter used to report ``BSONValidationOptions/default`` when no limits were set,
    /// while the context's limits were what applied; it now reports the limits that apply.
    /// Set limits with ``validationOverride``; read them with ``validation(in:)`` (or
    /// ``BSONDecoder/validation``, which knows the decoder's own context).
    // No `renamed:`: its fix-it would also rewrite reads, which need validation(in:) (the
    // override is an Optional that is nil while the context's limits apply).
    @available(*, deprecated,
               message: "set validationOverride (nil follows the context); read validation(in:) or BSONDecoder.validation for the limits that apply")
    public var validation: BSONValidationOptions {
        get { validation(in: nil) }
        set { validationOverride = newValue }
    }

    /// Values handed to `Encodable`/`Decodable` implementations as `Encoder.userInfo` and
    /// `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:] { didSet { assignedSettings.insert(.userInfo) } }

    /// The settings assigned on this value since it was made (its observers record them), so a
    /// coder can keep a setting changed through its ``BSONEncoder/options`` as a change of that
    /// one setting (see ``BSONCoderConfiguration``).
    var assignedSettings: Settings = []

    /// The defaults described on each property.
    public init() {}

    /// The defaults described on each property.
    public static var `default`: BSONCoderOptions { BSONCoderOptions() }

    var keyConversionNeeded: Bool {
        if case .useDefaultKeys = keyEncodingStrategy { return false }
        return true
    }

    var keyMatchingNeeded: Bool {
        if case .useDefaultKeys = keyDecodingStrategy { return false }
        return true
    }
}
