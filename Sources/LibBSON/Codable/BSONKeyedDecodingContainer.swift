/// The keyed container of ``BSONDecoder``: elements of one document, found by key.
///
/// `KeyedDecodingContainerProtocol` asks for one method per primitive type; each forwards to
/// ``BSONDecodingState/decode(_:_:)``, where the rule for every type is stated once.
struct BSONKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: BSONDecoderNode

    var codingPath: [any CodingKey] { node.codingPath }

    var allKeys: [Key] {
        node.documentKeys().compactMap { Key(stringValue: node.state.propertyKey($0, in: node)) }
    }

    func contains(_ key: Key) -> Bool {
        node.find(node.state.documentKey(key, in: node)) != nil
    }

    /// The element for `key`, or nil.
    @inline(__always)
    private func element(_ key: Key) -> BSONValueRef? {
        guard let (type, at) = node.find(node.state.documentKey(key, in: node)) else { return nil }
        return BSONValueRef(type: type, at: at, owner: node, key: .key(key))
    }

    /// The element for `key`, or `keyNotFound`.
    @inline(__always)
    private func required(_ key: Key) throws -> BSONValueRef {
        guard let ref = element(key) else { throw keyNotFound(key) }
        return ref
    }

    private func keyNotFound(_ key: Key) -> DecodingError {
        let name = node.state.documentKey(key, in: node)
        let spelled = name == key.stringValue ? "" : " (document key \"\(name)\")"
        return .keyNotFound(key, DecodingError.Context(codingPath: codingPath,
                                                       debugDescription: "No value for key \"\(key.stringValue)\"\(spelled)"))
    }

    /// The element for `key` unless it is missing or null.
    @inline(__always)
    private func present(_ key: Key) -> BSONValueRef? {
        guard let ref = element(key), ref.type != BSONType.null.rawValue else { return nil }
        return ref
    }

    /// The value for `key`, or nil when it is missing or null (one lookup).
    @inline(__always)
    private func decodeOptional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        guard let ref = present(key) else { return nil }
        return try node.state.decode(type, ref)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try required(key).type == BSONType.null.rawValue
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try node.state.decode(type, required(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try node.state.decode(type, required(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try node.state.decode(type, required(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try node.state.decode(type, required(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try node.state.decode(type, required(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try node.state.decode(type, required(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try node.state.decode(type, required(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try node.state.decode(type, required(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try node.state.decode(type, required(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try node.state.decode(type, required(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try node.state.decode(type, required(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try node.state.decode(type, required(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try node.state.decode(type, required(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try node.state.decode(type, required(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try node.state.decode(type, required(key)) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decodeOptional(type, key) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decodeOptional(type, key) }

    private func child(_ key: Key) throws -> BSONDecoderNode {
        node.state.decoder(for: try required(key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        superDecoder(name: BSONCodingKey.super.stringValue, path: .key(BSONCodingKey.super))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        superDecoder(name: node.state.documentKey(key, in: node), path: .key(key))
    }

    /// A decoder for the element `name`; a missing element reads as null.
    private func superDecoder(name: String, path: BSONPathKey) -> any Decoder {
        guard let (type, at) = node.find(name) else {
            return BSONDecoderNode(state: node.state, parent: node, pathKey: path, type: BSONType.null.rawValue, at: 0)
        }
        return BSONDecoderNode(state: node.state, parent: node, pathKey: path, type: type, at: at)
    }
}
