import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// Hostile and malformed input: every case must throw a `BSONError` naming the rule, the
/// byte offset and the key path, and never crash or allocate what a length field claims.
@Suite struct BSONValidatorTests {
    /// Builds raw BSON bytes by hand, lengths and all, so tests can lie in any field.
    struct Raw {
        var bytes: [UInt8] = []
        mutating func int32(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func cstring(_ s: String) { bytes.append(contentsOf: Array(s.utf8)); bytes.append(0) }
        mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
        /// Wraps the elements in a document with a correct length.
        static func document(_ elements: [UInt8]) -> [UInt8] {
            var r = Raw()
            r.int32(Int32(elements.count + 5))
            r.raw(elements)
            r.raw([0])
            return r.bytes
        }
    }

    func expectError(_ bytes: [UInt8], _ code: BSONError.Code, offset: Int? = nil, keyPath: [String]? = nil,
                     options: BSONValidationOptions = .default, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try BSONDocument(fromBSON: bytes, options: options)
            Issue.record("expected \(code), but the bytes were accepted", sourceLocation: sourceLocation)
        } catch let error as BSONError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let offset { #expect(error.offset == offset, "\(error)", sourceLocation: sourceLocation) }
            if let keyPath { #expect(error.keyPath == keyPath, "\(error)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("expected BSONError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func tooShortInputIsTruncated() {
        expectError([], .truncated, offset: 0)
        expectError([5, 0, 0], .truncated, offset: 0)
    }

    @Test func declaredLengthBeyondTheBufferIsTruncated() {
        expectError([0xFF, 0xFF, 0xFF, 0x00, 0], .truncated, offset: 0)
        // A huge declared size on a tiny input: rejected by the size limit before anything is read.
        expectError([0xFF, 0xFF, 0xFF, 0x7F, 0], .sizeLimitExceeded, offset: 0)
    }

    @Test func negativeOrTinyDocumentLengthIsInvalid() {
        expectError([0xFF, 0xFF, 0xFF, 0xFF, 0], .invalidLength, offset: 0)
        expectError([4, 0, 0, 0, 0], .invalidLength, offset: 0)
    }

    @Test func trailingBytesAreRejected() {
        expectError([5, 0, 0, 0, 0, 0xAA], .invalidLength, offset: 5)
    }

    @Test func missingDocumentTerminator() {
        expectError([5, 0, 0, 0, 1], .missingTerminator, offset: 4)
    }

    @Test func stringLengthPastTheDocument() {
        var e = Raw()
        e.raw([0x02]); e.cstring("name"); e.int32(100); e.cstring("abc")
        expectError(Raw.document(e.bytes), .truncated, offset: 10, keyPath: ["name"])
    }

    @Test func negativeAndZeroStringLengths() {
        var e = Raw()
        e.raw([0x02]); e.cstring("s"); e.int32(-1); e.cstring("abc")
        expectError(Raw.document(e.bytes), .invalidLength, offset: 7, keyPath: ["s"])
        var z = Raw()
        z.raw([0x02]); z.cstring("s"); z.int32(0); z.cstring("abc")
        expectError(Raw.document(z.bytes), .invalidLength, offset: 7, keyPath: ["s"])
    }

    @Test func stringWithoutTerminator() {
        var e = Raw()
        e.raw([0x02]); e.cstring("s"); e.int32(2); e.raw([0x61, 0x62])
        expectError(Raw.document(e.bytes), .missingTerminator, offset: 12, keyPath: ["s"])
    }

    @Test func keyRunningPastTheDocument() {
        // The key has no NUL before the document's terminator.
        expectError([7, 0, 0, 0, 0x0A, 0x61, 0], .missingTerminator, offset: 5)
    }

    @Test func invalidUTF8InKeysAndValues() {
        var key = Raw()
        key.raw([0x0A, 0x61, 0xFF, 0x00])
        expectError(Raw.document(key.bytes), .invalidUTF8, offset: 6)
        var value = Raw()
        value.raw([0x02]); value.cstring("k"); value.int32(3); value.raw([0x61, 0xC3, 0x00])
        expectError(Raw.document(value.bytes), .invalidUTF8, offset: 12, keyPath: ["k"])
    }

    @Test func overlongAndSurrogateUTF8AreRejected() {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]] {
            var e = Raw()
            e.raw([0x02]); e.cstring("k"); e.int32(Int32(bad.count + 1)); e.raw(bad + [0])
            expectError(Raw.document(e.bytes), .invalidUTF8, keyPath: ["k"])
        }
    }

