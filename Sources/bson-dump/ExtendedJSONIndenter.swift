/// Re-indents compact JSON the way Go's `json.Indent(dst, src, "", "\t")` does, which is
/// how `bsondump --pretty` prints: a newline and one tab per level after `{`, `[` and `,`,
/// `": "` between a key and its value, and empty objects and arrays kept as `{}` and `[]`.
///
/// The input is the library's compact Extended JSON (`BSONDocument.toExtendedJSONBytes`, with
/// no whitespace outside strings); strings are copied byte for byte.
enum ExtendedJSONIndenter {
    static func indent(_ compact: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count * 2)
        var depth = 0
        // True right after `{` or `[`: the newline is written only once we know the container
        // is not empty.
        var pendingNewline = false
        var inString = false
        var escaped = false

        func newline() {
            out.append(UInt8(ascii: "\n"))
            for _ in 0..<depth { out.append(UInt8(ascii: "\t")) }
        }

        for c in compact {
            if inString {
                out.append(c)
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            let closes = c == UInt8(ascii: "}") || c == UInt8(ascii: "]")
            if pendingNewline {
                pendingNewline = false
                if closes {
                    depth -= 1
                    out.append(c)
                    continue
                }
                newline()
            }
            switch c {
            case UInt8(ascii: "\""):
                inString = true
                out.append(c)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(c)
                depth += 1
                pendingNewline = true
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newline()
                out.append(c)
            case UInt8(ascii: ","):
                out.append(c)
                newline()
            case UInt8(ascii: ":"):
                out.append(c)
                out.append(UInt8(ascii: " "))
            default:
                out.append(c)
            }
        }
        return out
    }
}
