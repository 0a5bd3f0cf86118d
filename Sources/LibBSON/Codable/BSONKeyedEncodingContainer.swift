/// The keyed container of ``BSONEncoder``: elements of one document.
///
/// `KeyedEncodingContainerProtocol` asks for one method per primitive type; each forwards to
/// ``BSONEncodingState/encode(_:to:)``, where the rule for every type is stated once.
struct BSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: BSONEncoderNode

    var codingPath: [any CodingKey] { node.codingPath }

    @inline(__always)
    private func target(_ key: Key) -> BSONEncodingTarget {
        .element(node, key: node.state.documentKey(key, in: node), path: .key(key))
    }

    /// A present value is written; `nil` leaves the key out, or writes null with ``BSONCoderOptions/NilEncodingStrategy-swift.enum/writeNull``.
    @inline(__always)
    private mutating func encodeOptional<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value {
            try node.state.encode(value, to: target(key))
        } else if node.state.options.nilEncodingStrategy == .writeNull {
            try encodeNil(forKey: key)
        }
    }

    mutating func encodeNil(forKey key: Key) throws { try node.state.encodeNil(target(key)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: String, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try node.state.encode(value, to: target(key)) }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encodeOptional(value, key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(BSONKeyedEncodingContainer<NestedKey>(node: nested(key, isArray: false)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        BSONUnkeyedEncodingContainer(node: nested(key, isArray: true))
    }

    private func nested(_ key: Key, isArray: Bool) -> BSONEncoderNode {
        node.nested(.key(key), elementKey: node.state.documentKey(key, in: node), isArray: isArray)
    }

    mutating func superEncoder() -> any Encoder {
        node.state.buffer.makeSuperEncoder(in: node, key: BSONCodingKey.super.stringValue, path: .key(BSONCodingKey.super))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        node.state.buffer.makeSuperEncoder(in: node, key: node.state.documentKey(key, in: node), path: .key(key))
    }
}
