/// The unkeyed container of ``BSONEncoder``: elements of one array, keyed "0", "1"...
/// Its `encode` methods are ``BSONValueEncodingContainer``'s.
struct BSONUnkeyedEncodingContainer: UnkeyedEncodingContainer, BSONValueEncodingContainer {
    let node: BSONEncoderNode

    var count: Int { node.count }

    @inline(__always)
    var target: BSONEncodingTarget {
        .element(node, key: "", path: .index(node.count))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(BSONKeyedEncodingContainer<NestedKey>(node: node.nested(.index(node.count), elementKey: "", isArray: false)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        BSONUnkeyedEncodingContainer(node: node.nested(.index(node.count), elementKey: "", isArray: true))
    }

    mutating func superEncoder() -> any Encoder {
        node.state.buffer.makeSuperEncoder(in: node, key: "", path: .index(node.count))
    }
}
