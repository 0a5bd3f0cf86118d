/// The methods ``BSONUnkeyedDecodingContainer`` and ``BSONSingleValueDecodingContainer``
/// share: `UnkeyedDecodingContainer` and `SingleValueDecodingContainer` ask for the same one
/// method per primitive type, and each reads the container's next value. Every one forwards
/// to ``BSONDecodingState/decode(_:_:)``, where the rule for every type is stated once.
protocol BSONValueDecodingContainer {
    var node: BSONDecoderNode { get }
    /// Reads the next value with `body` (in an array, then moves past it); `type` names what
    /// was expected when there is no next value.
    func next<T>(_ type: T.Type, _ body: (BSONValueRef) throws -> T) throws -> T
}

extension BSONValueDecodingContainer {
    var codingPath: [any CodingKey] { node.codingPath }

    func decode(_ type: Bool.Type) throws -> Bool { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: String.Type) throws -> String { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: Double.Type) throws -> Double { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: Float.Type) throws -> Float { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: Int.Type) throws -> Int { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: Int8.Type) throws -> Int8 { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: Int16.Type) throws -> Int16 { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: Int32.Type) throws -> Int32 { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: Int64.Type) throws -> Int64 { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: UInt.Type) throws -> UInt { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) { try node.state.decode(type, $0) } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) { try node.state.decode(type, $0) } }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type) { try node.state.decode(type, $0) } }
}
