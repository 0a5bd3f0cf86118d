import Foundation

extension BSON {
    /// The value if this is a `.double`, else nil.
    public var doubleValue: Double? { if case .double(let v) = self { v } else { nil } }
    /// The value if this is a `.string`, else nil.
    public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
    /// The value if this is a `.binary`, else nil.
    public var binaryValue: BSONBinary? { if case .binary(let v) = self { v } else { nil } }
    /// The value if this is an `.objectID`, else nil.
    public var objectIDValue: BSONObjectID? { if case .objectID(let v) = self { v } else { nil } }
    /// The value if this is a `.bool`, else nil.
    public var boolValue: Bool? { if case .bool(let v) = self { v } else { nil } }
    /// The value if this is a `.datetime`, else nil.
    public var datetimeValue: BSONDatetime? { if case .datetime(let v) = self { v } else { nil } }
    /// The value as a `Date` if this is a `.datetime`, else nil.
    public var dateValue: Date? { datetimeValue?.date }
    /// The value if this is a `.regex`, else nil.
    public var regexValue: BSONRegularExpression? { if case .regex(let v) = self { v } else { nil } }
    /// The value if this is a `.dbPointer`, else nil.
    public var dbPointerValue: BSONDBPointer? { if case .dbPointer(let v) = self { v } else { nil } }
    /// The value if this is a `.code`, else nil.
    public var codeValue: BSONCode? { if case .code(let v) = self { v } else { nil } }
    /// The value if this is a `.symbol`, else nil.
    public var symbolValue: BSONSymbol? { if case .symbol(let v) = self { v } else { nil } }
    /// The value if this is a `.codeWithScope`, else nil.
    public var codeWithScopeValue: BSONCodeWithScope? { if case .codeWithScope(let v) = self { v } else { nil } }
    /// The value if this is an `.int32`, else nil.
    public var int32Value: Int32? { if case .int32(let v) = self { v } else { nil } }
    /// The value if this is a `.timestamp`, else nil.
    public var timestampValue: BSONTimestamp? { if case .timestamp(let v) = self { v } else { nil } }
    /// The value if this is an `.int64`, else nil.
    public var int64Value: Int64? { if case .int64(let v) = self { v } else { nil } }
    /// The value if this is a `.decimal128`, else nil.
    public var decimal128Value: BSONDecimal128? { if case .decimal128(let v) = self { v } else { nil } }
    /// True for `.null`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The value as an `Int` when it is an `.int32`, an `.int64` that fits, or a `.double`
    /// holding an integer exactly; nil for every lossy or non-numeric case.
    public func toInt() -> Int? {
        switch self {
        case .int32(let v): Int(v)
        case .int64(let v): Int(exactly: v)
        case .double(let v): Int(exactly: v)
        default: nil
        }
    }

    /// The value as an `Int32` when that is exact, else nil.
    public func toInt32() -> Int32? { toInt().flatMap { Int32(exactly: $0) } }

    /// The value as an `Int64` when that is exact, else nil.
    public func toInt64() -> Int64? {
        switch self {
        case .int32(let v): Int64(v)
        case .int64(let v): v
        case .double(let v): Int64(exactly: v)
        default: nil
        }
    }

    /// The value as a `Double` when it is a `.double`, or an integer that a `Double` holds
    /// exactly; nil for every lossy or non-numeric case.
    public func toDouble() -> Double? {
        switch self {
        case .double(let v): v
        case .int32(let v): Double(v)
        case .int64(let v): Double(exactly: v)
        default: nil
        }
    }
}
