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
    // MARK: Dates

    /// How `Date` values are written.
    public enum DateEncodingStrategy: Sendable {
        /// A BSON UTC datetime, rounded to the nearest millisecond (the default).
        case bsonDatetime
        /// An int64 count of milliseconds since 1970-01-01T00:00:00Z, rounded to the nearest millisecond.
        case millisecondsSince1970
        /// A double count of seconds since 1970-01-01T00:00:00Z.
        case secondsSince1970
        /// An ISO 8601 string in UTC with millisecond precision, for years 0000 to 9999:
        /// `2024-05-17T09:30:00Z`, or `2024-05-17T09:30:00.250Z` when the milliseconds are not zero.
        case iso8601
        /// A closure that encodes the date through the given encoder.
        case custom(@Sendable (Date, any Encoder) throws -> Void)
    }

    /// How `Date` values are read.
    public enum DateDecodingStrategy: Sendable {
        /// A BSON UTC datetime (the default).
        case bsonDatetime
        /// A number (int32, int64 or double) of milliseconds since 1970.
        case millisecondsSince1970
        /// A number (int32, int64 or double) of seconds since 1970.
        case secondsSince1970
        /// An ISO 8601 string, read as Extended JSON's `{"$date": "…"}` is:
        /// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` (`T` or `t`; second 60 is the next minute's
        /// second 0), then `Z`, `z` or an offset `+HH:MM` / `-HHMM`; the fraction, of any
        /// length, rounded to the nearest millisecond.
        case iso8601
        /// A closure that decodes the date from the given decoder.
        case custom(@Sendable (any Decoder) throws -> Date)
    }

    // MARK: UUIDs

    /// How `UUID` values are written.
    public enum UUIDEncodingStrategy: Sendable, Hashable {
        /// Binary subtype 4, the 16 bytes in RFC 4122 order (the default).
        case binary
        /// The uppercase hyphenated string, as `UUID.uuidString` spells it.
        case string
    }

    /// How `UUID` values are read.
    public enum UUIDDecodingStrategy: Sendable, Hashable {
        /// Binary subtype 4, or 16 bytes of legacy subtype 3 read in byte order (the default).
        case binary
        /// A hyphenated UUID string in either case.
        case string
    }

    // MARK: Data

    /// How `Data` values are written.
    public enum DataEncodingStrategy: Sendable {
        /// Binary, generic subtype 0 (the default).
        case binary
        /// A base64 string.
        case base64
        /// A closure that encodes the data through the given encoder.
        case custom(@Sendable (Data, any Encoder) throws -> Void)
    }

    /// How `Data` values are read.
    public enum DataDecodingStrategy: Sendable {
        /// Binary of any subtype (the default).
        case binary
        /// A base64 string.
        case base64
        /// A closure that decodes the data from the given decoder.
        case custom(@Sendable (any Decoder) throws -> Data)
    }

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

    // MARK: Nil and numbers

    /// What an optional property holding `nil` becomes.
    public enum NilEncodingStrategy: Sendable, Hashable {
        /// The key is left out (the default), as `encodeIfPresent` does.
        case omitKey
        /// The key is written with a BSON null.
        case writeNull
    }

    /// Which BSON integer type an integer is written as; see the table on ``BSONCoderOptions``.
    public enum IntegerEncodingStrategy: Sendable, Hashable {
        /// Chosen by the Swift type, whatever the value (the default).
        case bySwiftType
        /// int32 when the value fits, else int64.
        case smallestThatFits
    }

    /// What happens to a `UInt` or `UInt64` above `Int64.max`, which no BSON integer holds.
    public enum UnsignedIntegerStrategy: Sendable, Hashable {
        /// Encoding throws `EncodingError.invalidValue`; decoding accepts only exact values (the default).
        case throwError
        /// Written as the int64 with the same bits (so `UInt64.max` is stored as -1); decoding
        /// a negative int64 into `UInt`/`UInt64` reads its bits back.
        case int64BitPattern
        /// Written as a decimal128 integer; decoding reads decimal128 integers too (always on).
        case decimal128
    }

    /// How `Date` values are written. Default ``DateEncodingStrategy-swift.enum/bsonDatetime``.
    public var dateEncodingStrategy: DateEncodingStrategy = .bsonDatetime
    /// How `Date` values are read. Default ``DateDecodingStrategy-swift.enum/bsonDatetime``.
    public var dateDecodingStrategy: DateDecodingStrategy = .bsonDatetime
    /// How `UUID` values are written. Default ``UUIDEncodingStrategy-swift.enum/binary``.
    public var uuidEncodingStrategy: UUIDEncodingStrategy = .binary
    /// How `UUID` values are read. Default ``UUIDDecodingStrategy-swift.enum/binary``.
    public var uuidDecodingStrategy: UUIDDecodingStrategy = .binary
    /// How `Data` values are written. Default ``DataEncodingStrategy-swift.enum/binary``.
    public var dataEncodingStrategy: DataEncodingStrategy = .binary
    /// How `Data` values are read. Default ``DataDecodingStrategy-swift.enum/binary``.
    public var dataDecodingStrategy: DataDecodingStrategy = .binary
    /// How property names become keys. Default ``KeyEncodingStrategy-swift.enum/useDefaultKeys``.
    public var keyEncodingStrategy: KeyEncodingStrategy = .useDefaultKeys
    /// How keys are matched to property names. Default ``KeyDecodingStrategy-swift.enum/useDefaultKeys``.
    public var keyDecodingStrategy: KeyDecodingStrategy = .useDefaultKeys
    /// What `nil` optional properties become. Default ``NilEncodingStrategy-swift.enum/omitKey``.
    public var nilEncodingStrategy: NilEncodingStrategy = .omitKey
    /// Which BSON integer type integers are written as. Default ``IntegerEncodingStrategy-swift.enum/bySwiftType``.
    public var integerEncodingStrategy: IntegerEncodingStrategy = .bySwiftType
    /// What happens to unsigned values above `Int64.max`. Default ``UnsignedIntegerStrategy-swift.enum/throwError``.
    public var unsignedIntegerStrategy: UnsignedIntegerStrategy = .throwError
    /// The checks applied by ``BSONDecoder`` to bytes given as `[UInt8]` or `Data`.
    ///
    /// Until set, these are the ``BSONContext/validation`` limits of the context the decoder
    /// resolves (reading the property then gives ``BSONValidationOptions/default``), so options
    /// that only change a strategy never loosen a tenant's limits.
    public var validation: BSONValidationOptions {
        get { explicitValidation ?? .default }
        set { explicitValidation = newValue }
    }

    /// The validation limits set on these options, or nil to use the context's.
    var explicitValidation: BSONValidationOptions?
    /// Values handed to `Encodable`/`Decodable` implementations as `Encoder.userInfo` and
    /// `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

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

extension BSONCoderOptions {
    /// A copy with one setting changed (for the coders' strategy shortcuts).
    func with<Value>(_ keyPath: WritableKeyPath<BSONCoderOptions, Value>, _ value: Value) -> BSONCoderOptions {
        var copy = self
        copy[keyPath: keyPath] = value
        return copy
    }
}
