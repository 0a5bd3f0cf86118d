/// What test support could not get: a fixture that cannot be read or decoded (a missing file,
/// malformed JSON or hex), or a pipe the system refused.
public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
