/// A type that ``BSONEncoder`` and ``BSONDecoder`` write and read as one native BSON value,
/// without going through its `Codable` implementation.
protocol BSONNativeValue {
    /// The value as BSON.
    var bsonValue: BSON { get }
    /// The value held by `bson`, or nil when `bson` is another type.
    static func fromBSON(_ bson: BSON) -> Self?
    /// What the decoder expected, for error messages ("an ObjectId").
    static var expectedBSON: String { get }
}

extension BSON: BSONNativeValue {
    var bsonValue: BSON { self }
    static func fromBSON(_ bson: BSON) -> BSON? { bson }
    static var expectedBSON: String { "any BSON value" }
}

extension BSONDocument: BSONNativeValue {
    var bsonValue: BSON { .document(self) }
    static func fromBSON(_ bson: BSON) -> BSONDocument? { bson.documentValue }
    static var expectedBSON: String { "an embedded document" }
}

extension BSONObjectID: BSONNativeValue {
    var bsonValue: BSON { .objectID(self) }
    static func fromBSON(_ bson: BSON) -> BSONObjectID? { bson.objectIDValue }
    static var expectedBSON: String { "an ObjectId" }
}

extension BSONDecimal128: BSONNativeValue {
    var bsonValue: BSON { .decimal128(self) }
    static func fromBSON(_ bson: BSON) -> BSONDecimal128? { bson.decimal128Value }
    static var expectedBSON: String { "a decimal128" }
}

extension BSONBinary: BSONNativeValue {
    var bsonValue: BSON { .binary(self) }
    static func fromBSON(_ bson: BSON) -> BSONBinary? { bson.binaryValue }
    static var expectedBSON: String { "binary data" }
}

extension BSONDatetime: BSONNativeValue {
    var bsonValue: BSON { .datetime(self) }
    static func fromBSON(_ bson: BSON) -> BSONDatetime? { bson.datetimeValue }
    static var expectedBSON: String { "a UTC datetime" }
}

extension BSONTimestamp: BSONNativeValue {
    var bsonValue: BSON { .timestamp(self) }
    static func fromBSON(_ bson: BSON) -> BSONTimestamp? { bson.timestampValue }
    static var expectedBSON: String { "a timestamp" }
}

extension BSONRegularExpression: BSONNativeValue {
    var bsonValue: BSON { .regex(self) }
    static func fromBSON(_ bson: BSON) -> BSONRegularExpression? { bson.regexValue }
    static var expectedBSON: String { "a regular expression" }
}

extension BSONCode: BSONNativeValue {
    var bsonValue: BSON { .code(self) }
    static func fromBSON(_ bson: BSON) -> BSONCode? { bson.codeValue }
    static var expectedBSON: String { "JavaScript code" }
}

extension BSONCodeWithScope: BSONNativeValue {
    var bsonValue: BSON { .codeWithScope(self) }
    static func fromBSON(_ bson: BSON) -> BSONCodeWithScope? { bson.codeWithScopeValue }
    static var expectedBSON: String { "JavaScript code with scope" }
}

extension BSONDBPointer: BSONNativeValue {
    var bsonValue: BSON { .dbPointer(self) }
    static func fromBSON(_ bson: BSON) -> BSONDBPointer? { bson.dbPointerValue }
    static var expectedBSON: String { "a DBPointer" }
}

extension BSONSymbol: BSONNativeValue {
    var bsonValue: BSON { .symbol(self) }
    static func fromBSON(_ bson: BSON) -> BSONSymbol? { bson.symbolValue }
    static var expectedBSON: String { "a symbol" }
}
