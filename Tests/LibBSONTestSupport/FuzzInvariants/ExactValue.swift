/// A value wrapped so that `==` compares it exactly; it encodes and decodes as the value
/// itself (a single value), so a struct holding it has the same BSON as one holding the value.
public protocol ExactValue: Codable, Equatable, Sendable, CustomStringConvertible {
    associatedtype Value: Codable
    var value: Value { get }
    init(_ value: Value)
}

extension ExactValue {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Value.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { "\(value)" }
}
