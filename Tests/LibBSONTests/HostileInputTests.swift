import Foundation
import Testing
@testable import LibBSON

/// Hostile input beyond what `BSONValidatorTests`, `ExtendedJSONParserTests` and the
/// bson-dump reader tests already cover: every length-prefixed field of every type lying
/// (past its container, negative, zero), every terminator missing, invalid UTF-8 in every
/// string-like field, NUL in keys from the Swift side, 100,000 levels of arrays and scopes,
/// the exact 16 MiB boundary on every entry point, huge declared sizes on short streams and
/// out-of-range numbers in Extended JSON. Every case asserts the error's code and offset
/// (and key path where there is one); none may crash or allocate what a length claims.
@Suite struct HostileInputTests {
    // MARK: Helpers

    /// Elements of a one-level document, built byte by byte. Offsets are document offsets
    /// (the 4-byte length comes first), so `at` is where the next byte will land.
    struct Elements {
        var bytes: [UInt8] = []
        var at: Int { 4 + bytes.count }
        mutating func int32(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func cstring(_ s: String) { bytes += Array(s.utf8) + [0] }
        mutating func raw(_ b: [UInt8]) { bytes += b }
        /// A type byte and a key; returns the offset of the value.
        @discardableResult
        mutating func header(_ type: UInt8, _ key: String = "k") -> Int {
            raw([type]); cstring(key)
            return at
        }
        /// A well-formed length-prefixed string.
        mutating func string(_ s: String) { int32(Int32(s.utf8.count + 1)); cstring(s) }
        var document: [UInt8] { BSONValidatorTests.Raw.document(bytes) }
    }

