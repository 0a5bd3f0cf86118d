/// The methods ``BSONUnkeyedEncodingContainer`` and ``BSONSingleValueEncodingContainer``
/// share: `UnkeyedEncodingContainer` and `SingleValueEncodingContainer` ask for the same one
/// method per primitive type, and each writes one value to the container's ``target``.
/// Every one forwards to ``BSONEncodingState/encode(_:to:)``, where the rule for every type
/// is stated once.
protocol BSONValueEncodingContainer {
    var node: BSONEncoderNode { get }
    /// Where the next value goes.
    var target: BSONEncodingTarget { get }
}

extension BSONValueEncodingContainer {
    var codingPath: [any CodingKey] { node.codingPath }

    mutating func encodeNil() throws { try node.state.encodeNil(target) }
    mutating func encode(_ value: Bool) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: String) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: Double) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: Float) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: Int) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: Int8) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: Int16) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: Int32) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: Int64) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: UInt) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: UInt8) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: UInt16) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: UInt32) throws { try node.state.encode(value, to: target) }
    mutating func encode(_ value: UInt64) throws { try node.state.encode(value, to: target) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.state.encode(value, to: target) }
}
