/// A `Double` compared by bit pattern, so NaN equals itself and 0.0 differs from -0.0.
public struct ExactDouble: ExactValue {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static func == (a: ExactDouble, b: ExactDouble) -> Bool { a.value.bitPattern == b.value.bitPattern }
}