    static func le(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    /// `bytes` must be refused with `code` at `offset` (and `keyPath` when given).
    static func expectRefused(_ bytes: [UInt8], _ code: BSONError.Code, at offset: Int, keyPath: [String]? = ["k"],
                              options: BSONValidationOptions = .default, _ what: String = "",
                              sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try BSONDocument(fromBSON: bytes, options: options)
            Issue.record("\(what): accepted", sourceLocation: sourceLocation)
        } catch let error as BSONError {
            #expect(error.code == code, "\(what): \(error)", sourceLocation: sourceLocation)
            #expect(error.offset == offset, "\(what): \(error)", sourceLocation: sourceLocation)
            if let keyPath { #expect(error.keyPath == keyPath, "\(what): \(error)", sourceLocation: sourceLocation) }
            #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(what): \(error) is not a BSONError", sourceLocation: sourceLocation)
        }
    }

    // MARK: Lengths that point past their container

    @Test func everyLengthPrefixedFieldThatRunsPastItsDocument() {
        // String-like values: the length is checked against the room left in the document.
        for (type, name) in [(UInt8(0x02), "string"), (0x0D, "code"), (0x0E, "symbol"), (0x0C, "DBPointer")] {
            var e = Elements()
            let value = e.header(type)
            e.int32(100); e.cstring("abc")
            Self.expectRefused(e.document, .truncated, at: value, keyPath: ["k"], name)
        }
        // Embedded documents, arrays, binary and code-with-scope totals.
        for (type, name) in [(UInt8(0x03), "document"), (0x04, "array"), (0x05, "binary"), (0x0F, "code-with-scope")] {
            var e = Elements()
            let value = e.header(type)
            e.int32(1000); e.raw(Array(repeating: 0, count: 16))
            Self.expectRefused(e.document, .truncated, at: value, keyPath: ["k"], name)
        }
        // Fixed-size values with fewer bytes left than they need.
        for (type, size, name) in [(UInt8(0x01), 8, "double"), (0x07, 12, "ObjectId"), (0x09, 8, "datetime"),
                                   (0x10, 4, "int32"), (0x11, 8, "timestamp"), (0x12, 8, "int64"), (0x13, 16, "decimal128")] {
            var e = Elements()
            let value = e.header(type)
            e.raw(Array(repeating: 0x11, count: size - 1))
            Self.expectRefused(e.document, .truncated, at: value, keyPath: ["k"], name)
        }
        // A boolean with no byte before the terminator.
        var bool = Elements()
        let boolAt = bool.header(0x08)
        Self.expectRefused(bool.document, .truncated, at: boolAt, keyPath: ["k"], "boolean")
        // A DBPointer whose namespace fits but whose ObjectId does not.
        var pointer = Elements()
        pointer.header(0x0C); pointer.string("db.c")
        let oidAt = pointer.at
        pointer.raw(Array(repeating: 1, count: 11))
        Self.expectRefused(pointer.document, .truncated, at: oidAt, keyPath: ["k"], "DBPointer ObjectId")
    }

    @Test func codeWithScopePartsThatRunPastTheirValue() {
        // The code string's length runs past the value's own total (though not past the document).
        var code = Elements()
        let value = code.header(0x0F)
        code.int32(4 + 4 + 2 + 5); code.int32(40); code.cstring("x"); code.raw([5, 0, 0, 0, 0])
        Self.expectRefused(code.document, .truncated, at: value + 4, keyPath: ["k"], "code-with-scope code")
        // The scope's length runs past the value's total.
        var scope = Elements()
        let cws = scope.header(0x0F)
        scope.int32(4 + 6 + 5); scope.string("x"); let scopeAt = scope.at
        scope.int32(30); scope.raw([0]); scope.raw(Array(repeating: 0x0A, count: 30))
        Self.expectRefused(scope.document, .truncated, at: scopeAt, keyPath: ["k"], "code-with-scope scope")
        #expect(scopeAt == cws + 10)
    }

    // MARK: Negative and zero lengths

    @Test func negativeLengthsInEveryField() {
        for length: Int32 in [-1, -5, .min] {
            for (type, minimum, name) in [(UInt8(0x02), 1, "string"), (0x0D, 1, "code"), (0x0E, 1, "symbol"), (0x0C, 1, "DBPointer"),
                                          (0x03, 5, "document"), (0x04, 5, "array"), (0x05, 0, "binary"), (0x0F, 14, "code-with-scope")] {
                var e = Elements()
                let value = e.header(type)
                e.int32(length); e.raw(Array(repeating: 0, count: 20))
                Self.expectRefused(e.document, .invalidLength, at: value, keyPath: ["k"], "\(name) length \(length) (minimum \(minimum))")
            }
            // Inside a code-with-scope: the code string's and the scope's own lengths.
            var code = Elements()
            let cws = code.header(0x0F)
            code.int32(4 + 4 + 1 + 5); code.int32(length); code.raw([0]); code.raw([5, 0, 0, 0, 0])
            Self.expectRefused(code.document, .invalidLength, at: cws + 4, keyPath: ["k"], "code-with-scope code length \(length)")
            var scope = Elements()
            let cws2 = scope.header(0x0F)
            scope.int32(4 + 6 + 5); scope.string("x"); scope.int32(length); scope.raw([0])
            Self.expectRefused(scope.document, .invalidLength, at: cws2 + 10, keyPath: ["k"], "code-with-scope scope length \(length)")
        }
        // The top-level length itself.
        for length: Int32 in [-1, .min, 0, 4] {
            Self.expectRefused(Self.le(length) + [0], .invalidLength, at: 0, keyPath: [], "document length \(length)")
        }
    }

    @Test func zeroLengthStringsInEveryStringField() throws {
        // A BSON string's length counts its NUL, so 0 is always a lie.
        for (type, name) in [(UInt8(0x02), "string"), (0x0D, "code"), (0x0E, "symbol"), (0x0C, "DBPointer")] {
            var e = Elements()
            let value = e.header(type)
            e.int32(0); e.raw(Array(repeating: 0, count: 13))
            Self.expectRefused(e.document, .invalidLength, at: value, keyPath: ["k"], name)
        }
        var cws = Elements()
        let value = cws.header(0x0F)
        cws.int32(14); cws.int32(0); cws.raw([0]); cws.raw([5, 0, 0, 0, 0])
        Self.expectRefused(cws.document, .invalidLength, at: value + 4, keyPath: ["k"], "code-with-scope code")
        // An empty document or array length of 0 is below the minimum of 5.
        for type: UInt8 in [0x03, 0x04] {
            var e = Elements()
            let at = e.header(type)
            e.int32(0); e.raw([0])
            Self.expectRefused(e.document, .invalidLength, at: at, keyPath: ["k"], "type \(type)")
        }
        // Zero-length binary data, though, is a valid empty value.
        var binary = Elements()
        binary.header(0x05); binary.int32(0); binary.raw([0x00])
        let doc = try BSONDocument(fromBSON: binary.document)
        #expect(doc["k"] == .binary(BSONBinary(subtype: .generic, data: [])))
    }

    // MARK: Missing terminators

    @Test func missingTerminatorsInEveryField() {
        for (type, name) in [(UInt8(0x02), "string"), (0x0D, "code"), (0x0E, "symbol"), (0x0C, "DBPointer")] {
            var e = Elements()
            e.header(type)
            e.int32(3); let last = e.at + 2
            e.raw([0x61, 0x62, 0x63]); e.raw(Array(repeating: 0, count: 12))
            Self.expectRefused(e.document, .missingTerminator, at: last, keyPath: ["k"], name)
        }
        // Regular expressions: the pattern, then the options, must each end before the document does.
        var pattern = Elements()
        let patternAt = pattern.header(0x0B)
        pattern.raw(Array("abc".utf8))
        Self.expectRefused(pattern.document, .missingTerminator, at: patternAt, keyPath: ["k"], "regex pattern")
        var options = Elements()
        options.header(0x0B); options.cstring("abc"); let optionsAt = options.at
        options.raw(Array("imx".utf8))
        Self.expectRefused(options.document, .missingTerminator, at: optionsAt, keyPath: ["k"], "regex options")
        // Embedded documents, arrays and scopes whose last byte is not NUL.
        for type: UInt8 in [0x03, 0x04] {
            var e = Elements()
            let at = e.header(type)
            e.int32(5); e.raw([0x01])
            Self.expectRefused(e.document, .missingTerminator, at: at + 4, keyPath: ["k"], "type \(type)")
        }
        var scope = Elements()
        let cws = scope.header(0x0F)
        scope.int32(14); scope.string(""); scope.int32(5); scope.raw([0x01])
        Self.expectRefused(scope.document, .missingTerminator, at: cws + 13, keyPath: ["k"], "scope")
    }

    // MARK: Invalid UTF-8

    /// Bad sequences: a lone continuation byte, a truncated sequence, overlong forms of "/"
    /// and NUL, an encoded surrogate, a code point above U+10FFFF, and bytes never used.
    static let badUTF8: [[UInt8]] = [
        [0x80], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xC0, 0x80], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF],
        [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xFF],
    ]

