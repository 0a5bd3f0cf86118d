extension ExtendedJSONMode: LosslessStringConvertible {
    /// The mode's name in the Extended JSON specification: `"canonical"` or `"relaxed"`.
    public var description: String {
        switch self {
        case .canonical: "canonical"
        case .relaxed: "relaxed"
        }
    }

    /// The mode named `description`, exactly as ``description`` spells it; nil for any other
    /// text.
    ///
    /// ```swift
    /// ExtendedJSONMode("relaxed")     // .relaxed
    /// ExtendedJSONMode("Relaxed")     // nil
    /// ```
    ///
    /// **Case-sensitive, on purpose.** The names are the specification's, and it and the
    /// MongoDB drivers spell them in lowercase only. A lossless text form has one spelling per
    /// value, so that a mode written out and read back (a configuration file, a query string,
    /// a log line) is the same text as well as the same value, and two configurations that
    /// say the same thing compare equal as strings. Accepting `"Canonical"` or `"RELAXED"`
    /// would give each mode many spellings and let a misspelt setting pass unnoticed where
    /// it is compared as text elsewhere. Nor are spaces trimmed. A caller that wants to be
    /// lenient decides how, and says so: `ExtendedJSONMode(text.lowercased())`.
    public init?(_ description: String) {
        switch description {
        case "canonical": self = .canonical
        case "relaxed": self = .relaxed
        default: return nil
        }
    }
}