    @Test func utf8CheckCanBeTurnedOffForTrustedBytes() throws {
        var e = Raw()
        e.raw([0x02]); e.cstring("k"); e.int32(2); e.raw([0xFF, 0x00])
        let doc = try BSONDocument(fromBSON: Raw.document(e.bytes), options: BSONValidationOptions(validateUTF8: false))
        #expect(doc["k"] == .string("\u{FFFD}"))
    }

    @Test func embeddedNULInStringValueIsAllowed() throws {
        var e = Raw()
        e.raw([0x02]); e.cstring("k"); e.int32(4); e.raw([0x61, 0x00, 0x62, 0x00])
        let doc = try BSONDocument(fromBSON: Raw.document(e.bytes))
        #expect(doc["k"] == .string("a\u{0}b"))
    }

    @Test func unknownTypeByte() {
        var e = Raw()
        e.raw([0x42]); e.cstring("x")
        expectError(Raw.document(e.bytes), .unknownType, offset: 4, keyPath: ["x"])
    }

    @Test func booleanOtherThanZeroOrOne() {
        var e = Raw()
        e.raw([0x08]); e.cstring("b"); e.raw([2])
        expectError(Raw.document(e.bytes), .invalidValue, offset: 7, keyPath: ["b"])
    }

    @Test func nestedLengthErrorsCarryTheKeyPath() {
        var inner = Raw()
        inner.raw([0x02]); inner.cstring("leaf"); inner.int32(50); inner.cstring("x")
        var middle = Raw()
        middle.raw([0x03]); middle.cstring("b"); middle.raw(Raw.document(inner.bytes))
        var outer = Raw()
        outer.raw([0x04]); outer.cstring("a"); outer.raw(Raw.document(middle.bytes))
        expectError(Raw.document(outer.bytes), .truncated, keyPath: ["a", "b", "leaf"])
    }

    @Test func embeddedDocumentLongerThanItsParent() {
        var e = Raw()
        e.raw([0x03]); e.cstring("d"); e.int32(200); e.raw([0])
        expectError(Raw.document(e.bytes), .truncated, offset: 7, keyPath: ["d"])
    }

    @Test func binaryLengths() {
        var negative = Raw()
        negative.raw([0x05]); negative.cstring("b"); negative.int32(-5); negative.raw([0])
        expectError(Raw.document(negative.bytes), .invalidLength, keyPath: ["b"])
        var long = Raw()
        long.raw([0x05]); long.cstring("b"); long.int32(1000); long.raw([0, 1, 2])
        expectError(Raw.document(long.bytes), .truncated, keyPath: ["b"])
        var old = Raw()
        old.raw([0x05]); old.cstring("b"); old.int32(6); old.raw([2]); old.int32(5); old.raw([1, 2])
        expectError(Raw.document(old.bytes), .invalidLength, keyPath: ["b"])
    }

    @Test func codeWithScopeLengthMustMatchItsParts() {
        var e = Raw()
        // total says 30, but string (4+2) + scope (5) + 4 = 15
        e.raw([0x0F]); e.cstring("c"); e.int32(30); e.int32(2); e.cstring("x"); e.raw([5, 0, 0, 0, 0])
        e.raw(Array(repeating: 0x0A, count: 15))
        var bytes = Raw.document(e.bytes)
        bytes[bytes.count - 1] = 0
        expectError(bytes, .invalidLength, keyPath: ["c"])
        var small = Raw()
        small.raw([0x0F]); small.cstring("c"); small.int32(10); small.raw(Array(repeating: 0, count: 6))
        expectError(Raw.document(small.bytes), .invalidLength, keyPath: ["c"])
    }

    @Test func regexOptionsMustBeKnownLettersOnce() {
        for (options, badIndex) in [([0xC3, 0xA9] as [UInt8], 0), (Array("iz".utf8), 1), (Array("mm".utf8), 1)] {
            var e = Raw()
            e.raw([0x0B]); e.cstring("r"); e.cstring("a+"); e.raw(options + [0])
            expectError(Raw.document(e.bytes), .invalidValue, offset: 10 + badIndex, keyPath: ["r"])
        }
        #expect(throws: BSONError.self) { try BSONRegularExpression(pattern: "a", options: "g") }
        #expect(throws: BSONError.self) { try BSONRegularExpression(pattern: "a", options: "ii") }
    }