    @Test func invalidUTF8InEveryStringLikeField() {
        for bad in Self.badUTF8 {
            let text = Array("ok".utf8) + bad
            // Keys.
            var key = Elements()
            key.raw([0x0A]); let keyBad = key.at + 2; key.raw(text + [0])
            Self.expectRefused(key.document, .invalidUTF8, at: keyBad, keyPath: [], "key \(bad)")
            // Length-prefixed strings.
            for (type, name) in [(UInt8(0x02), "string"), (0x0D, "code"), (0x0E, "symbol"), (0x0C, "DBPointer")] {
                var e = Elements()
                let value = e.header(type)
                e.int32(Int32(text.count + 1)); e.raw(text + [0])
                if type == 0x0C { e.raw(Array(repeating: 1, count: 12)) }
                Self.expectRefused(e.document, .invalidUTF8, at: value + 6, keyPath: ["k"], "\(name) \(bad)")
            }
            // Regular expression pattern and options.
            var pattern = Elements()
            let patternAt = pattern.header(0x0B)
            pattern.raw(text + [0]); pattern.cstring("i")
            Self.expectRefused(pattern.document, .invalidUTF8, at: patternAt + 2, keyPath: ["k"], "regex pattern \(bad)")
            var options = Elements()
            options.header(0x0B); options.cstring("a"); let optionsAt = options.at
            options.raw(text + [0])
            Self.expectRefused(options.document, .invalidUTF8, at: optionsAt + 2, keyPath: ["k"], "regex options \(bad)")
            // Code-with-scope code, and a key inside the scope (the path names the scope's key).
            var code = Elements()
            let cws = code.header(0x0F)
            code.int32(Int32(4 + 4 + text.count + 1 + 5)); code.int32(Int32(text.count + 1)); code.raw(text + [0]); code.raw([5, 0, 0, 0, 0])
            Self.expectRefused(code.document, .invalidUTF8, at: cws + 10, keyPath: ["k"], "code-with-scope code \(bad)")
            var inner = Elements()
            inner.raw([0x0A]); inner.raw(text + [0])
            let scopeDoc = inner.document
            var scoped = Elements()
            let cws2 = scoped.header(0x0F)
            scoped.int32(Int32(4 + 5 + scopeDoc.count)); scoped.string(""); scoped.raw(scopeDoc)
            Self.expectRefused(scoped.document, .invalidUTF8, at: cws2 + 9 + 4 + 1 + 2, keyPath: ["k"], "scope key \(bad)")
            // A key inside an array element's document: the path goes through the index.
            var array = Elements()
            let arrayAt = array.header(0x04, "list")
            var element = Elements()
            element.header(0x03, "0")
            element.raw(inner.document)
            array.raw(element.document)
            // list (array) -> "0" (document) -> bad key: array at arrayAt, element doc at arrayAt + 7.
            Self.expectRefused(array.document, .invalidUTF8, at: arrayAt + 7 + 4 + 1 + 2, keyPath: ["list", "0"], "array element key \(bad)")
        }
    }

