import LibBSON

/// Names handed to libmongoc as C strings (databases, collections).
enum CName {
    /// `name`, or a thrown ``BSONError`` when it contains NUL: Swift passes a `String` to a
    /// `const char *` parameter as its UTF-8 with a terminating NUL, so C would read only up to
    /// the first one and silently use another name.
    static func checked(_ name: String, _ what: String) throws -> String {
        guard !name.utf8.contains(0) else {
            throw BSONError(.embeddedNUL, "\(what) \"\(name.replacingOccurrences(of: "\u{0}", with: "\\0"))\" contains NUL")
        }
        return name
    }
}
