/// The keyed container of ``BSONEncoder``: elements of one document.
struct BSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: BSONEncoderNode

    var codingPath: [any CodingKey] { node.codingPath }

    @inline(__always)
    private func target(_ key: Key) -> BSONEncodingTarget {
        .element(node, key: node.state.documentKey(key, in: node), path: .key(key))
    }

    @inline(__always)
    private var writesNull: Bool { node.state.options.nilEncodingStrategy == .writeNull }

    mutating func encodeNil(forKey key: Key) throws {
        try node.state.encodeNil(target(key))
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try node.state.encodeBool(value, target(key))
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        try node.state.encodeString(value, target(key))
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try node.state.encodeDouble(value, target(key))
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try node.state.encodeDouble(Double(value), target(key))
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        try node.state.encodeInt64(Int64(value), target(key))
    }

    mutating func encode(_ value: Int8, forKey key: Key) throws {
        try node.state.encodeInt32(Int32(value), target(key))
    }

    mutating func encode(_ value: Int16, forKey key: Key) throws {
        try node.state.encodeInt32(Int32(value), target(key))
    }

    mutating func encode(_ value: Int32, forKey key: Key) throws {
        try node.state.encodeInt32(value, target(key))
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        try node.state.encodeInt64(value, target(key))
    }

    mutating func encode(_ value: UInt, forKey key: Key) throws {
        try node.state.encodeUInt64(UInt64(value), target(key))
    }

    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        try node.state.encodeInt32(Int32(value), target(key))
    }

    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        try node.state.encodeInt32(Int32(value), target(key))
    }

    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        try node.state.encodeInt64(Int64(value), target(key))
    }

    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        try node.state.encodeUInt64(value, target(key))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.state.encode(value, to: target(key))
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try node.state.encodeBool(value, target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try node.state.encodeString(value, target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try node.state.encodeDouble(value, target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try node.state.encodeDouble(Double(value), target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try node.state.encodeInt64(Int64(value), target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try node.state.encodeInt32(Int32(value), target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try node.state.encodeInt32(Int32(value), target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try node.state.encodeInt32(value, target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try node.state.encodeInt64(value, target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try node.state.encodeUInt64(UInt64(value), target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try node.state.encodeInt32(Int32(value), target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try node.state.encodeInt32(Int32(value), target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try node.state.encodeInt64(Int64(value), target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try node.state.encodeUInt64(value, target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try node.state.encode(value, to: target(key)) } else if writesNull { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = BSONEncoderNode(state: node.state, parent: node, pathKey: .key(key),
                                    elementKey: node.state.documentKey(key, in: node))
        node.state.prepareFrame(child, isArray: false)
        return KeyedEncodingContainer(BSONKeyedEncodingContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = BSONEncoderNode(state: node.state, parent: node, pathKey: .key(key),
                                    elementKey: node.state.documentKey(key, in: node))
        node.state.prepareFrame(child, isArray: true)
        return BSONUnkeyedEncodingContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        node.state.makeSuperEncoder(in: node, key: BSONCodingKey.super.stringValue, path: .key(BSONCodingKey.super))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        node.state.makeSuperEncoder(in: node, key: node.state.documentKey(key, in: node), path: .key(key))
    }
}
