/// The single-value container of ``BSONDecoder``: one value. Its `decode` methods are
/// ``BSONValueDecodingContainer``'s.
struct BSONSingleValueDecodingContainer: SingleValueDecodingContainer, BSONValueDecodingContainer {
    let node: BSONDecoderNode

    func decodeNil() -> Bool {
        node.type == BSONType.null.rawValue
    }

    @inline(__always)
    func next<T>(_ type: T.Type, _ body: (BSONValueRef) throws -> T) throws -> T {
        try body(node.ref)
    }
}
