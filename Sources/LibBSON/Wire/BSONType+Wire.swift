/// BSON types as the wire holds them: an element's type byte, and how a value of each type is
/// laid out.
extension BSONType {
    /// The type `byte` names, or nil for a byte that names none.
    ///
    /// The same answer as `init(rawValue:)`, which the compiler calls out of line; this one
    /// is inlined and merges with the caller's switch on the type into one jump on the byte.
    @inlinable @inline(__always)
    init?(typeByte byte: UInt8) {
        switch byte {
        case BSONType.double.rawValue: self = .double
        case BSONType.string.rawValue: self = .string
        case BSONType.document.rawValue: self = .document
        case BSONType.array.rawValue: self = .array
        case BSONType.binary.rawValue: self = .binary
        case BSONType.undefined.rawValue: self = .undefined
        case BSONType.objectID.rawValue: self = .objectID
        case BSONType.bool.rawValue: self = .bool
        case BSONType.datetime.rawValue: self = .datetime
        case BSONType.null.rawValue: self = .null
        case BSONType.regex.rawValue: self = .regex
        case BSONType.dbPointer.rawValue: self = .dbPointer
        case BSONType.code.rawValue: self = .code
        case BSONType.symbol.rawValue: self = .symbol
        case BSONType.codeWithScope.rawValue: self = .codeWithScope
        case BSONType.int32.rawValue: self = .int32
        case BSONType.timestamp.rawValue: self = .timestamp
        case BSONType.int64.rawValue: self = .int64
        case BSONType.decimal128.rawValue: self = .decimal128
        case BSONType.minKey.rawValue: self = .minKey
        case BSONType.maxKey.rawValue: self = .maxKey
        default: return nil
        }
    }

    /// The type of an element whose type byte the validator accepted. A byte it would have
    /// refused reads as maxKey (a value of no bytes), as the element readers always did.
    @inlinable @inline(__always)
    init(validated byte: UInt8) {
        self = BSONType(typeByte: byte) ?? .maxKey
    }

    /// How this type's values are laid out.
    @inlinable @inline(__always)
    var layout: BSONValueLayout {
        switch self {
        case .double, .datetime, .timestamp, .int64: .fixed(8)
        case .int32: .fixed(4)
        case .bool: .fixed(1)
        case .objectID: .fixed(BSONValueLayout.objectIDSize)
        case .decimal128: .fixed(16)
        case .undefined, .null, .minKey, .maxKey: .fixed(0)
        case .string, .code, .symbol: .lengthPrefixed(extra: 4)
        case .binary: .lengthPrefixed(extra: 5)
        case .dbPointer: .lengthPrefixed(extra: 4 + BSONValueLayout.objectIDSize)
        case .document, .array, .codeWithScope: .lengthPrefixed(extra: 0)
        case .regex: .twoCStrings
        }
    }
}
