/// The unkeyed container of ``BSONDecoder``: the elements of one array, in order.
struct BSONUnkeyedDecodingContainer: UnkeyedDecodingContainer {
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
            let end = at + Int(BSONBytes.int32(p, at)) - 1
            var n = 0
            var pos = at + 4
            while pos < end {
                let type = p[pos]
                let valueAt = BSONBytes.cstringEnd(p, pos + 1) + 1
                pos = valueAt + BSONBytes.valueSize(p, type, valueAt)
                n += 1
            }
            return (end, n)
        }
        self.position = at + 4
        self.end = end
        self.count = count
    }

    var codingPath: [any CodingKey] { node.codingPath }

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
            let valueAt = BSONBytes.cstringEnd(p, position + 1) + 1
            return (type, valueAt, valueAt + BSONBytes.valueSize(p, type, valueAt))
        }
        return (BSONValueRef(type: type, at: valueAt, owner: node, key: .index(currentIndex)), next)
    }

    private mutating func advance(to next: Int) {
        position = next
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool {
        let (ref, next) = try current(Never?.self)
        guard ref.type == BSONType.null.rawValue else { return false }
        advance(to: next)
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let (ref, next) = try current(Bool.self)
        let value = try node.state.decodeBool(ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let (ref, next) = try current(String.self)
        let value = try node.state.decodeString(ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: Double.Type) throws -> Double {
        let (ref, next) = try current(Double.self)
        let value = try node.state.decodeDouble(ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: Float.Type) throws -> Float {
        let (ref, next) = try current(Float.self)
        let value = try node.state.decodeFloat(ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: Int.Type) throws -> Int {
        let (ref, next) = try current(Int.self)
        let value = try node.state.decodeInteger(Int.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: Int8.Type) throws -> Int8 {
        let (ref, next) = try current(Int8.self)
        let value = try node.state.decodeInteger(Int8.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: Int16.Type) throws -> Int16 {
        let (ref, next) = try current(Int16.self)
        let value = try node.state.decodeInteger(Int16.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: Int32.Type) throws -> Int32 {
        let (ref, next) = try current(Int32.self)
        let value = try node.state.decodeInteger(Int32.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: Int64.Type) throws -> Int64 {
        let (ref, next) = try current(Int64.self)
        let value = try node.state.decodeInteger(Int64.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: UInt.Type) throws -> UInt {
        let (ref, next) = try current(UInt.self)
        let value = try node.state.decodeInteger(UInt.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: UInt8.Type) throws -> UInt8 {
        let (ref, next) = try current(UInt8.self)
        let value = try node.state.decodeInteger(UInt8.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: UInt16.Type) throws -> UInt16 {
        let (ref, next) = try current(UInt16.self)
        let value = try node.state.decodeInteger(UInt16.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: UInt32.Type) throws -> UInt32 {
        let (ref, next) = try current(UInt32.self)
        let value = try node.state.decodeInteger(UInt32.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode(_ type: UInt64.Type) throws -> UInt64 {
        let (ref, next) = try current(UInt64.self)
        let value = try node.state.decodeInteger(UInt64.self, ref)
        advance(to: next)
        return value
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (ref, next) = try current(T.self)
        let value = try node.state.decode(T.self, ref)
        advance(to: next)
        return value
    }

    private mutating func child<T>(_ type: T.Type) throws -> BSONDecoderNode {
        let (ref, next) = try current(T.self)
        let child = BSONDecoderNode(state: node.state, parent: node, pathKey: ref.key, type: ref.type, at: ref.at)
        advance(to: next)
        return child
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (ref, next) = try current(KeyedDecodingContainer<NestedKey>.self)
        let child = BSONDecoderNode(state: node.state, parent: node, pathKey: ref.key, type: ref.type, at: ref.at)
        let container = try child.container(keyedBy: NestedKey.self)
        advance(to: next)
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (ref, next) = try current((any UnkeyedDecodingContainer).self)
        let child = BSONDecoderNode(state: node.state, parent: node, pathKey: ref.key, type: ref.type, at: ref.at)
        let container = try child.unkeyedContainer()
        advance(to: next)
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        try child((any Decoder).self)
    }
}
