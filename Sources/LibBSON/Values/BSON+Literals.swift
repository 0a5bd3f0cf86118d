extension BSON: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension BSON: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension BSON: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension BSON: ExpressibleByIntegerLiteral {
    /// Integer literals become `.int32` when they fit and `.int64` otherwise.
    public init(integerLiteral value: Int) {
        if let v = Int32(exactly: value) { self = .int32(v) } else { self = .int64(Int64(value)) }
    }
}

extension BSON: ExpressibleByNilLiteral {
    /// `nil` is BSON null.
    public init(nilLiteral: ()) { self = .null }
}

extension BSON: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: BSON...) { self = .array(elements) }
}

extension BSON: ExpressibleByDictionaryLiteral {
    /// A dictionary literal is an embedded document; keys keep their written order.
    public init(dictionaryLiteral elements: (String, BSON)...) {
        self = .document(BSONDocument(literalElements: elements))
    }
}

extension BSON: CustomStringConvertible {
    /// The value as relaxed Extended JSON.
    public var description: String {
        var writer = ExtendedJSONWriter(mode: .relaxed)
        writer.writeValue(self)
        return writer.result
    }
}
