/// A BSON regular expression (type 0x0B): a pattern and its option letters.
///
/// Options are stored sorted (`"mix"` becomes `"imx"`), as the BSON specification requires
/// for canonical BSON.
///
/// One rule for the options, wherever a regular expression comes from (this initialiser, BSON
/// bytes, `{"$regularExpression": …}` in Extended JSON read by `BSONDocument(fromJSON:)` or
/// from another coder, Codable): the letters BSON defines, `i`, `l`, `m`, `s`, `u`, `x`, each
/// at most once, in any order, stored sorted. Another letter or a repeated one is refused
/// (`RegexOptions.firstInvalid`, which the validator also applies to bytes). The one
/// exception is legacy Extended JSON, `{"$regex": "…", "$options": "…"}`, which both Extended
/// JSON readers read as libbson 1.23 does, dropping repeated letters (`"iim"` is `"im"`);
/// see `RegexOptions.readExtendedJSON(_:form:)`.
public struct BSONRegularExpression: Sendable, Hashable, CustomStringConvertible {
    /// The pattern, without delimiters.
    public let pattern: String
    /// The option letters, sorted.
    public let options: String

    /// Creates a regular expression.
    /// - Parameters:
    ///   - pattern: the pattern, without delimiters.
    ///   - options: option letters in any order, each at most once: `i`, `l`, `m`,
    ///     `s`, `u`, `x`.
    /// - Throws: ``BSONError/Code-swift.struct/embeddedNUL`` when the pattern or the options contain
    ///   a NUL character, which BSON's C-string encoding cannot hold;
    ///   ``BSONError/Code-swift.struct/invalidValue`` for another option letter or a repeated one.
    public init(pattern: String, options: String = "") throws {
        if pattern.utf8.contains(0) {
            throw BSONError(.embeddedNUL, "a regular expression pattern cannot contain a NUL character")
        }
        if options.utf8.contains(0) {
            throw BSONError(.embeddedNUL, "regular expression options cannot contain a NUL character")
        }
        if let bad = RegexOptions.firstInvalid(options.utf8) {
            throw BSONError(.invalidValue, bad.reason)
        }
        self.init(unchecked: pattern, options: options)
    }

    /// Trusted construction from validated BSON bytes (no NULs by construction).
    init(unchecked pattern: String, options: String) {
        self.pattern = pattern
        // Checked in place: copying the options into an array cost an allocation per value.
        self.options = RegexOptions.isSorted(options.utf8) ? options : String(decoding: options.utf8.sorted(), as: UTF8.self)
    }

    public var description: String { "/\(pattern)/\(options)" }
}