    /// Nested `{"a": {"a": ...}}` as raw bytes, built inside out.
    static func nested(depth: Int) -> [UInt8] {
        var doc: [UInt8] = [5, 0, 0, 0, 0]
        for _ in 0..<depth {
            var r = Raw()
            r.raw([0x03]); r.cstring("a"); r.raw(doc)
            doc = Raw.document(r.bytes)
        }
        return doc
    }

    @Test func depthLimitIsEnforcedAndConfigurable() throws {
        _ = try BSONDocument(fromBSON: Self.nested(depth: 100))
        expectError(Self.nested(depth: 101), .depthLimitExceeded)
        expectError(Self.nested(depth: 10), .depthLimitExceeded, options: BSONValidationOptions(maxDepth: 9))
        _ = try BSONDocument(fromBSON: Self.nested(depth: 10), options: BSONValidationOptions(maxDepth: 10))
    }

    @Test func hundredThousandLevelsDeepDoesNotCrash() throws {
        let bytes = Self.nested(depth: 100_000)
        #expect(bytes.count < BSONValidationOptions.defaultMaxDocumentSize)
        expectError(bytes, .depthLimitExceeded, keyPath: Array(repeating: "a", count: 101))
        // Even a configured limit far above the supported bound stays safe.
        expectError(bytes, .depthLimitExceeded, options: BSONValidationOptions(maxDepth: .max))
    }

    @Test func sizeLimitIsEnforced() throws {
        var e = Raw()
        let big = [UInt8](repeating: 0x61, count: 16 * 1024 * 1024 - 16)
        e.raw([0x02]); e.cstring("s"); e.int32(Int32(big.count + 1)); e.raw(big + [0])
        let bytes = Raw.document(e.bytes)
        #expect(bytes.count == 16 * 1024 * 1024 - 3)
        _ = try BSONDocument(fromBSON: bytes)
        var over = Raw()
        let bigger = [UInt8](repeating: 0x61, count: 16 * 1024 * 1024)
        over.raw([0x02]); over.cstring("s"); over.int32(Int32(bigger.count + 1)); over.raw(bigger + [0])
        expectError(Raw.document(over.bytes), .sizeLimitExceeded, offset: 0)
        expectError(bytes, .sizeLimitExceeded, options: BSONValidationOptions(maxDocumentSize: 1024))
    }

    @Test func errorDescriptionSaysWhatAndWhere() {
        var e = Raw()
        e.raw([0x08]); e.cstring("flag"); e.raw([7])
        do {
            _ = try BSONDocument(fromBSON: Raw.document(e.bytes))
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == "boolean byte is 7, not 0 or 1 at byte 10 (key path: flag)")
        }
    }

    /// Every truncation of a valid document must be rejected, and every single-byte corruption
    /// must either be rejected or produce a document that reads back and re-validates.
    @Test func everyTruncationAndByteFlipOfGeneratedDocumentsIsSafe() throws {
        var rng = SeededRandom(seed: 7)
        var rejected = 0, accepted = 0
        for _ in 0..<150 {
            let bytes = RandomDocuments.document(&rng).bytes
            for cut in 0..<bytes.count {
                #expect(throws: BSONError.self) { try BSONDocument(fromBSON: Array(bytes[..<cut])) }
            }
            for i in 0..<bytes.count {
                var corrupt = bytes
                corrupt[i] ^= UInt8.random(in: 1...255, using: &rng)
                if let doc = try? BSONDocument(fromBSON: corrupt) {
                    accepted += 1
                    // Reading every value and writing JSON must be safe on anything accepted.
                    _ = doc.map { $0 }
                    _ = doc.toCanonicalExtendedJSONString()
                    #expect(try BSONDocument(elements: Array(doc)).byteCount > 0)
                } else {
                    rejected += 1
                }
            }
        }
        print("validator byte-flip: \(rejected) rejected, \(accepted) accepted and read safely")
        #expect(rejected > 0)
    }
}
