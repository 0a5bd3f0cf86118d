/// Parses Extended JSON text (UTF-8) straight into BSON bytes, in one pass over the text and
/// one output buffer.
///
/// **Grammar.** Strict JSON (RFC 8259): the top-level value must be an object; strings must be
/// valid UTF-8 with no unescaped control characters; escapes are decoded, surrogate pairs
/// joined and lone surrogates refused; numbers follow the JSON grammar; only whitespace may
/// follow the document.
///
/// **Type wrappers.** Canonical and relaxed Extended JSON v2, plus the legacy forms libbson
/// 1.23 reads (`{"$date": <integer>}`, `{"$binary": "…", "$type": "…"}`,
/// `{"$regex": "…", "$options": "…"}`, `{"$uuid": "…"}`). As in libbson, the *first* key of a
/// nested object decides: a known wrapper key (`$numberInt`, `$code`, `$regex`, …) makes the
/// object a wrapper, whose other keys must then belong to the same wrapper; any other first
/// key (`$ref` of a DBRef, `$foo`, `a`) makes it a plain document. The top-level object is
/// always a plain document. Two query operators fall back to plain documents, as the
/// Extended JSON spec asks: `{"$regex": <non-string>, …}` (e.g. `{"$regex":
/// {"$regularExpression": …}, "$options": "ix"}`) and `{"$type": <not a 1-2 digit hex
/// string>}` (e.g. `{"$type": "string"}` or `{"$type": 2}`).
///
/// **Dates and regular expressions.** `{"$date": "…"}` strings are read by ``ISO8601`` (the
/// grammar and leniency every entry point shares, second 60 included) and rounded to the
/// nearest millisecond. Regular expression options follow `BSONRegularExpression`'s rule
/// (letters `ilmsux`, each once, any order, written sorted); legacy `$options` drop repeated
/// letters first, as libbson does.
///
/// **Relaxed numbers.** An integer that fits Int32 becomes int32, else one that fits Int64
/// becomes int64, else a double (the spec's rule; libbson refuses or wraps around there). A
/// number with a fraction or exponent is a double, read exactly; one that overflows a double
/// is an error.
///
/// **Output.** Elements are written as they are read: a container's length is patched when it
/// closes, and the type byte of an element whose value is an object is patched once the
/// object's first key says what it is. Only the few values whose keys may come in any order
/// (`$binary`, `$regularExpression`, `$timestamp`, `$dbPointer`, legacy `$regex`/`$options`)
/// are gathered in small scratch buffers first; a `$scope` is parsed in place like any
/// document, and a `$code` read after its `$scope` is moved in front of it.
///
/// **Limits.** Nesting is tracked on an explicit stack (no recursion), bounded by `maxDepth`
/// counted as ``BSONValidator`` counts it (the top-level document is depth 0; each embedded
/// document, array or code-with-scope scope adds one); the result may not exceed
/// `maxDocumentSize`. The output is therefore well-formed BSON that ``BSONValidator`` accepts
/// with the same options, by construction.
struct ExtendedJSONParser: ~Copyable {
    /// Parses `text` into the bytes of one BSON document.
    ///
    /// - Throws: ``BSONError`` with code `invalidJSON` (malformed JSON or a bad type wrapper),
    ///   `invalidUTF8` (bytes that are not UTF-8, in a string or out of one), `embeddedNUL`
    ///   (NUL in a key or regular expression), `depthLimitExceeded` or `sizeLimitExceeded`,
    ///   carrying the byte offset in `text` and the key path.
    static func parse(
        _ text: UnsafeRawBufferPointer,
        maxDepth: Int = BSONValidationOptions.default.effectiveMaxDepth,
        maxDocumentSize: Int = BSONValidationOptions.defaultMaxDocumentSize
    ) throws -> [UInt8] {
        var parser = ExtendedJSONParser(text: text, maxDepth: maxDepth, maxDocumentSize: maxDocumentSize)
        let bytes = try parser.run()
        guard bytes.count <= maxDocumentSize else {
            throw BSONError(.sizeLimitExceeded, "the document would be \(bytes.count) bytes, above the limit of \(maxDocumentSize)",
                            offset: text.count)
        }
        return bytes
    }

    // MARK: State

    private enum Step { case value, next, done }

    /// An open container (or a `$code` wrapper, whose keys may come in any order).
    private struct Frame {
        enum Kind { case document, array, scope, code }
        var kind: Kind
        /// Documents, arrays and scopes: offset of their length field. Code: offset of the value.
        var start: Int
        /// The key of the element holding this container, as offsets into the output.
        var keyStart: Int
        var keyEnd: Int
        /// The type byte of the element holding this container.
        var typePos: Int
        /// Arrays: the next index.
        var index = 0
        /// Code wrappers: offsets of the code string and of the scope document, or -1.
        var codeAt = -1
        var scopeAt = -1
    }

    private let text: UnsafeRawBufferPointer
    private let end: Int
    private let maxDepth: Int
    /// Checked after every value, so the output never grows much past the limit (a JSON text
    /// can expand several times: `[1,1,...]` takes 2 bytes of text and about 10 of BSON per item).
    private let maxDocumentSize: Int
    private var i = 0
    private var w: BSONByteWriter
    private var frames: [Frame] = []
    private var depth = 0
    /// The element being written: its type byte and key, as offsets into the output.
    private var elementTypePos = -1
    private var elementKeyStart = 0
    private var elementKeyEnd = 0
    /// Scratch buffers for wrapper keys and values whose order is not fixed.
    private var keyBuf: [UInt8] = []
    private var bufA: [UInt8] = []
    private var bufB: [UInt8] = []

    private init(text: UnsafeRawBufferPointer, maxDepth: Int, maxDocumentSize: Int) {
        self.text = text
        self.end = text.count
        self.maxDepth = max(0, maxDepth)
        self.maxDocumentSize = maxDocumentSize
        // BSON is usually a little smaller than its Extended JSON.
        self.w = BSONByteWriter(capacity: max(64, text.count))
        frames.reserveCapacity(16)
    }

    // MARK: Driver

    private mutating func run() throws -> [UInt8] {
        skipWhitespace()
        guard i < end else {
            throw BSONError(.invalidJSON, "empty input: expected a JSON object", offset: i)
        }
        guard text[i] == UInt8(ascii: "{") else {
            throw fail("an Extended JSON document must be a JSON object, found \(describeByte(at: i))", at: i, element: false)
        }
        i += 1
        let start = w.beginDocument()
        frames.append(Frame(kind: .document, start: start, keyStart: 0, keyEnd: 0, typePos: -1))
        var step = try firstMember()
        while true {
            switch step {
            case .value: step = try value()
            case .next: step = try next()
            case .done:
                skipWhitespace()
                guard i == end else {
                    throw fail("unexpected \(describeByte(at: i)) after the end of the document", at: i, element: false)
                }
                return w.toArray()
            }
        }
    }

