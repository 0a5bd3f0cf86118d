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
/// letters first, as libbson does (`RegexOptions.readExtendedJSON(_:form:)` says why).
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
///
/// **Files.** This file is the driver: the document, array and value structure, the depth and
/// size limits and the element headers. ``ExtendedJSONScanner`` reads the text (whitespace,
/// literals, strings, number tokens); `ExtendedJSONParser+Wrappers.swift` dispatches on
/// ``ExtendedJSONKey`` to one file per wrapper family (`+NumberWrappers`, `+BinaryWrappers`,
/// `+TimeWrappers`, `+RegexWrappers`, `+CodeWrappers`, `+ObjectIDWrappers`,
/// `+ConstantWrappers`); `ExtendedJSONParser+Errors.swift` makes every error it throws.
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
            throw Self.sizeLimitExceeded(bytes.count, limit: maxDocumentSize, offset: text.count)
        }
        return bytes
    }

    // MARK: State

    enum Step { case value, next, done }

    /// An open container (or a `$code` wrapper, whose keys may come in any order).
    struct Frame {
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

    /// The text and the position in it.
    var s: ExtendedJSONScanner
    let maxDepth: Int
    /// Checked after every value, so the output never grows much past the limit (a JSON text
    /// can expand several times: `[1,1,...]` takes 2 bytes of text and about 10 of BSON per item).
    let maxDocumentSize: Int
    var w: BSONByteWriter
    var frames: [Frame] = []
    var depth = 0
    /// The element being written: its type byte and key, as offsets into the output.
    var elementTypePos = -1
    var elementKeyStart = 0
    var elementKeyEnd = 0
    /// Scratch buffers for wrapper keys and values whose order is not fixed.
    enum Buffer { case key, a, b }
    var keyBuf: [UInt8] = []
    var bufA: [UInt8] = []
    var bufB: [UInt8] = []

    private init(text: UnsafeRawBufferPointer, maxDepth: Int, maxDocumentSize: Int) {
        self.s = ExtendedJSONScanner(text)
        self.maxDepth = max(0, maxDepth)
        self.maxDocumentSize = maxDocumentSize
        // BSON is usually a little smaller than its Extended JSON.
        self.w = BSONByteWriter(capacity: max(64, text.count))
        frames.reserveCapacity(16)
    }

    // MARK: Driver

    mutating func run() throws -> [UInt8] {
        s.skipWhitespace()
        guard s.position < s.end else {
            throw Self.emptyInput(at: s.position)
        }
        guard s.text[s.position] == UInt8(ascii: "{") else {
            throw fail("an Extended JSON document must be a JSON object, found \(describeByte(at: s.position))", at: s.position, element: false)
        }
        s.position += 1
        let start = w.beginDocument()
        frames.append(Frame(kind: .document, start: start, keyStart: 0, keyEnd: 0, typePos: -1))
        var step = try firstMember()
        while true {
            switch step {
            case .value: step = try value()
            case .next: step = try next()
            case .done:
                s.skipWhitespace()
                guard s.position == s.end else {
                    throw fail("unexpected \(describeByte(at: s.position)) after the end of the document", at: s.position, element: false)
                }
                return w.toArray()
            }
        }
    }

    /// After the `{` of a document or scope whose frame is pushed: its first key, or `}`.
    mutating func firstMember() throws -> Step {
        s.skipWhitespace()
        let c = s.current
        if c == UInt8(ascii: "}") {
            s.position += 1
            return try closeContainer()
        }
        guard c == UInt8(ascii: "\"") else {
            throw fail("expected a key or '}', found \(describeByte(at: s.position))", at: s.position, element: false)
        }
        try writeMemberHeader()
        return .value
    }

    /// What follows a complete value: `,` and the next member, or the container's end.
    mutating func next() throws -> Step {
        guard let top = frames.last else { return .done }
        if w.count > maxDocumentSize {
            throw Self.sizeLimitExceeded(nil, limit: maxDocumentSize, offset: s.position)
        }
        s.skipWhitespace()
        let c = s.current
        switch top.kind {
        case .document, .scope:
            if c == UInt8(ascii: ",") {
                s.position += 1
                s.skipWhitespace()
                guard s.current == UInt8(ascii: "\"") else {
                    throw fail("expected a key after ',', found \(describeByte(at: s.position))", at: s.position, element: false)
                }
                try writeMemberHeader()
                return .value
            }
            if c == UInt8(ascii: "}") {
                s.position += 1
                return try closeContainer()
            }
            throw fail("expected ',' or '}' after a value in an object, found \(describeByte(at: s.position))", at: s.position, element: false)
        case .array:
            if c == UInt8(ascii: ",") {
                s.position += 1
                writeIndexHeader()
                return .value
            }
            if c == UInt8(ascii: "]") {
                s.position += 1
                return try closeContainer()
            }
            throw fail("expected ',' or ']' after a value in an array, found \(describeByte(at: s.position))", at: s.position, element: false)
        case .code:
            return try nextInCode(c)
        }
    }

    /// Closes the innermost document, array or scope.
    mutating func closeContainer() throws -> Step {
        guard let frame = frames.popLast() else { return .done }
        try w.endDocument(frame.start)
        if frames.isEmpty { return .done }
        depth -= 1
        if frame.kind == .scope {
            frames[frames.count - 1].scopeAt = frame.start
        }
        return .next
    }

    mutating func pushContainer(_ kind: Frame.Kind, start: Int) throws {
        guard depth < maxDepth else {
            throw fail("documents are nested deeper than the limit of \(maxDepth)", at: s.position, element: true, code: .depthLimitExceeded)
        }
        depth += 1
        frames.append(Frame(kind: kind, start: start, keyStart: elementKeyStart, keyEnd: elementKeyEnd, typePos: elementTypePos))
    }

    // MARK: Element headers

    /// At the `"` of a key in a document: writes a type placeholder and the key, reads the `:`.
    mutating func writeMemberHeader() throws {
        elementTypePos = w.count
        w.append(0)
        elementKeyStart = w.count
        let keyAt = s.position
        let outcome = s.scanString(into: &w)
        elementKeyEnd = w.count
        try check(outcome, element: false)
        if outcome == .okWithNUL {
            throw nulInKey(at: keyAt, element: false)
        }
        w.append(0)
        try expectColon()
    }

    /// Writes a type placeholder and the next array index as the key.
    mutating func writeIndexHeader() {
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
    mutating func writeHeader(type: UInt8, key: ExtendedJSONKey) {
        elementTypePos = w.count
        w.append(type)
        elementKeyStart = w.count
        w.append(contentsOf: key.utf8)
        elementKeyEnd = w.count
        w.append(0)
    }

    @inline(__always)
    mutating func setType(_ type: UInt8) {
        w[elementTypePos] = type
    }

    // MARK: Values

    /// Reads the value of the element whose header was just written.
    mutating func value() throws -> Step {
        s.skipWhitespace()
        let c = s.current
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
            s.position += 1
            s.skipWhitespace()
            if s.current == UInt8(ascii: "]") {
                s.position += 1
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
            throw fail("expected a value, found \(describeByte(at: s.position))", at: s.position)
        }
    }

    /// A nested object: an empty document, a type wrapper, or a document, by its first key.
    mutating func object() throws -> Step {
        s.position += 1
        s.skipWhitespace()
        if s.current == UInt8(ascii: "}") {
            s.position += 1
            setType(BSONType.document.rawValue)
            try w.endDocument(w.beginDocument())
            return .next
        }
        guard s.current == UInt8(ascii: "\"") else {
            throw fail("expected a key or '}', found \(describeByte(at: s.position))", at: s.position)
        }
        let keyAt = s.position
        let valueStart: Int
        let typePos: Int
        let keyStart: Int
        let keyEnd: Int
        let raw = s.byte(at: s.position + 1)
        if raw == UInt8(ascii: "$") || raw == UInt8(ascii: "\\") {
            // Possibly a wrapper key (an escape may spell '$'): decode it aside first.
            try readString(into: .key)
            if let wrapper = ExtendedJSONKey(keyBuf) {
                try expectColon()
                return try self.wrapper(wrapper, keyAt: keyAt)
            }
            if keyBuf.contains(0) {
                throw nulInKey(at: keyAt)
            }
            valueStart = w.beginDocument()
            typePos = w.count
            w.append(0)
            keyStart = w.count
            w.append(contentsOf: keyBuf)
            keyEnd = w.count
        } else {
            // A plain document: write its header and first key in place.
            valueStart = w.beginDocument()
            typePos = w.count
            w.append(0)
            keyStart = w.count
            let outcome = s.scanString(into: &w)
            keyEnd = w.count
            try check(outcome, element: true)
            if outcome == .okWithNUL {
                throw nulInKey(at: keyAt)
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
    mutating func beginFallbackDocument() throws {
        setType(BSONType.document.rawValue)
        let start = w.beginDocument()
        try pushContainer(.document, start: start)
    }

    // MARK: Strings

    /// At a `"`: writes a BSON string (length, UTF-8 bytes, NUL), NULs inside allowed.
    mutating func writeStringValue() throws {
        let field = w.beginLengthPrefixed()
        let outcome = s.scanString(into: &w)
        try check(outcome, element: true)
        w.append(0)
        try w.endLengthPrefixed(field, countedFrom: field + 4, .string)
    }

    /// At a `"`: decodes a string into one of the scratch buffers (emptied first).
    mutating func readString(into buffer: Buffer) throws {
        let outcome: ExtendedJSONScanner.StringOutcome
        switch buffer {
        case .key:
            keyBuf.removeAll(keepingCapacity: true)
            outcome = s.scanString(into: &keyBuf)
        case .a:
            bufA.removeAll(keepingCapacity: true)
            outcome = s.scanString(into: &bufA)
        case .b:
            bufB.removeAll(keepingCapacity: true)
            outcome = s.scanString(into: &bufB)
        }
        try check(outcome, element: true)
    }

    // MARK: Numbers, literals, punctuation

    /// A relaxed number: int32, else int64, else double.
    mutating func writeNumber() throws {
        let n = try number()
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
        guard let d = ExtendedJSONScalars.decimal(s.text, from: n.start, to: n.end), d.isFinite else {
            throw fail("number \(slice(n.start, n.end)) is out of range for a double", at: n.start)
        }
        setType(BSONType.double.rawValue)
        w.appendUInt64(d.bitPattern)
    }

    /// Reads a number token, or throws the error for a malformed one.
    @inline(__always)
    mutating func number() throws -> ExtendedJSONScanner.NumberToken {
        do {
            return try s.scanNumber()
        } catch {
            throw fail(error)
        }
    }

    /// Reads `word` (`true`, `false`, `null`), or throws.
    @inline(__always)
    mutating func literal(_ word: StaticString) throws {
        guard s.literal(word) else { throw invalidLiteral(word) }
    }

    mutating func expectColon() throws {
        s.skipWhitespace()
        guard s.current == UInt8(ascii: ":") else {
            throw fail("expected ':' after a key, found \(describeByte(at: s.position))", at: s.position)
        }
        s.position += 1
        s.skipWhitespace()
    }
}
