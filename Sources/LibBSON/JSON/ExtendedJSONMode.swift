/// The two output forms of Extended JSON v2.
///
/// Its text form is the specification's name of the mode, `"canonical"` or `"relaxed"`
/// (see ``description`` and ``init(_:)``), so a mode can come from a configuration file or a
/// query string: `ExtendedJSONMode("relaxed")`.
public enum ExtendedJSONMode: Sendable, Hashable, CaseIterable {
    /// Every value keeps its exact BSON type (`{"$numberInt": "1"}`).
    case canonical
    /// Numbers, and dates from 1970 to 9999, as plain JSON; other types as in canonical.
    case relaxed
}
