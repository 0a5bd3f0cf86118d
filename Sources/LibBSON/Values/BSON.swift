/// A BSON value: one case for each of the 21 BSON types.
///
/// `BSON` is the exact storage type of the library, as GRDB's `DatabaseValue` is for SQLite:
/// every value read from a document is a `BSON`, and every value written is one.
///
/// ```swift
/// let doc: BSONDocument = ["name": "Ada", "born": .int32(1815), "tags": ["math", "poetry"]]
/// doc["born"]?.toInt()        // 1815
/// doc["tags"]?.arrayValue?.count  // 2
/// ```
///
/// ## Topics
/// ### Reading values
/// - ``type``
/// - ``doubleValue``
/// - ``stringValue``
/// - ``documentValue``
/// - ``arrayValue``
/// - ``toInt()``
/// - ``toDouble()``
public enum BSON: Sendable, Hashable {
    /// A 64-bit binary floating point number (0x01).
    case double(Double)
    /// A UTF-8 string (0x02).
    case string(String)
    /// An embedded document (0x03).
    case document(BSONDocument)
    /// An array (0x04).
    case array([BSON])
    /// Binary data with a subtype (0x05).
    case binary(BSONBinary)
    /// Undefined (0x06, deprecated).
    case undefined
    /// An ObjectId (0x07).
    case objectID(BSONObjectID)
    /// A boolean (0x08).
    case bool(Bool)
    /// A UTC datetime in milliseconds (0x09).
    case datetime(BSONDatetime)
    /// Null (0x0A).
    case null
    /// A regular expression (0x0B).
    case regex(BSONRegularExpression)
    /// A DBPointer (0x0C, deprecated).
    case dbPointer(BSONDBPointer)
    /// JavaScript code (0x0D).
    case code(BSONCode)
    /// A symbol (0x0E, deprecated).
    case symbol(BSONSymbol)
    /// JavaScript code with scope (0x0F, deprecated).
    case codeWithScope(BSONCodeWithScope)
    /// A 32-bit integer (0x10).
    case int32(Int32)
    /// A MongoDB timestamp (0x11).
    case timestamp(BSONTimestamp)
    /// A 64-bit integer (0x12).
    case int64(Int64)
    /// A 128-bit decimal (0x13).
    case decimal128(BSONDecimal128)
    /// The minimum key (0xFF).
    case minKey
    /// The maximum key (0x7F).
    case maxKey

    /// The BSON type of this value.
    public var type: BSONType {
        switch self {
        case .double: .double
        case .string: .string
        case .document: .document
        case .array: .array
        case .binary: .binary
        case .undefined: .undefined
        case .objectID: .objectID
        case .bool: .bool
        case .datetime: .datetime
        case .null: .null
        case .regex: .regex
        case .dbPointer: .dbPointer
        case .code: .code
        case .symbol: .symbol
        case .codeWithScope: .codeWithScope
        case .int32: .int32
        case .timestamp: .timestamp
        case .int64: .int64
        case .decimal128: .decimal128
        case .minKey: .minKey
        case .maxKey: .maxKey
        }
    }
}