    @Test func invalidUTF8InExtendedJSONText() {
        for bad in Self.badUTF8 {
            // In a key, in a value, in a wrapper's string, in a nested key: offset of the bad byte.
            let cases: [(prefix: String, suffix: String, keyPath: [String])] = [
                (#"{"ok"#, #"": 1}"#, []),
                (#"{"a": "ok"#, #""}"#, ["a"]),
                (#"{"a": {"$code": "ok"#, #""}}"#, ["a"]),
                (#"{"a": [{"ok"#, #"": 1}]}"#, ["a", "0"]),
            ]
            for c in cases {
                let text = Array(c.prefix.utf8) + bad + Array(c.suffix.utf8)
                do {
                    _ = try BSONDocument(fromJSON: text)
                    Issue.record("\(c.prefix) \(bad): accepted")
                } catch let error as BSONError {
                    #expect(error.code == .invalidUTF8 && error.reason.contains("UTF-8"), "\(bad): \(error)")
                    #expect(error.offset == c.prefix.utf8.count, "\(c.prefix) \(bad): \(error)")
                    if !c.keyPath.isEmpty { #expect(Array(error.keyPath.prefix(c.keyPath.count)) == c.keyPath, "\(error)") }
                } catch {
                    Issue.record("\(error) is not a BSONError")
                }
            }
        }
    }

    // MARK: NUL in keys from the Swift side

    @Test func nulInKeysIsRefusedEverywhereAKeyIsWritten() throws {
        for key in ["a\u{0}b", "\u{0}", "end\u{0}"] {
            #expect { try BSONDocument(elements: [(key: key, value: .int32(1))]) } throws: { ($0 as? BSONError)?.code == .embeddedNUL }
            #expect { try BSONDocument(elements: [(key: "outer", value: .document(["x": 1])), (key: key, value: .null)]) } throws: {
                ($0 as? BSONError)?.code == .embeddedNUL
            }
            var doc: BSONDocument = ["a": 1]
            #expect { try doc.append(key: key, value: .null) } throws: { ($0 as? BSONError)?.code == .embeddedNUL }
            #expect { try doc.setValue(.null, forKey: key) } throws: { ($0 as? BSONError)?.code == .embeddedNUL }
            #expect(doc == ["a": 1], "a refused key must leave the document unchanged")
            // The Codable encoder refuses it too, as an EncodingError naming the value.
            #expect(throws: EncodingError.self) { try BSONEncoder().encode([key: 1]) }
        }
        // A NUL inside a string value is fine: strings are length-prefixed.
        let doc = try BSONDocument(elements: [(key: "k", value: .string("a\u{0}b"))])
        #expect(try BSONDocument(fromBSON: doc.bytes)["k"] == .string("a\u{0}b"))
    }

    // MARK: Nesting 100,000 levels deep

    /// Nested documents built outside-in in one pass (wrapping inside-out copies the inner
    /// bytes at every level: quadratic, and minutes under AddressSanitizer at 100,000 levels).
    /// Each level is `header(length)` + the next level + `trailer`; the innermost is `{}`.
    static func nested(depth: Int, perLevel: Int, header: (_ length: Int32) -> [UInt8], trailer: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(depth * perLevel + 5)
        for level in 0..<depth {
            out += header(Int32(5 + perLevel * (depth - level)))
        }
        out += [5, 0, 0, 0, 0]
        for _ in 0..<depth { out += trailer }
        return out
    }

    /// `{"a": [[[…]]]}`: arrays nested `depth` levels below the top-level document.
    static func nestedArrays(depth: Int) -> [UInt8] {
        // The top level is {"a": …}; every array below it is {"0": …}: 8 bytes a level.
        var levels = 0
        return nested(depth: depth, perLevel: 8, header: { length in
            defer { levels += 1 }
            return le(length) + [0x04, levels == 0 ? 0x61 : 0x30, 0]
        }, trailer: [0])
    }

    /// `{"a": code-with-scope whose scope is {"a": code-with-scope …}}`, `depth` scopes deep.
    static func nestedScopes(depth: Int) -> [UInt8] {
        // Each level: document length, 0x0F "a\0", the value's total length (the level's
        // length less 8), the empty code string, then the scope; the document's NUL after it.
        nested(depth: depth, perLevel: 17, header: { length in
            le(length) + [0x0F, 0x61, 0] + le(length - 8) + le(1) + [0]
        }, trailer: [0])
    }

    /// The slow way, to check the fast builders against.
    static func nestedInsideOut(depth: Int, _ wrap: ([UInt8]) -> [UInt8]) -> [UInt8] {
        var doc: [UInt8] = [5, 0, 0, 0, 0]
        for _ in 0..<depth { doc = wrap(doc) }
        return doc
    }

    @Test func deepDocumentBuildersMakeWhatTheyDescribe() throws {
        for depth in [1, 2, 7] {
            let arrays = Self.nestedInsideOut(depth: depth - 1) { inner in
                var e = Elements(); e.header(0x04, "0"); e.raw(inner); return e.document
            }
            var top = Elements()
            top.header(0x04, "a"); top.raw(arrays)
            #expect(Self.nestedArrays(depth: depth) == top.document)
            let scopes = Self.nestedInsideOut(depth: depth) { inner in
                var e = Elements(); e.header(0x0F, "a"); e.int32(Int32(4 + 5 + inner.count)); e.string(""); e.raw(inner); return e.document
            }
            #expect(Self.nestedScopes(depth: depth) == scopes)
            _ = try BSONDocument(fromBSON: scopes)
        }
    }

    @Test func hundredThousandLevelsOfArraysAndScopes() throws {
        let arrays = Self.nestedArrays(depth: 100_000)
        #expect(arrays.count < 2_000_000)
        // The 101st level is refused where it starts: 4 (length) + 3 ("\x04a\0") + 100 levels of 7 bytes.
        Self.expectRefused(arrays, .depthLimitExceeded, at: 7 + 100 * 7, keyPath: ["a"] + Array(repeating: "0", count: 100), "arrays")
        let scopes = Self.nestedScopes(depth: 100_000)
        do {
            _ = try BSONDocument(fromBSON: scopes)
            Issue.record("100,000 nested scopes accepted")
        } catch let error as BSONError {
            #expect(error.code == .depthLimitExceeded)
            #expect(error.keyPath == Array(repeating: "a", count: 101))
            let offset = try #require(error.offset)
            #expect(offset > 0 && offset < scopes.count)
        }
        // The same bytes in a stream fail alone, and the next document still reads.
        let ok: BSONDocument = ["ok": true]
        let reader = BSONReader(bytes: scopes + arrays + ok.bytes)
        #expect { try reader.readDocument() } throws: { ($0 as? BSONError)?.code == .depthLimitExceeded && ($0 as? BSONError)?.documentIndex == 0 }
        #expect { try reader.readDocument() } throws: {
            ($0 as? BSONError)?.documentIndex == 1 && ($0 as? BSONError)?.offset == scopes.count + 7 + 100 * 7
        }
        #expect(try reader.readDocument() == ok)
        // The Codable decoder validates first and says why.
        #expect { try BSONDecoder().decode(BSON.self, from: arrays) } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return (context.underlyingError as? BSONError)?.code == .depthLimitExceeded
        }
    }

    /// At the hard limit (1,024 levels, with `maxDepth: .max`) every recursive reader and
    /// writer still fits on a test thread's stack.
    @Test func deepestSupportedDocumentIsSafeToReadAndWrite() throws {
        let depth = BSONValidationOptions.maxSupportedDepth
        let loose = BSONValidationOptions(maxDepth: .max)
        for bytes in [BSONValidatorTests.nested(depth: depth), Self.nestedArrays(depth: depth), Self.nestedScopes(depth: depth)] {
            let doc = try BSONDocument(fromBSON: bytes, options: loose)
            #expect { try BSONDocument(fromBSON: bytes) } throws: { ($0 as? BSONError)?.code == .depthLimitExceeded }
            let canonical = doc.toCanonicalExtendedJSONString()
            #expect(canonical.utf8.count > depth)
            _ = doc.toExtendedJSONString()
            #expect(try BSONDocument(elements: Array(doc)) == doc)
            // Our parser stops at its own limit (the validator's default), never deeper.
            #expect { try BSONDocument(fromJSON: canonical) } throws: { ($0 as? BSONError)?.code == .depthLimitExceeded }
            var options = BSONCoderOptions()
            options.validationOverride = loose
            let value = try BSONDecoder(options: options).decode(BSON.self, from: bytes)
            #expect(try BSONEncoder().encodeValue(value) == value)
        }
    }

    // MARK: The 16 MiB boundary

    static let limit = BSONValidationOptions.defaultMaxDocumentSize

    /// `{"k": "xxx…"}` of exactly `size` bytes (13 bytes of framing around the string's characters).
    static func document(ofSize size: Int) -> [UInt8] {
        var e = Elements()
        e.header(0x02)
        let characters = size - 13
        e.int32(Int32(characters + 1)); e.raw(Array(repeating: 0x78, count: characters) + [0])
        return e.document
    }

    @Test func sixteenMebibytesIsAcceptedAndOneMoreByteIsNotAnywhere() throws {
        let largest = Self.document(ofSize: Self.limit)
        let tooLarge = Self.document(ofSize: Self.limit + 1)
        #expect(largest.count == 16_777_216 && tooLarge.count == 16_777_217)

        // The validator.
        #expect(try BSONDocument(fromBSON: largest).byteCount == Self.limit)
        Self.expectRefused(tooLarge, .sizeLimitExceeded, at: 0, keyPath: [], "validator")

        // The reader: the frame's size field alone is refused, at the frame's offset.
        let reader = BSONReader(bytes: largest + tooLarge)
        #expect(try reader.readDocument()?.byteCount == Self.limit)
        #expect { try reader.readFrame() } throws: { error in
            let e = error as? BSONError
            return e?.code == .sizeLimitExceeded && e?.offset == Self.limit && e?.documentIndex == 1
        }
        #expect(reader.isFinished)

        // The JSON parser: the document it would build is measured.
        let characters = String(repeating: "x", count: Self.limit - 13)
        #expect(try BSONDocument(fromJSON: #"{"k": "\#(characters)"}"#).byteCount == Self.limit)
        let text = #"{"k": "\#(characters)x"}"#
        #expect { try BSONDocument(fromJSON: text) } throws: { error in
            let e = error as? BSONError
            return e?.code == .sizeLimitExceeded && e?.offset == text.utf8.count
        }

        // The Codable decoder.
        #expect(try BSONDecoder().decode([String: String].self, from: largest)["k"]?.utf8.count == Self.limit - 13)
        #expect { try BSONDecoder().decode([String: String].self, from: tooLarge) } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return (context.underlyingError as? BSONError)?.code == .sizeLimitExceeded
        }
    }

    // MARK: Huge declared sizes on short input

    @Test func hugeDeclaredSizesOnShortStreams() throws {
        let loose = BSONValidationOptions(maxDocumentSize: Int(Int32.max))
        for declared: Int32 in [.max, 16 * 1024 * 1024, 1_000_000] {
            let bytes = Self.le(declared) + [0x0A, 0x6B, 0x00, 0x00, 0x00, 0x00]
            // In memory, with the limit out of the way: truncated at the frame's start.
            let memory = BSONReader(bytes: bytes, options: loose)
            #expect { try memory.readFrame() } throws: { error in
                let e = error as? BSONError
                return e?.code == .truncated && e?.offset == 0 && e?.documentIndex == 0
            }
            // Through a pipe (no size known in advance): the buffer grows only as bytes arrive.
            let piped = try Self.pipeReader(bytes, options: loose)
            #expect { try piped.readFrame() } throws: { ($0 as? BSONError)?.code == .truncated && ($0 as? BSONError)?.offset == 0 }
            #expect(piped.peakBufferCapacity <= BSONReader.readChunk, "a \(bytes.count)-byte pipe made a \(piped.peakBufferCapacity)-byte buffer")
            // The validator never reads past the buffer either.
            Self.expectRefused(bytes, .truncated, at: 0, keyPath: [], options: loose, "validator, declared \(declared)")
        }
        // After a thousand good documents, a lying size stops the stream exactly there.
        let one: BSONDocument = ["i": 1]
        let good = one.bytes
        let stream = Array([[UInt8]](repeating: good, count: 1000).joined()) + Self.le(.max) + [0, 0]
        let reader = BSONReader(bytes: stream)
        var count = 0
        while let _ = try? reader.readDocument() { count += 1 }
        #expect(count == 1000)
        #expect(reader.isFinished)
        let again = BSONReader(bytes: stream)
        for _ in 0..<1000 { _ = try again.readFrame() }
        #expect { try again.readFrame() } throws: { error in
            let e = error as? BSONError
            return e?.code == .sizeLimitExceeded && e?.offset == 1000 * good.count && e?.documentIndex == 1000
        }
    }

    /// A reader over a pipe holding `bytes` (written in full, then closed).
    static func pipeReader(_ bytes: [UInt8], options: BSONValidationOptions) throws -> BSONReader {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        let written = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        try #require(written == bytes.count)
        return BSONReader(fileDescriptor: fds[0], closeWhenDone: true, options: options)
    }

    // MARK: Numbers out of range in Extended JSON

    @Test func outOfRangeNumbersInExtendedJSON() {
        let cases: [(text: String, offset: Int, reason: String)] = [
            (#"{"a": {"$numberInt": "-2147483649"}}"#, 21, "out of range"),
            (#"{"a": {"$numberLong": "-9223372036854775809"}}"#, 22, "out of range"),
            (#"{"a": {"$numberLong": "18446744073709551616"}}"#, 22, "out of range"),
            (#"{"a": {"$numberDouble": "-1e400"}}"#, 24, "out of range"),
            (#"{"a": {"$numberDouble": "1e99999999999999999999"}}"#, 24, "out of range"),
            (#"{"a": {"$numberDecimal": "1E+99999"}}"#, 25, "not a valid Decimal128"),
            (#"{"a": {"$numberDecimal": "1234567890123456789012345678901234567890"}}"#, 25, "not a valid Decimal128"),
            (#"{"a": {"$date": {"$numberLong": "9223372036854775808"}}}"#, 32, "out of range"),
            (#"{"a": {"$date": -9223372036854775809}}"#, 16, "out of range"),
            (#"{"a": {"$date": "10000-01-01T00:00:00Z"}}"#, 16, "ISO-8601"),
            (#"{"a": {"$timestamp": {"t": 1, "i": 4294967296}}}"#, 35, "between 0 and 4294967295"),
            (#"{"a": {"$timestamp": {"t": 99999999999999999999, "i": 1}}}"#, 27, "out of range"),
            (#"{"a": {"$binary": {"base64": "", "subType": "100"}}}"#, 44, "one or two hex digits"),
            (#"{"a": 1e99999999999999999999}"#, 6, "out of range for a double"),
            (#"{"a": -1"# + String(repeating: "0", count: 400) + "}", 6, "out of range for a double"),
        ]
        for c in cases {
            do {
                _ = try BSONDocument(fromJSON: c.text)
                Issue.record("\(c.text): accepted")
            } catch let error as BSONError {
                #expect(error.code == .invalidJSON, "\(c.text): \(error)")
                #expect(error.offset == c.offset, "\(c.text): \(error)")
                #expect(error.keyPath == ["a"], "\(c.text): \(error)")
                #expect(error.reason.contains(c.reason), "\(c.text): \(error)")
            } catch {
                Issue.record("\(c.text): \(error) is not a BSONError")
            }
        }
    }

    @Test func numbersAtTheEdgesOfTheirRangeAreExact() throws {
        // Underflow is not an error: the nearest double is read (zero keeps its sign), as strtod does.
        #expect(try BSONDocument(fromJSON: #"{"a": 1e-400}"#)["a"] == .double(0))
        let negative = try #require(try BSONDocument(fromJSON: #"{"a": -1e-400}"#)["a"]?.doubleValue)
        #expect(negative == 0 && negative.sign == .minus)
        #expect(try BSONDocument(fromJSON: #"{"a": 0e99999999999999999999}"#)["a"] == .double(0))
        // The extremes of each integer type read back exactly, as the smallest type that holds them.
        #expect(try BSONDocument(fromJSON: #"{"a": -2147483648, "b": 2147483648, "c": -9223372036854775808}"#)
            == ["a": .int32(.min), "b": .int64(2_147_483_648), "c": .int64(.min)])
        #expect(try BSONDocument(fromJSON: #"{"a": {"$numberInt": "-2147483648"}, "b": {"$numberLong": "9223372036854775807"}}"#)
            == ["a": .int32(.min), "b": .int64(.max)])
        #expect(try BSONDocument(fromJSON: #"{"a": {"$timestamp": {"t": 4294967295, "i": 4294967295}}}"#)
            == ["a": .timestamp(BSONTimestamp(timestamp: .max, increment: .max))])
        #expect(try BSONDocument(fromJSON: #"{"a": {"$date": {"$numberLong": "-9223372036854775808"}}}"#)
            == ["a": .datetime(BSONDatetime(millisecondsSinceEpoch: .min))])
        #expect(try BSONDocument(fromJSON: #"{"a": 1.7976931348623157e308, "b": 5e-324}"#)
            == ["a": .double(.greatestFiniteMagnitude), "b": .double(.leastNonzeroMagnitude)])
    }
}
