/// The two output forms of Extended JSON v2.
public enum ExtendedJSONMode: Sendable, Hashable {
    /// Every value keeps its exact BSON type (`{"$numberInt": "1"}`).
    case canonical
    /// Numbers, and dates from 1970 to 9999, as plain JSON; other types as in canonical.
    case relaxed
}
