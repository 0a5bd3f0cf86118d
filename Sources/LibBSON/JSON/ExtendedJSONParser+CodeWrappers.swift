/// The code wrappers: `{"$code": "…"}` (code) and `{"$code": "…", "$scope": {…}}` (code with
/// scope), keys in either order, and `{"$symbol": "…"}`. A `$code` wrapper is a frame of its
/// own: its scope is parsed in place like any document (wrappers inside it included), and a
/// `$code` read after its `$scope` is moved in front of it.
extension ExtendedJSONParser {
    mutating func symbolValue() throws {
        guard s.current == UInt8(ascii: "\"") else { throw expectedString(for: ExtendedJSONKey.symbol.name) }
        setType(BSONType.symbol.rawValue)
        try writeStringValue()
    }

    /// After `{"$code":` or `{"$scope":`: opens the wrapper's frame and reads that member.
    mutating func beginCode(isCode: Bool) throws -> Step {
        setType(BSONType.code.rawValue)
        // A code-with-scope's length field; a plain code drops it in finishCode().
        let start = w.beginLengthPrefixed()
        frames.append(Frame(kind: .code, start: start, keyStart: elementKeyStart, keyEnd: elementKeyEnd, typePos: elementTypePos))
        return try codeMember(isCode: isCode)
    }

    /// After a member of a `$code` wrapper, at `c`: `,` and the other member, or the `}`.
    mutating func nextInCode(_ c: UInt8) throws -> Step {
        if c == UInt8(ascii: ",") {
            s.position += 1
            s.skipWhitespace()
            let keyAt = s.position
            guard s.current == UInt8(ascii: "\"") else {
                throw fail("expected a key after ',', found \(describeByte(at: s.position))", at: s.position, element: false)
            }
            try readString(into: .key)
            if keyIs(wrapper: .code) {
                try expectColon()
                return try codeMember(isCode: true)
            }
            if keyIs(wrapper: .scope) {
                try expectColon()
                return try codeMember(isCode: false)
            }
            throw fail("a $code wrapper holds only $code and $scope, found key \(quotedKey())", at: keyAt, element: false)
        }
        if c == UInt8(ascii: "}") {
            s.position += 1
            return try finishCode()
        }
        throw fail("expected ',' or '}' in a $code wrapper, found \(describeByte(at: s.position))", at: s.position, element: false)
    }

    /// In a `$code` wrapper, after the `:` of `$code` or `$scope`.
    private mutating func codeMember(isCode: Bool) throws -> Step {
        s.skipWhitespace()
        let last = frames.count - 1
        let frame = frames[last]
        if isCode {
            if frame.codeAt >= 0 { throw fail("duplicate key \"$code\" in a $code wrapper", at: s.position) }
            guard s.current == UInt8(ascii: "\"") else { throw expectedString(for: ExtendedJSONKey.code.name) }
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
        if frame.scopeAt >= 0 { throw fail("duplicate key \"$scope\" in a $code wrapper", at: s.position) }
        guard s.current == UInt8(ascii: "{") else {
            throw fail("expected a document for $scope, found \(describeValue(at: s.position))", at: s.position)
        }
        s.position += 1
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
            throw fail("a $scope needs a $code", at: s.position - 1)
        }
        if frame.scopeAt >= 0 {
            try w.endLengthPrefixed(frame.start, countedFrom: frame.start, .document)
            w[frame.typePos] = BSONType.codeWithScope.rawValue
        } else {
            w.removeSubrange(frame.start..<(frame.start + 4))
            w[frame.typePos] = BSONType.code.rawValue
        }
        return .next
    }
}
