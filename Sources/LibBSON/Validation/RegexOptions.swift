/// The rule for regular expression options: the letters BSON defines (`i`, `l`, `m`, `s`, `u`,
/// `x`), each at most once.
///
/// Anything else cannot round-trip: options are stored sorted, so a multi-byte character would
/// be split into invalid UTF-8, and Extended JSON readers (ours and libbson's) refuse or drop
/// other letters and repeated ones.
enum RegexOptions {
    static let letters: [UInt8] = Array("ilmsux".utf8)

    /// The index of the first invalid byte and why, or nil when `options` follow the rule.
    static func firstInvalid<C: Collection>(_ options: C) -> (index: Int, reason: String)? where C.Element == UInt8 {
        var seen: UInt8 = 0
        for (index, c) in options.enumerated() {
            guard let bit = letters.firstIndex(of: c) else {
                let shown = c < 0x80 ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(HexDigits.encode([c]))"
                return (index, "regular expression option \(shown) is not one of i, l, m, s, u, x")
            }
            let mask: UInt8 = 1 << UInt8(bit)
            if seen & mask != 0 {
                return (index, "regular expression option '\(Character(Unicode.Scalar(c)))' is repeated")
            }
            seen |= mask
        }
        return nil
    }
}

/// The order and the legacy reading of regular expression options; the letters themselves
/// are `RegexOptions.firstInvalid`'s rule.
extension RegexOptions {
    /// Whether `options` are in canonical (ascending) order.
    static func isSorted<C: Collection>(_ options: C) -> Bool where C.Element == UInt8 {
        var previous: UInt8 = 0
        for c in options {
            if c < previous { return false }
            previous = c
        }
        return true
    }

    /// Legacy Extended JSON options (`{"$regex": …, "$options": "iim"}`) as libbson 1.23 reads
    /// them: each repeated letter after its first is dropped (`"iim"` -> `"im"`). Other letters
    /// are kept for `firstInvalid` to refuse (libbson drops them silently, losing data).
    fileprivate static func droppingRepeats(_ options: [UInt8]) -> [UInt8] {
        var seen: Set<UInt8> = []
        return options.filter { seen.insert($0).inserted }
    }
}

/// Regular expression options read from Extended JSON text: two forms, each with its own rule.
///
/// - `{"$regularExpression": {"pattern": …, "options": …}}`, Extended JSON v2 (canonical and
///   relaxed), is the text of one BSON value and follows the BSON rule exactly: a repeated
///   letter is refused, as the validator refuses it in bytes and `BSONRegularExpression.init`
///   in Swift. No writer of v2 produces repeats, and reading them would let text stand for
///   options that bytes may not hold.
/// - `{"$regex": …, "$options": …}`, the legacy form (Extended JSON v1, the shell,
///   `mongoexport` before v2), is read as libbson 1.23 reads it: repeated letters are dropped
///   first (`"iim"` is `"im"`), so documents written by older tools still load.
///
/// This is not one input with two answers: the two wrappers are different formats, and each
/// form gives the same answer through every reader of Extended JSON (`BSONDocument(fromJSON:)`
/// and `JSONDecoder` through `ExtendedJSONCodable`). Unknown letters are refused in both forms
/// (libbson drops them silently, losing data).
extension RegexOptions {
    /// The Extended JSON form the options were written in.
    enum ExtendedJSONForm: Sendable {
        /// `{"$regularExpression": {…, "options": …}}`: the BSON rule, repeats refused.
        case regularExpression
        /// `{"$regex": …, "$options": …}`: repeated letters dropped first.
        case legacy
    }

    /// Applies `form`'s rule to `options` in place, leaving them sorted, or returns why they
    /// are refused (the index is into the options after repeats are dropped).
    static func readExtendedJSON(_ options: inout [UInt8], form: ExtendedJSONForm) -> (index: Int, reason: String)? {
        if form == .legacy { options = droppingRepeats(options) }
        if let bad = firstInvalid(options) { return bad }
        if !isSorted(options) { options.sort() }
        return nil
    }
}
