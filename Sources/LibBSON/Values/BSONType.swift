/// The type byte of a BSON element, as the BSON specification numbers them.
public enum BSONType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case double = 0x01
    case string = 0x02
    case document = 0x03
    case array = 0x04
    case binary = 0x05
    /// Deprecated by the BSON specification.
    case undefined = 0x06
    case objectID = 0x07
    case bool = 0x08
    case datetime = 0x09
    case null = 0x0A
    case regex = 0x0B
    /// Deprecated by the BSON specification.
    case dbPointer = 0x0C
    case code = 0x0D
    /// Deprecated by the BSON specification.
    case symbol = 0x0E
    case codeWithScope = 0x0F
    case int32 = 0x10
    case timestamp = 0x11
    case int64 = 0x12
    case decimal128 = 0x13
    case minKey = 0xFF
    case maxKey = 0x7F

    public var description: String {
        switch self {
        case .double: "double"
        case .string: "string"
        case .document: "document"
        case .array: "array"
        case .binary: "binary"
        case .undefined: "undefined"
        case .objectID: "objectId"
        case .bool: "bool"
        case .datetime: "date"
        case .null: "null"
        case .regex: "regex"
        case .dbPointer: "dbPointer"
        case .code: "javascript"
        case .symbol: "symbol"
        case .codeWithScope: "javascriptWithScope"
        case .int32: "int"
        case .timestamp: "timestamp"
        case .int64: "long"
        case .decimal128: "decimal"
        case .minKey: "minKey"
        case .maxKey: "maxKey"
        }
    }
}
