/// The unkeyed container of ``BSONEncoder``: elements of one array, keyed "0", "1"...
struct BSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let node: BSONEncoderNode

    var codingPath: [any CodingKey] { node.codingPath }

    var count: Int { node.count }

    @inline(__always)
    private var target: BSONEncodingTarget {
        .element(node, key: "", path: .index(node.count))
    }

    mutating func encodeNil() throws {
        try node.state.encodeNil(target)
    }

    mutating func encode(_ value: Bool) throws {
        try node.state.encodeBool(value, target)
    }

    mutating func encode(_ value: String) throws {
        try node.state.encodeString(value, target)
    }

    mutating func encode(_ value: Double) throws {
        try node.state.encodeDouble(value, target)
    }

    mutating func encode(_ value: Float) throws {
        try node.state.encodeDouble(Double(value), target)
    }

    mutating func encode(_ value: Int) throws {
        try node.state.encodeInt64(Int64(value), target)
    }

    mutating func encode(_ value: Int8) throws {
        try node.state.encodeInt32(Int32(value), target)
    }

    mutating func encode(_ value: Int16) throws {
        try node.state.encodeInt32(Int32(value), target)
    }

    mutating func encode(_ value: Int32) throws {
        try node.state.encodeInt32(value, target)
    }

    mutating func encode(_ value: Int64) throws {
        try node.state.encodeInt64(value, target)
    }

    mutating func encode(_ value: UInt) throws {
        try node.state.encodeUInt64(UInt64(value), target)
    }

    mutating func encode(_ value: UInt8) throws {
        try node.state.encodeInt32(Int32(value), target)
    }

    mutating func encode(_ value: UInt16) throws {
        try node.state.encodeInt32(Int32(value), target)
    }

    mutating func encode(_ value: UInt32) throws {
        try node.state.encodeInt64(Int64(value), target)
    }

    mutating func encode(_ value: UInt64) throws {
        try node.state.encodeUInt64(value, target)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try node.state.encode(value, to: target)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = BSONEncoderNode(state: node.state, parent: node, pathKey: .index(node.count), elementKey: "")
        node.state.prepareFrame(child, isArray: false)
        return KeyedEncodingContainer(BSONKeyedEncodingContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = BSONEncoderNode(state: node.state, parent: node, pathKey: .index(node.count), elementKey: "")
        node.state.prepareFrame(child, isArray: true)
        return BSONUnkeyedEncodingContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        node.state.makeSuperEncoder(in: node, key: "", path: .index(node.count))
    }
}
