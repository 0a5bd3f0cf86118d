/// The single-value container of ``BSONEncoder``: the value of one element (or, at the top
/// level, a whole document).
struct BSONSingleValueEncodingContainer: SingleValueEncodingContainer {
    let node: BSONEncoderNode

    var codingPath: [any CodingKey] { node.codingPath }

    mutating func encodeNil() throws {
        try node.state.encodeNil(.single(node))
    }

    mutating func encode(_ value: Bool) throws {
        try node.state.encodeBool(value, .single(node))
    }

    mutating func encode(_ value: String) throws {
        try node.state.encodeString(value, .single(node))
    }

    mutating func encode(_ value: Double) throws {
        try node.state.encodeDouble(value, .single(node))
    }

    mutating func encode(_ value: Float) throws {
        try node.state.encodeDouble(Double(value), .single(node))
    }

    mutating func encode(_ value: Int) throws {
        try node.state.encodeInt64(Int64(value), .single(node))
    }

    mutating func encode(_ value: Int8) throws {
        try node.state.encodeInt32(Int32(value), .single(node))
    }

    mutating func encode(_ value: Int16) throws {
        try node.state.encodeInt32(Int32(value), .single(node))
    }

    mutating func encode(_ value: Int32) throws {
        try node.state.encodeInt32(value, .single(node))
    }

    mutating func encode(_ value: Int64) throws {
        try node.state.encodeInt64(value, .single(node))
    }

    mutating func encode(_ value: UInt) throws {
        try node.state.encodeUInt64(UInt64(value), .single(node))
    }

    mutating func encode(_ value: UInt8) throws {
        try node.state.encodeInt32(Int32(value), .single(node))
    }

    mutating func encode(_ value: UInt16) throws {
        try node.state.encodeInt32(Int32(value), .single(node))
    }

    mutating func encode(_ value: UInt32) throws {
        try node.state.encodeInt64(Int64(value), .single(node))
    }

    mutating func encode(_ value: UInt64) throws {
        try node.state.encodeUInt64(value, .single(node))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try node.state.encode(value, to: .single(node))
    }
}