    /// After the `{` of a document or scope whose frame is pushed: its first key, or `}`.
    private mutating func firstMember() throws -> Step {
        skipWhitespace()
        let c = byte(at: i)
        if c == UInt8(ascii: "}") {
            i += 1
            return try closeContainer()
        }
        guard c == UInt8(ascii: "\"") else {
            throw fail("expected a key or '}', found \(describeByte(at: i))", at: i, element: false)
        }
        try writeMemberHeader()
        return .value
    }

    /// What follows a complete value: `,` and the next member, or the container's end.
    private mutating func next() throws -> Step {
        guard let top = frames.last else { return .done }
        if w.count > maxDocumentSize {
            throw BSONError(.sizeLimitExceeded,
                            "the document would be more than \(maxDocumentSize) bytes, the size limit", offset: i)
        }
        skipWhitespace()
        let c = byte(at: i)
        switch top.kind {
        case .document, .scope:
            if c == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
                guard byte(at: i) == UInt8(ascii: "\"") else {
                    throw fail("expected a key after ',', found \(describeByte(at: i))", at: i, element: false)
                }
                try writeMemberHeader()
                return .value
            }
            if c == UInt8(ascii: "}") {
                i += 1
                return try closeContainer()
            }
            throw fail("expected ',' or '}' after a value in an object, found \(describeByte(at: i))", at: i, element: false)
        case .array:
            if c == UInt8(ascii: ",") {
                i += 1
                writeIndexHeader()
                return .value
            }
            if c == UInt8(ascii: "]") {
                i += 1
                return try closeContainer()
            }
            throw fail("expected ',' or ']' after a value in an array, found \(describeByte(at: i))", at: i, element: false)
        case .code:
            if c == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
                let keyAt = i
                guard byte(at: i) == UInt8(ascii: "\"") else {
                    throw fail("expected a key after ',', found \(describeByte(at: i))", at: i, element: false)
                }
                try readString(into: .key)
                if keyBuf.elementsEqual("$code".utf8) {
                    try expectColon()
                    return try codeMember(isCode: true)
                }
                if keyBuf.elementsEqual("$scope".utf8) {
                    try expectColon()
                    return try codeMember(isCode: false)
                }
                throw fail("a $code wrapper holds only $code and $scope, found key \(quotedKey())", at: keyAt, element: false)
            }
            if c == UInt8(ascii: "}") {
                i += 1
                return try finishCode()
            }
            throw fail("expected ',' or '}' in a $code wrapper, found \(describeByte(at: i))", at: i, element: false)
        }
    }

    /// Closes the innermost document, array or scope.
    private mutating func closeContainer() throws -> Step {
        guard let frame = frames.popLast() else { return .done }
        try w.endDocument(frame.start)
        if frames.isEmpty { return .done }
        depth -= 1
        if frame.kind == .scope {
            frames[frames.count - 1].scopeAt = frame.start
        }
        return .next
    }

    private mutating func pushContainer(_ kind: Frame.Kind, start: Int) throws {
        guard depth < maxDepth else {
            throw fail("documents are nested deeper than the limit of \(maxDepth)", at: i, element: true, code: .depthLimitExceeded)
        }
        depth += 1
        frames.append(Frame(kind: kind, start: start, keyStart: elementKeyStart, keyEnd: elementKeyEnd, typePos: elementTypePos))
    }

    // MARK: Element headers

    /// At the `"` of a key in a document: writes a type placeholder and the key, reads the `:`.
    private mutating func writeMemberHeader() throws {
        elementTypePos = w.count
        w.append(0)
        elementKeyStart = w.count
        let keyAt = i
        let outcome = Self.scanString(text, end, &i, &w)
        elementKeyEnd = w.count
        try check(outcome, element: false)
        if outcome == .okWithNUL {
            throw fail("a key cannot contain a NUL character (\\u0000)", at: keyAt, element: false, code: .embeddedNUL)
        }
        w.append(0)
        try expectColon()
    }

    /// Writes a type placeholder and the next array index as the key.
    private mutating func writeIndexHeader() {
        let last = frames.count - 1
        let index = frames[last].index
        frames[last].index = index + 1
        elementTypePos = w.count
        w.append(0)
        elementKeyStart = w.count
        w.appendIndexKey(index)
        elementKeyEnd = w.count - 1   // before the key's NUL
    }

    /// Writes a complete element header with a known type and key (used by query fallbacks).
    private mutating func writeHeader(type: UInt8, key: StaticString) {
        elementTypePos = w.count
        w.append(type)
        elementKeyStart = w.count
        w.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        elementKeyEnd = w.count
        w.append(0)
    }

    @inline(__always)
    private mutating func setType(_ type: UInt8) {
        w[elementTypePos] = type
    }

    // MARK: Values

    /// Reads the value of the element whose header was just written.
    private mutating func value() throws -> Step {
        skipWhitespace()
        let c = byte(at: i)
        switch c {
        case UInt8(ascii: "\""):
            setType(BSONType.string.rawValue)
            try writeStringValue()
            return .next
        case UInt8(ascii: "{"):
            return try object()
        case UInt8(ascii: "["):
            setType(BSONType.array.rawValue)
            let start = w.beginDocument()
            try pushContainer(.array, start: start)
            i += 1
            skipWhitespace()
            if byte(at: i) == UInt8(ascii: "]") {
                i += 1
                return try closeContainer()
            }
            writeIndexHeader()
            return .value
        case UInt8(ascii: "t"):
            try literal("true")
            setType(BSONType.bool.rawValue)
            w.append(1)
            return .next
        case UInt8(ascii: "f"):
            try literal("false")
            setType(BSONType.bool.rawValue)
            w.append(0)
            return .next
        case UInt8(ascii: "n"):
            try literal("null")
            setType(BSONType.null.rawValue)
            return .next
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try writeNumber()
            return .next
        default:
            throw fail("expected a value, found \(describeByte(at: i))", at: i)
        }
    }

    /// A nested object: an empty document, a type wrapper, or a document, by its first key.
    private mutating func object() throws -> Step {
        i += 1
        skipWhitespace()
        if byte(at: i) == UInt8(ascii: "}") {
            i += 1
            setType(BSONType.document.rawValue)
            w.append(contentsOf: [5, 0, 0, 0, 0] as [UInt8])
            return .next
        }
        guard byte(at: i) == UInt8(ascii: "\"") else {
            throw fail("expected a key or '}', found \(describeByte(at: i))", at: i)
        }
        let keyAt = i
        let valueStart = w.count
        let typePos: Int
        let keyStart: Int
        let keyEnd: Int
        let raw = byte(at: i + 1)
        if raw == UInt8(ascii: "$") || raw == UInt8(ascii: "\\") {
            // Possibly a wrapper key (an escape may spell '$'): decode it aside first.
            try readString(into: .key)
            if let wrapper = WrapperKey(keyBuf[...]) {
                try expectColon()
                return try self.wrapper(wrapper, keyAt: keyAt)
            }
            if keyBuf.contains(0) {
                throw fail("a key cannot contain a NUL character (\\u0000)", at: keyAt, code: .embeddedNUL)
            }
            w.appendInt32(0)
            typePos = w.count
            w.append(0)
            keyStart = w.count
            w.append(contentsOf: keyBuf)
            keyEnd = w.count
        } else {
            // A plain document: write its header and first key in place.
            w.appendInt32(0)
            typePos = w.count
            w.append(0)
            keyStart = w.count
            let outcome = Self.scanString(text, end, &i, &w)
            keyEnd = w.count
            try check(outcome, element: true)
            if outcome == .okWithNUL {
                throw fail("a key cannot contain a NUL character (\\u0000)", at: keyAt, code: .embeddedNUL)
            }
        }
        w.append(0)
        setType(BSONType.document.rawValue)
        try pushContainer(.document, start: valueStart)
        elementTypePos = typePos
        elementKeyStart = keyStart
        elementKeyEnd = keyEnd
        try expectColon()
        return .value
    }

    /// Starts a plain document in place of a wrapper whose first key turned out to be a query
    /// operator (`$type`, `$regex`).
    private mutating func beginFallbackDocument() throws {
        setType(BSONType.document.rawValue)
        let start = w.beginDocument()
        try pushContainer(.document, start: start)
    }

    // MARK: Strings

    /// At a `"`: writes a BSON string (length, UTF-8 bytes, NUL), NULs inside allowed.
    private mutating func writeStringValue() throws {
        let lengthAt = w.count
        w.appendInt32(0)
        let outcome = Self.scanString(text, end, &i, &w)
        try check(outcome, element: true)
        w.append(0)
        try w.patchLength(at: lengthAt, length: w.count - lengthAt - 4)
    }

    private enum Buffer { case key, a, b }

    /// At a `"`: decodes a string into one of the scratch buffers (emptied first).
    private mutating func readString(into buffer: Buffer) throws {
        let outcome: StringOutcome
        switch buffer {
        case .key:
            keyBuf.removeAll(keepingCapacity: true)
            outcome = Self.scanString(text, end, &i, &keyBuf)
        case .a:
            bufA.removeAll(keepingCapacity: true)
            outcome = Self.scanString(text, end, &i, &bufA)
        case .b:
            bufB.removeAll(keepingCapacity: true)
            outcome = Self.scanString(text, end, &i, &bufB)
        }
        try check(outcome, element: true)
    }

    enum StringOutcome: Equatable {
        case ok
        case okWithNUL
        case unterminated(at: Int)
        case controlCharacter(UInt8, at: Int)
        case badEscape(at: Int)
        case badUnicodeEscape(at: Int)
        case loneSurrogate(at: Int)
        case invalidUTF8(at: Int)
    }

    private func check(_ outcome: StringOutcome, element: Bool) throws {
        switch outcome {
        case .ok, .okWithNUL:
            return
        case .unterminated(let at):
            throw fail("unterminated string", at: at, element: element)
        case .controlCharacter(let c, let at):
            throw fail("control character U+00\(HexDigits.encode([c]).uppercased()) must be escaped in a string", at: at, element: element)
        case .badEscape(let at):
            throw fail("invalid escape sequence \(describeEscape(at: at)) in a string", at: at, element: element)
        case .badUnicodeEscape(let at):
            throw fail("a \\u escape needs four hex digits", at: at, element: element)
        case .loneSurrogate(let at):
            throw fail("a \\u escape encodes a lone UTF-16 surrogate", at: at, element: element)
        case .invalidUTF8(let at):
            throw fail("invalid UTF-8 in a string", at: at, element: element, code: .invalidUTF8)
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// At a `"`: decodes the JSON string into `out` and moves `pos` past the closing quote.
    ///
    /// Runs of plain characters are checked eight bytes at a time and copied in one go (their
    /// UTF-8 validated when a byte is above 0x7F); escapes are decoded one by one.
    static func scanString<Out: BSONByteSink & ~Copyable>(_ p: UnsafeRawBufferPointer, _ end: Int, _ pos: inout Int, _ out: inout Out) -> StringOutcome {
        let open = pos
        var j = pos + 1
        var runStart = j
        var high: UInt64 = 0
        var sawNUL = false
        while true {
            while j + 8 <= end {
                let x = p.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                let q = x ^ (ones &* 0x22)
                let b = x ^ (ones &* 0x5C)
                let special = ((q &- ones) & ~q) | ((b &- ones) & ~b) | ((x &- ones &* 0x20) & ~x)
                if special & highs != 0 { break }
                high |= x
                j += 8
            }
            guard j < end else { return .unterminated(at: open) }
            let c = p[j]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") {
                if runStart < j {
                    if high & highs != 0, let bad = UTF8Validation.firstInvalid(p, from: runStart, to: j) {
                        return .invalidUTF8(at: bad)
                    }
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[runStart..<j]))
                }
                high = 0
                if c == UInt8(ascii: "\"") {
                    pos = j + 1
                    return sawNUL ? .okWithNUL : .ok
                }
                // An escape.
                let escapeAt = j
                j += 1
                guard j < end else { return .unterminated(at: open) }
                switch p[j] {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard let unit = hex4(p, end, j + 1) else { return .badUnicodeEscape(at: escapeAt) }
                    var scalar = unit
                    j += 4
                    if unit >= 0xD800 && unit <= 0xDBFF {
                        guard j + 2 < end, p[j + 1] == UInt8(ascii: "\\"), p[j + 2] == UInt8(ascii: "u"),
                              let low = hex4(p, end, j + 3), low >= 0xDC00 && low <= 0xDFFF
                        else { return .loneSurrogate(at: escapeAt) }
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        j += 6
                    } else if unit >= 0xDC00 && unit <= 0xDFFF {
                        return .loneSurrogate(at: escapeAt)
                    }
                    if scalar == 0 { sawNUL = true }
                    appendUTF8(scalar, to: &out)
                default:
                    return .badEscape(at: escapeAt)
                }
                j += 1
                runStart = j
                continue
            }
            if c < 0x20 { return .controlCharacter(c, at: j) }
            high |= UInt64(c)
            j += 1
        }
    }

    @inline(__always)
    private static func hex4(_ p: UnsafeRawBufferPointer, _ end: Int, _ at: Int) -> UInt32? {
        guard at + 4 <= end else { return nil }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            guard let d = HexDigits.value(p[k]) else { return nil }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    @inline(__always)
    private static func appendUTF8<Out: BSONByteSink & ~Copyable>(_ scalar: UInt32, to out: inout Out) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: Numbers and literals

    /// A JSON number token.
    private struct NumberToken {
        var start: Int
        var end: Int
        var negative: Bool
        /// The integer part's magnitude (meaningful when `!overflow`).
        var magnitude: UInt64
        var overflow: Bool
        /// No fraction and no exponent.
        var isInteger: Bool
    }

    /// Reads a number per the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func scanNumber() throws -> NumberToken {
        let start = i
        var negative = false
        if byte(at: i) == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var magnitude: UInt64 = 0
        var overflow = false
        let first = byte(at: i)
        guard first &- UInt8(ascii: "0") < 10 else {
            throw fail("invalid number: expected a digit, found \(describeByte(at: i))", at: i)
        }
        if first == UInt8(ascii: "0") {
            i += 1
            if byte(at: i) &- UInt8(ascii: "0") < 10 {
                throw fail("invalid number: a number cannot have leading zeros", at: start)
            }
        } else {
            var digits = 0
            while i < end {
                let d = text[i] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if digits < 19 {
                    magnitude = magnitude &* 10 &+ UInt64(d)
                } else {
                    let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (m2, o2) = m1.addingReportingOverflow(UInt64(d))
                    magnitude = m2
                    overflow = overflow || o1 || o2
                }
                digits += 1
                i += 1
            }
        }
        var isInteger = true
        if byte(at: i) == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard byte(at: i) &- UInt8(ascii: "0") < 10 else {
                throw fail("invalid number: expected a digit after '.'", at: i)
            }
            while i < end, text[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        }
        let e = byte(at: i)
        if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            let sign = byte(at: i)
            if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { i += 1 }
            guard byte(at: i) &- UInt8(ascii: "0") < 10 else {
                throw fail("invalid number: expected a digit in the exponent", at: i)
            }
            while i < end, text[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        }
        return NumberToken(start: start, end: i, negative: negative, magnitude: magnitude,
                           overflow: overflow, isInteger: isInteger)
    }

    /// A relaxed number: int32, else int64, else double.
    private mutating func writeNumber() throws {
        let n = try scanNumber()
        if n.isInteger && !n.overflow {
            if n.negative {
                if n.magnitude <= 0x8000_0000 {
                    setType(BSONType.int32.rawValue)
                    w.appendInt32(Int32(truncatingIfNeeded: 0 &- n.magnitude))
                    return
                }
                if n.magnitude <= 0x8000_0000_0000_0000 {
                    setType(BSONType.int64.rawValue)
                    w.appendInt64(Int64(bitPattern: 0 &- n.magnitude))
                    return
                }
            } else {
                if n.magnitude <= UInt64(Int32.max) {
                    setType(BSONType.int32.rawValue)
                    w.appendInt32(Int32(truncatingIfNeeded: n.magnitude))
                    return
                }
                if n.magnitude <= UInt64(Int64.max) {
                    setType(BSONType.int64.rawValue)
                    w.appendInt64(Int64(truncatingIfNeeded: n.magnitude))
                    return
                }
            }
        }
        guard let d = ExtendedJSONScalars.decimal(text, from: n.start, to: n.end), d.isFinite else {
            throw fail("number \(slice(n.start, n.end)) is out of range for a double", at: n.start)
        }
        setType(BSONType.double.rawValue)
        w.appendUInt64(d.bitPattern)
    }

    /// An integer number token as an Int64, or an error naming `what`.
    private mutating func integerValue(for what: String) throws -> (value: Int64, at: Int) {
        let at = i
        let c = byte(at: i)
        guard c == UInt8(ascii: "-") || c &- UInt8(ascii: "0") < 10 else {
            throw fail("expected an integer for \(what), found \(describeValue(at: i))", at: i)
        }
        let n = try scanNumber()
        guard n.isInteger else {
            throw fail("expected an integer for \(what), found \(slice(n.start, n.end))", at: at)
        }
        guard !n.overflow, let v = ExtendedJSONScalars.signed(n.magnitude, negative: n.negative) else {
            throw fail("\(what) value \(slice(n.start, n.end)) is out of range", at: at)
        }
        return (v, at)
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let start = i
        if i + count <= end {
            var k = 0
            while k < count, text[i + k] == word.utf8Start[k] { k += 1 }
            if k == count {
                i += count
                return
            }
        }
        throw fail("invalid literal: expected \(word)", at: start)
    }

    // MARK: Type wrappers

    enum WrapperKey: String {
        case oid = "$oid", symbol = "$symbol", numberInt = "$numberInt", numberLong = "$numberLong"
        case numberDouble = "$numberDouble", numberDecimal = "$numberDecimal", binary = "$binary"
        case type = "$type", uuid = "$uuid", date = "$date", timestamp = "$timestamp"
        case regularExpression = "$regularExpression", regex = "$regex", options = "$options"
        case dbPointer = "$dbPointer", code = "$code", scope = "$scope", undefined = "$undefined"
        case minKey = "$minKey", maxKey = "$maxKey"

        /// The keys, grouped by their length in bytes.
        private static let byLength: [[(bytes: [UInt8], key: WrapperKey)]] = {
            let all: [WrapperKey] = [
                .oid, .symbol, .numberInt, .numberLong, .numberDouble, .numberDecimal, .binary, .type,
                .uuid, .date, .timestamp, .regularExpression, .regex, .options, .dbPointer, .code,
                .scope, .undefined, .minKey, .maxKey,
            ]
            var table = [[(bytes: [UInt8], key: WrapperKey)]](repeating: [], count: 19)
            for key in all {
                let bytes = Array(key.rawValue.utf8)
                table[bytes.count].append((bytes, key))
            }
            return table
        }()

        init?(_ key: ArraySlice<UInt8>) {
            let table = Self.byLength
            guard key.count < table.count else { return nil }
            for candidate in table[key.count] where candidate.bytes.elementsEqual(key) {
                self = candidate.key
                return
            }
            return nil
        }
    }

    /// After `{"$key":` of a wrapper: reads the rest of the object and writes the value.
    private mutating func wrapper(_ key: WrapperKey, keyAt: Int) throws -> Step {
        let name = key.rawValue
        let valueAt = i
        switch key {
        case .oid:
            try readWrapperString(into: .a, for: name)
            setType(BSONType.objectID.rawValue)
            guard ExtendedJSONScalars.appendObjectID(bufA, to: &w) else {
                throw fail("$oid must be a string of 24 hex digits, found \(quoted(bufA))", at: valueAt)
            }
        case .symbol:
            guard byte(at: i) == UInt8(ascii: "\"") else { throw expectedString(for: name) }
            setType(BSONType.symbol.rawValue)
            try writeStringValue()
        case .numberInt:
            try readWrapperString(into: .a, for: name)
            guard let v = ExtendedJSONScalars.int64(bufA), let v32 = Int32(exactly: v) else {
                throw badNumber(bufA, for: name, range: "a 32-bit integer", at: valueAt)
            }
            setType(BSONType.int32.rawValue)
            w.appendInt32(v32)
        case .numberLong:
            try readWrapperString(into: .a, for: name)
            guard let v = ExtendedJSONScalars.int64(bufA) else {
                throw badNumber(bufA, for: name, range: "a 64-bit integer", at: valueAt)
            }
            setType(BSONType.int64.rawValue)
            w.appendInt64(v)
        case .numberDouble:
            try readWrapperString(into: .a, for: name)
            guard let v = ExtendedJSONScalars.double(bufA) else {
                if ExtendedJSONScalars.isDecimalForm(bufA) {
                    throw fail("$numberDouble value \(quoted(bufA)) is out of range for a double", at: valueAt)
                }
                throw fail("$numberDouble must be a decimal number, \"Infinity\", \"-Infinity\" or \"NaN\", found \(quoted(bufA))", at: valueAt)
            }
            setType(BSONType.double.rawValue)
            w.appendUInt64(v.bitPattern)
        case .numberDecimal:
            try readWrapperString(into: .a, for: name)
            let decimal: BSONDecimal128
            do {
                decimal = try BSONDecimal128(String(decoding: bufA, as: UTF8.self))
            } catch {
                throw fail("$numberDecimal value \(quoted(bufA)) is not a valid Decimal128", at: valueAt)
            }
            setType(BSONType.decimal128.rawValue)
            w.appendUInt64(decimal.low)
            w.appendUInt64(decimal.high)
        case .uuid:
            try readWrapperString(into: .a, for: name)
            guard let bytes = ExtendedJSONScalars.uuid(bufA) else {
                throw fail("$uuid must be a UUID string like \"73ffd264-44b3-4c69-90e8-e7d1dfc035d4\", found \(quoted(bufA))", at: valueAt)
            }
            setType(BSONType.binary.rawValue)
            w.appendInt32(16)
            w.append(BSONBinary.Subtype.uuid.rawValue)
            w.append(contentsOf: bytes)
        case .undefined:
            guard byte(at: i) == UInt8(ascii: "t"), (try? literal("true")) != nil else {
                throw fail("$undefined must be true, found \(describeValue(at: valueAt))", at: valueAt)
            }
            setType(BSONType.undefined.rawValue)
        case .minKey, .maxKey:
            let (v, at) = try integerValue(for: name)
            guard v == 1 else { throw fail("\(name) must be 1, found \(v)", at: at) }
            setType(key == .minKey ? BSONType.minKey.rawValue : BSONType.maxKey.rawValue)
        case .date:
            try dateValue(valueAt: valueAt)
        case .timestamp:
            try timestampValue(valueAt: valueAt)
        case .regularExpression:
            try regularExpressionValue(valueAt: valueAt)
        case .dbPointer:
            try dbPointerValue(valueAt: valueAt)
        case .binary:
            try binaryValue(valueAt: valueAt)
        case .type:
            return try typeValue(valueAt: valueAt)
        case .regex:
            return try regexValue(valueAt: valueAt)
        case .options:
            return try optionsValue(valueAt: valueAt)
        case .code, .scope:
            setType(BSONType.code.rawValue)
            let start = w.count
            w.appendInt32(0)
            frames.append(Frame(kind: .code, start: start, keyStart: elementKeyStart, keyEnd: elementKeyEnd, typePos: elementTypePos))
            return try codeMember(isCode: key == .code)
        }
        try closeWrapper(name)
        return .next
    }

    /// After the single value of a wrapper: its `}`, or an error naming the extra key.
    private mutating func closeWrapper(_ name: String) throws {
        skipWhitespace()
        let c = byte(at: i)
        if c == UInt8(ascii: "}") {
            i += 1
            return
        }
        if c == UInt8(ascii: ",") {
            i += 1
            skipWhitespace()
            let keyAt = i
            if byte(at: i) == UInt8(ascii: "\"") {
                try readString(into: .key)
                throw fail("a \(name) wrapper cannot have other keys, found \(quotedKey())", at: keyAt)
            }
            throw fail("expected a key after ',', found \(describeByte(at: i))", at: i)
        }
        throw fail("expected '}' after the \(name) value, found \(describeByte(at: i))", at: i)
    }

    /// Inside an inner wrapper object (`{"t": …, "i": …}`): reads the next key into `keyBuf`
    /// and its `:`, or the closing `}` (returning false).
    private mutating func innerKey(first: Bool, in context: String) throws -> Bool {
        skipWhitespace()
        if byte(at: i) == UInt8(ascii: "}") {
            i += 1
            return false
        }
        if !first {
            guard byte(at: i) == UInt8(ascii: ",") else {
                throw fail("expected ',' or '}' in \(context), found \(describeByte(at: i))", at: i)
            }
            i += 1
            skipWhitespace()
        }
        guard byte(at: i) == UInt8(ascii: "\"") else {
            throw fail("expected a key in \(context), found \(describeByte(at: i))", at: i)
        }
        try readString(into: .key)
        try expectColon()
        return true
    }

    /// Expects `{` opening an inner wrapper object.
    private mutating func openInner(for name: String) throws {
        guard byte(at: i) == UInt8(ascii: "{") else {
            throw fail("expected a document for \(name), found \(describeValue(at: i))", at: i)
        }
        i += 1
    }

    private mutating func readWrapperString(into buffer: Buffer, for name: String) throws {
        guard byte(at: i) == UInt8(ascii: "\"") else { throw expectedString(for: name) }
        try readString(into: buffer)
    }

    private func expectedString(for name: String) -> BSONError {
        fail("expected a string for \(name), found \(describeValue(at: i))", at: i)
    }

    private func duplicate(_ context: String, at: Int) -> BSONError {
        fail("duplicate key \(quotedKey()) in \(context)", at: at)
    }

    private func badNumber(_ s: [UInt8], for name: String, range: String, at: Int) -> BSONError {
        if ExtendedJSONScalars.isIntegerForm(s) {
            return fail("\(name) value \(quoted(s)) is out of range for \(range)", at: at)
        }
        return fail("\(name) must be a string holding \(range), found \(quoted(s))", at: at)
    }

    private mutating func dateValue(valueAt: Int) throws {
        let c = byte(at: i)
        let millis: Int64
        if c == UInt8(ascii: "\"") {
            try readString(into: .a)
            guard let ms = ISO8601.parse(bufA)?.milliseconds else {
                throw fail("$date string \(quoted(bufA)) is not an ISO-8601 date-time like \"1970-01-01T00:00:00.000Z\"", at: valueAt)
            }
            millis = ms
        } else if c == UInt8(ascii: "{") {
            i += 1
            guard try innerKey(first: true, in: "$date") else {
                throw fail("$date document needs a $numberLong key", at: valueAt)
            }
            guard keyBuf.elementsEqual("$numberLong".utf8) else {
                throw fail("$date document holds only $numberLong, found key \(quotedKey())", at: valueAt)
            }
            let stringAt = i
            try readWrapperString(into: .a, for: "$numberLong")
            guard let ms = ExtendedJSONScalars.int64(bufA) else {
                throw badNumber(bufA, for: "$numberLong", range: "a 64-bit integer", at: stringAt)
            }
            millis = ms
            if try innerKey(first: false, in: "$date") {
                throw fail("$date document holds only $numberLong, found key \(quotedKey())", at: i)
            }
        } else if c == UInt8(ascii: "-") || c &- UInt8(ascii: "0") < 10 {
            // Legacy Extended JSON: milliseconds as a number, as libbson accepts.
            millis = try integerValue(for: "$date").value
        } else {
            throw fail("$date must be an ISO-8601 string, {\"$numberLong\": \"…\"} or an integer, found \(describeValue(at: i))", at: i)
        }
        setType(BSONType.datetime.rawValue)
        w.appendInt64(millis)
    }

    private mutating func timestampValue(valueAt: Int) throws {
        try openInner(for: "$timestamp")
        var t: UInt32?
        var inc: UInt32?
        var first = true
        while try innerKey(first: first, in: "$timestamp") {
            first = false
            let isT = keyBuf.elementsEqual("t".utf8)
            guard isT || keyBuf.elementsEqual("i".utf8) else {
                throw fail("$timestamp holds only \"t\" and \"i\", found key \(quotedKey())", at: i)
            }
            if (isT ? t : inc) != nil { throw duplicate("$timestamp", at: i) }
            let (v, at) = try integerValue(for: "$timestamp.\(isT ? "t" : "i")")
            guard let v32 = UInt32(exactly: v) else {
                throw fail("$timestamp.\(isT ? "t" : "i") must be between 0 and 4294967295, found \(v)", at: at)
            }
            if isT { t = v32 } else { inc = v32 }
        }
        guard let t, let inc else {
            throw fail("$timestamp needs both \"t\" and \"i\"", at: valueAt)
        }
        setType(BSONType.timestamp.rawValue)
        w.appendInt32(Int32(bitPattern: inc))
        w.appendInt32(Int32(bitPattern: t))
    }

    private mutating func regularExpressionValue(valueAt: Int) throws {
        try openInner(for: "$regularExpression")
        var hasPattern = false
        var hasOptions = false
        var first = true
        while try innerKey(first: first, in: "$regularExpression") {
            first = false
            let isPattern = keyBuf.elementsEqual("pattern".utf8)
            guard isPattern || keyBuf.elementsEqual("options".utf8) else {
                throw fail("$regularExpression holds only \"pattern\" and \"options\", found key \(quotedKey())", at: i)
            }
            if isPattern ? hasPattern : hasOptions { throw duplicate("$regularExpression", at: i) }
            try readWrapperString(into: isPattern ? .a : .b, for: "$regularExpression.\(isPattern ? "pattern" : "options")")
            if isPattern { hasPattern = true } else { hasOptions = true }
        }
        guard hasPattern, hasOptions else {
            throw fail("$regularExpression needs both \"pattern\" and \"options\"", at: valueAt)
        }
        try writeRegex(at: valueAt, legacy: false)
    }

    /// Writes a regular expression from `bufA` (pattern) and `bufB` (options): the options
    /// follow the rule of `BSONRegularExpression` (letters `ilmsux`, each once, any order,
    /// stored sorted); `legacy` (`$regex`/`$options`) first drops repeated letters, as libbson does.
    private mutating func writeRegex(at: Int, legacy: Bool) throws {
        if bufA.contains(0) {
            throw fail("a regular expression pattern cannot contain a NUL character (\\u0000)", at: at, code: .embeddedNUL)
        }
        if bufB.contains(0) {
            throw fail("regular expression options cannot contain a NUL character (\\u0000)", at: at, code: .embeddedNUL)
        }
        if legacy { bufB = RegexOptions.droppingRepeats(bufB) }
        if let bad = RegexOptions.firstInvalid(bufB) {
            throw fail(bad.reason, at: at)
        }
        if !RegexOptions.isSorted(bufB) { bufB.sort() }
        setType(BSONType.regex.rawValue)
        w.append(contentsOf: bufA)
        w.append(0)
        w.append(contentsOf: bufB)
        w.append(0)
    }

    private mutating func dbPointerValue(valueAt: Int) throws {
        try openInner(for: "$dbPointer")
        var hasRef = false
        var hasID = false
        var first = true
        while try innerKey(first: first, in: "$dbPointer") {
            first = false
            let keyAt = i
            if keyBuf.elementsEqual("$ref".utf8) {
                if hasRef { throw duplicate("$dbPointer", at: keyAt) }
                try readWrapperString(into: .a, for: "$dbPointer.$ref")
                hasRef = true
            } else if keyBuf.elementsEqual("$id".utf8) {
                if hasID { throw duplicate("$dbPointer", at: keyAt) }
                guard byte(at: i) == UInt8(ascii: "{") else {
                    throw fail("$dbPointer.$id must be {\"$oid\": \"…\"}, found \(describeValue(at: i))", at: i)
                }
                i += 1
                guard try innerKey(first: true, in: "$dbPointer.$id"), keyBuf.elementsEqual("$oid".utf8) else {
                    throw fail("$dbPointer.$id must be {\"$oid\": \"…\"}", at: keyAt)
                }
                let oidAt = i
                try readWrapperString(into: .b, for: "$oid")
                guard bufB.count == 24, bufB.allSatisfy({ HexDigits.value($0) != nil }) else {
                    throw fail("$oid must be a string of 24 hex digits, found \(quoted(bufB))", at: oidAt)
                }
                if try innerKey(first: false, in: "$dbPointer.$id") {
                    throw fail("$dbPointer.$id must be {\"$oid\": \"…\"}, found key \(quotedKey())", at: i)
                }
                hasID = true
            } else {
                throw fail("$dbPointer holds only $ref and $id, found key \(quotedKey())", at: keyAt)
            }
        }
        guard hasRef, hasID else {
            throw fail("$dbPointer needs both $ref and $id", at: valueAt)
        }
        setType(BSONType.dbPointer.rawValue)
        guard let length = Int32(exactly: bufA.count + 1) else {
            throw fail("a string cannot exceed 2 GiB", at: valueAt, code: .sizeLimitExceeded)
        }
        w.appendInt32(length)
        w.append(contentsOf: bufA)
        w.append(0)
        _ = ExtendedJSONScalars.appendObjectID(bufB, to: &w)
    }

    private mutating func binaryValue(valueAt: Int) throws {
        let subtype: UInt8
        if byte(at: i) == UInt8(ascii: "{") {
            // Canonical: {"$binary": {"base64": "…", "subType": "hh"}}
            i += 1
            var parsedSubtype: UInt8?
            var hasData = false
            var first = true
            while try innerKey(first: first, in: "$binary") {
                first = false
                let keyAt = i
                if keyBuf.elementsEqual("base64".utf8) {
                    if hasData { throw duplicate("$binary", at: keyAt) }
                    try readWrapperString(into: .a, for: "$binary.base64")
                    hasData = true
                } else if keyBuf.elementsEqual("subType".utf8) {
                    if parsedSubtype != nil { throw duplicate("$binary", at: keyAt) }
                    parsedSubtype = try subtypeValue(for: "$binary.subType")
                } else {
                    throw fail("$binary holds only \"base64\" and \"subType\", found key \(quotedKey())", at: keyAt)
                }
            }
            guard hasData, let parsedSubtype else {
                throw fail("$binary needs both \"base64\" and \"subType\"", at: valueAt)
            }
            subtype = parsedSubtype
        } else if byte(at: i) == UInt8(ascii: "\"") {
            // Legacy: {"$binary": "…", "$type": "hh"}
            try readString(into: .a)
            guard try nextLegacyKey("$type", after: "$binary") else {
                throw fail("legacy $binary needs a $type", at: valueAt)
            }
            subtype = try subtypeValue(for: "$type")
        } else {
            throw fail("expected a document or a string for $binary, found \(describeValue(at: i))", at: i)
        }
        try writeBinary(subtype: subtype, at: valueAt)
    }

    /// A binary subtype string (1 or 2 hex digits).
    private mutating func subtypeValue(for name: String) throws -> UInt8 {
        let at = i
        try readWrapperString(into: .b, for: name)
        guard let v = ExtendedJSONScalars.subtype(bufB) else {
            throw fail("\(name) must be a binary subtype of one or two hex digits, found \(quoted(bufB))", at: at)
        }
        return v
    }

    /// Writes binary data from the base64 text in `bufA`.
    private mutating func writeBinary(subtype: UInt8, at: Int) throws {
        setType(BSONType.binary.rawValue)
        let lengthAt = w.count
        w.appendInt32(0)
        w.append(subtype)
        let old = subtype == BSONBinary.Subtype.binaryOld.rawValue
        if old { w.appendInt32(0) }
        let dataAt = w.count
        guard ExtendedJSONScalars.appendBase64(bufA, to: &w) else {
            throw fail("invalid base64 in $binary: \(quoted(bufA))", at: at)
        }
        let count = w.count - dataAt
        if old {
            try w.patchLength(at: lengthAt, length: count + 4)
            try w.patchLength(at: dataAt - 4, length: count)
        } else {
            try w.patchLength(at: lengthAt, length: count)
        }
    }

    /// In a two-key legacy wrapper, after the first value: `,` and the expected second key
    /// (returns true, positioned after its `:`), or `}` (returns false).
    private mutating func nextLegacyKey(_ expected: StaticString, after first: String) throws -> Bool {
        skipWhitespace()
        let c = byte(at: i)
        if c == UInt8(ascii: "}") { return false }
        guard c == UInt8(ascii: ",") else {
            throw fail("expected ',' or '}' after the \(first) value, found \(describeByte(at: i))", at: i)
        }
        i += 1
        skipWhitespace()
        let keyAt = i
        guard byte(at: i) == UInt8(ascii: "\"") else {
            throw fail("expected a key after ',', found \(describeByte(at: i))", at: i)
        }
        try readString(into: .key)
        guard keyBuf.elementsEqual(UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount)) else {
            throw fail("a \(first) wrapper holds only \(first) and \(expected), found key \(quotedKey())", at: keyAt)
        }
        try expectColon()
        return true
    }

    /// `{"$type": …}` first: legacy binary when the value is a 1-2 digit hex string and
    /// `$binary` follows; otherwise the `$type` query operator, kept as a plain document.
    private mutating func typeValue(valueAt: Int) throws -> Step {
        if byte(at: i) == UInt8(ascii: "\"") {
            try readString(into: .b)
            if let subtype = ExtendedJSONScalars.subtype(bufB) {
                guard try nextLegacyKey("$binary", after: "$type") else {
                    throw fail("legacy $type needs a $binary", at: valueAt)
                }
                try readWrapperString(into: .a, for: "$binary")
                try closeWrapper("$type")
                try writeBinary(subtype: subtype, at: valueAt)
                return .next
            }
            // {"$type": "string"}: a query operator.
            try beginFallbackDocument()
            writeHeader(type: BSONType.string.rawValue, key: "$type")
            try appendBSONString(bufB, at: valueAt)
            return .next
        }
        // {"$type": 2} or {"$type": {...}}: a query operator; read the value normally.
        try beginFallbackDocument()
        writeHeader(type: 0, key: "$type")
        return .value
    }

    /// `{"$regex": …}` first: legacy regular expression when the value is a string (with an
    /// optional `$options` string); otherwise the `$regex` query operator, a plain document.
    private mutating func regexValue(valueAt: Int) throws -> Step {
        guard byte(at: i) == UInt8(ascii: "\"") else {
            try beginFallbackDocument()
            writeHeader(type: 0, key: "$regex")
            return .value
        }
        try readString(into: .a)
        bufB.removeAll(keepingCapacity: true)
        if try nextLegacyKey("$options", after: "$regex") {
            try readWrapperString(into: .b, for: "$options")
        }
        try closeWrapper("$regex")
        try writeRegex(at: valueAt, legacy: true)
        return .next
    }

    /// `{"$options": "…"}` first: `$regex` must follow; a string makes a legacy regular
    /// expression, anything else the `$regex` query operator (a plain document).
    private mutating func optionsValue(valueAt: Int) throws -> Step {
        try readWrapperString(into: .b, for: "$options")
        guard try nextLegacyKey("$regex", after: "$options") else {
            throw fail("legacy $options needs a $regex", at: valueAt)
        }
        if byte(at: i) == UInt8(ascii: "\"") {
            try readString(into: .a)
            try closeWrapper("$options")
            try writeRegex(at: valueAt, legacy: true)
            return .next
        }
        try beginFallbackDocument()
        writeHeader(type: BSONType.string.rawValue, key: "$options")
        try appendBSONString(bufB, at: valueAt)
        writeHeader(type: 0, key: "$regex")
        return .value
    }

    private mutating func appendBSONString(_ s: [UInt8], at: Int) throws {
        guard let length = Int32(exactly: s.count + 1) else {
            throw fail("a string cannot exceed 2 GiB", at: at, code: .sizeLimitExceeded)
        }
        w.appendInt32(length)
        w.append(contentsOf: s)
        w.append(0)
    }

    /// In a `$code` wrapper, after the `:` of `$code` or `$scope`.
    private mutating func codeMember(isCode: Bool) throws -> Step {
        skipWhitespace()
        let last = frames.count - 1
        let frame = frames[last]
        if isCode {
            if frame.codeAt >= 0 { throw fail("duplicate key \"$code\" in a $code wrapper", at: i) }
            guard byte(at: i) == UInt8(ascii: "\"") else { throw expectedString(for: "$code") }
            let at = w.count
            try writeStringValue()
            if frame.scopeAt >= 0 {
                // The scope came first: move the code in front of it.
                let code = w.toArray(at..<w.count)
                w.removeSubrange(at...)
                w.insert(contentsOf: code, at: frame.scopeAt)
                frames[last].codeAt = frame.scopeAt
                frames[last].scopeAt = frame.scopeAt + code.count
            } else {
                frames[last].codeAt = at
            }
            return .next
        }
        if frame.scopeAt >= 0 { throw fail("duplicate key \"$scope\" in a $code wrapper", at: i) }
        guard byte(at: i) == UInt8(ascii: "{") else {
            throw fail("expected a document for $scope, found \(describeValue(at: i))", at: i)
        }
        i += 1
        let start = w.beginDocument()
        try pushContainer(.scope, start: start)
        return try firstMember()
    }

    /// At the `}` of a `$code` wrapper: code (0x0D) or code with scope (0x0F).
    private mutating func finishCode() throws -> Step {
        guard let frame = frames.popLast() else { return .done }
        guard frame.codeAt >= 0 else {
            elementKeyStart = frame.keyStart
            elementKeyEnd = frame.keyEnd
            throw fail("a $scope needs a $code", at: i - 1)
        }
        if frame.scopeAt >= 0 {
            try w.patchLength(at: frame.start, length: w.count - frame.start)
            w[frame.typePos] = BSONType.codeWithScope.rawValue
        } else {
            w.removeSubrange(frame.start..<(frame.start + 4))
            w[frame.typePos] = BSONType.code.rawValue
        }
        return .next
    }

    // MARK: Lexical helpers

    /// The byte at `at`, or 0 past the end (0 is never valid outside a string).
    @inline(__always)
    private func byte(at: Int) -> UInt8 {
        at < end ? text[at] : 0
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while i < end {
            let c = text[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    private mutating func expectColon() throws {
        skipWhitespace()
        guard byte(at: i) == UInt8(ascii: ":") else {
            throw fail("expected ':' after a key, found \(describeByte(at: i))", at: i)
        }
        i += 1
        skipWhitespace()
    }

    // MARK: Errors

    /// The error for a problem at `offset`. A syntax error at a byte that starts a sequence
    /// that is not UTF-8 (outside any string, where JSON allows only ASCII) is reported as
    /// `invalidUTF8`: the text is not UTF-8 there, which is the more useful thing to say.
    private func fail(_ reason: String, at offset: Int, element: Bool = true, code: BSONError.Code = .invalidJSON) -> BSONError {
        var code = code
        if code == .invalidJSON, offset < end, text[offset] >= 0x80,
           UTF8Validation.firstInvalidStrict(text, from: offset, to: min(end, offset + 4)) == offset {
            code = .invalidUTF8
        }
        return BSONError(code, "invalid Extended JSON: \(reason)", offset: offset, keyPath: keyPath(includingElement: element))
    }

    /// The keys leading to the element being read, from the frames and the output bytes.
    private func keyPath(includingElement: Bool) -> [String] {
        var path: [String] = []
        // A scope's key is its $code wrapper's key, already listed.
        for frame in frames.dropFirst() where frame.kind != .scope {
            path.append(keyString(frame.keyStart, frame.keyEnd))
        }
        // Inside a $code wrapper the element being read is the wrapper itself.
        if includingElement, elementTypePos >= 0, frames.last?.kind != .code {
            path.append(keyString(elementKeyStart, elementKeyEnd))
        }
        return path
    }

    private func keyString(_ from: Int, _ to: Int) -> String {
        guard from <= to, to <= w.count else { return "" }
        return w.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }

    private func describeByte(at: Int) -> String {
        guard at < end else { return "the end of the input" }
        let c = text[at]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(HexDigits.encode([c]))"
    }

    /// A short description of the JSON value starting at `at` (its kind), for type errors.
    private func describeValue(at: Int) -> String {
        switch byte(at: at) {
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "{"): return "a document"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        default: return describeByte(at: at)
        }
    }

    private func describeEscape(at: Int) -> String {
        guard at + 1 < end else { return "'\\'" }
        let c = text[at + 1]
        if c >= 0x21 && c < 0x7F { return "'\\\(Character(Unicode.Scalar(c)))'" }
        return "'\\' followed by byte 0x\(HexDigits.encode([c]))"
    }

    private func slice(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: text[from..<min(to, from + 64)]), as: UTF8.self)
    }

    private func quoted(_ s: [UInt8]) -> String {
        String(decoding: s.prefix(64), as: UTF8.self).debugDescription
    }

    private func quotedKey() -> String {
        quoted(keyBuf)
    }
}
