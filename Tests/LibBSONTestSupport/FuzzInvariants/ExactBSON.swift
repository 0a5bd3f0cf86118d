import LibBSON

/// A `BSON` value compared exactly (``Compare/Loss/none``).
public struct ExactBSON: ExactValue {
    public var value: BSON
    public init(_ value: BSON) { self.value = value }
    public static func == (a: ExactBSON, b: ExactBSON) -> Bool { Compare.values(a.value, b.value, .none) }
}
