/// The unkeyed container of ``BSONDecoder``: the elements of one array, in order. Its `decode`
/// methods are ``BSONValueDecodingContainer``'s; it is a class so that they, non-mutating as
/// the single-value container needs them, can move its cursor.
final class BSONUnkeyedDecodingContainer: UnkeyedDecodingContainer, BSONValueDecodingContainer {
    let node: BSONDecoderNode
    /// Offset of the next element's type byte.
    private var position: Int
    /// Offset of the array's terminating NUL.
    private let end: Int
    let count: Int?
    private(set) var currentIndex = 0

    init(node: BSONDecoderNode) {
        self.node = node
        let at = node.at
        let (end, count): (Int, Int) = node.state.storage.withUnsafeBytes { p in
            let end = at + Int(p.int32(at: at)) - 1
            var n = 0
            var pos = at + 4
            while pos < end {
                let type = p[pos]
                let valueAt = ByteScan.cstringEnd(p, pos + 1) + 1
                pos = valueAt + BSONValueLayout.size(p, BSONType(validated: type), at: valueAt)
                n += 1
            }
            return (end, n)
        }
        self.position = at + 4
        self.end = end
        self.count = count
    }

    var isAtEnd: Bool { position >= end }

    /// The current element (not consumed).
    private func current<T>(_ type: T.Type) throws -> (ref: BSONValueRef, next: Int) {
        guard position < end else {
            throw DecodingError.valueNotFound(T.self, DecodingError.Context(
                codingPath: codingPath + [BSONCodingKey(index: currentIndex)],
                debugDescription: "Expected \(T.self) but the array has only \(currentIndex) elements"))
        }
        let position = self.position
        let (type, valueAt, next): (UInt8, Int, Int) = node.state.storage.withUnsafeBytes { p in
            let type = p[position]
            let valueAt = ByteScan.cstringEnd(p, position + 1) + 1
            return (type, valueAt, valueAt + BSONValueLayout.size(p, BSONType(validated: type), at: valueAt))
        }
        return (BSONValueRef(type: type, at: valueAt, owner: node, key: .index(currentIndex)), next)
    }

    private func advance(to next: Int) {
        position = next
        currentIndex += 1
    }

    @inline(__always)
    func next<T>(_ type: T.Type, _ body: (BSONValueRef) throws -> T) throws -> T {
        let (ref, next) = try current(T.self)
        let value = try body(ref)
        advance(to: next)
        return value
    }

    func decodeNil() throws -> Bool {
        let (ref, next) = try current(Never?.self)
        guard ref.type == BSONType.null.rawValue else { return false }
        advance(to: next)
        return true
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) { try node.state.decoder(for: $0).container(keyedBy: NestedKey.self) }
    }

    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) { try node.state.decoder(for: $0).unkeyedContainer() }
    }

    func superDecoder() throws -> any Decoder {
        try next((any Decoder).self) { node.state.decoder(for: $0) }
    }
}
