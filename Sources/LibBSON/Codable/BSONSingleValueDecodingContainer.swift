/// The single-value container of ``BSONDecoder``: one value.
struct BSONSingleValueDecodingContainer: SingleValueDecodingContainer {
    let node: BSONDecoderNode

    var codingPath: [any CodingKey] { node.codingPath }

    func decodeNil() -> Bool {
        node.type == BSONType.null.rawValue
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        try node.state.decodeBool(node.ref)
    }

    func decode(_ type: String.Type) throws -> String {
        try node.state.decodeString(node.ref)
    }

    func decode(_ type: Double.Type) throws -> Double {
        try node.state.decodeDouble(node.ref)
    }

    func decode(_ type: Float.Type) throws -> Float {
        try node.state.decodeFloat(node.ref)
    }

    func decode(_ type: Int.Type) throws -> Int {
        try node.state.decodeInteger(Int.self, node.ref)
    }

    func decode(_ type: Int8.Type) throws -> Int8 {
        try node.state.decodeInteger(Int8.self, node.ref)
    }

    func decode(_ type: Int16.Type) throws -> Int16 {
        try node.state.decodeInteger(Int16.self, node.ref)
    }

    func decode(_ type: Int32.Type) throws -> Int32 {
        try node.state.decodeInteger(Int32.self, node.ref)
    }

    func decode(_ type: Int64.Type) throws -> Int64 {
        try node.state.decodeInteger(Int64.self, node.ref)
    }

    func decode(_ type: UInt.Type) throws -> UInt {
        try node.state.decodeInteger(UInt.self, node.ref)
    }

    func decode(_ type: UInt8.Type) throws -> UInt8 {
        try node.state.decodeInteger(UInt8.self, node.ref)
    }

    func decode(_ type: UInt16.Type) throws -> UInt16 {
        try node.state.decodeInteger(UInt16.self, node.ref)
    }

    func decode(_ type: UInt32.Type) throws -> UInt32 {
        try node.state.decodeInteger(UInt32.self, node.ref)
    }

    func decode(_ type: UInt64.Type) throws -> UInt64 {
        try node.state.decodeInteger(UInt64.self, node.ref)
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try node.state.decode(T.self, node.ref)
    }
}
