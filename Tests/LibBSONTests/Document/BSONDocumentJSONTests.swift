import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// `BSONDocument+JSON`: `init(fromJSON:)` from `[UInt8]` and `Data` (the same documents and
/// errors as the `String` path, the bound or explicit context's limits, typed errors with
/// offsets for bytes that are not UTF-8 and for empty input), and the text written out as a
/// `String`, as bytes and as the description.
@Suite struct BSONDocumentJSONTests {
    /// The three entry points on one text: the same document, or the same error.
    static func expectSameOnEveryPath(_ text: String, context: BSONContext? = nil,
                                      sourceLocation: SourceLocation = #_sourceLocation) -> Result<BSONDocument, BSONError>? {
        func outcome(_ parse: () throws -> BSONDocument) -> Result<BSONDocument, BSONError>? {
            do {
                return .success(try parse())
            } catch let error as BSONError {
                return .failure(error)
            } catch {
                Issue.record("\(error) is not a BSONError", sourceLocation: sourceLocation)
                return nil
            }
        }
        let fromString = outcome { try BSONDocument(fromJSON: text, context: context) }
        let fromBytes = outcome { try BSONDocument(fromJSON: Array(text.utf8), context: context) }
        let fromData = outcome { try BSONDocument(fromJSON: Data(text.utf8), context: context) }
        #expect(fromBytes == fromString, "[UInt8] path differs for \(text)", sourceLocation: sourceLocation)
        #expect(fromData == fromString, "Data path differs for \(text)", sourceLocation: sourceLocation)
        return fromString
    }

    /// Every canonical_extjson of the BSON corpus gives the same document from bytes, Data and String.
    @Test func corpusCanonicalJSONGivesTheSameDocumentFromEveryInput() throws {
        var parsed = 0
        for file in try Fixtures.loadBSONCorpus() {
            for valid in file.valid ?? [] {
                if case .success(let doc) = Self.expectSameOnEveryPath(valid.canonicalExtJSON) {
                    parsed += 1
                    if valid.lossy != true {
                        #expect(Hex.encode(doc.bytes) == valid.canonicalBSON.uppercased(), "\(file.fileName): \(valid.description)")
                    }
                }
            }
        }
        // The corpus has a few hundred valid cases; all but a handful parse.
        #expect(parsed > 300, "only \(parsed) canonical_extjson strings parsed")
    }

    /// Every parseErrors string of the BSON corpus fails the same way from bytes, Data and String.
    @Test func corpusParseErrorsFailTheSameFromEveryInput() throws {
        var refused = 0
        for file in try Fixtures.loadBSONCorpus() where file.bsonType != "0x13" {
            for bad in file.parseErrors ?? [] {
                if case .failure(let error) = Self.expectSameOnEveryPath(bad.string) {
                    refused += 1
                    #expect(error.offset != nil, "\(file.fileName): \(bad.description): \(error)")
                }
            }
        }
        // 49 outside decimal128.json; KnownDeviations lists the few the parser accepts.
        #expect(refused >= 45, "only \(refused) parseErrors strings refused")
    }

    @Test func arrayLiteralsAndSlicesParse() throws {
        #expect(try BSONDocument(fromJSON: [0x7B, 0x7D]) == BSONDocument())
        let bytes = Array(#"{"a": 1, "b": [true, {"$numberLong": "2"}]}"#.utf8)
        let expected = try BSONDocument(fromJSON: #"{"a": 1, "b": [true, {"$numberLong": "2"}]}"#)
        #expect(try BSONDocument(fromJSON: bytes) == expected)
        #expect(try BSONDocument(fromJSON: Data(bytes)) == expected)
        // A slice of a larger Data: read in place, offsets counted from the slice's start.
        let framed = Data("xx".utf8 + bytes + "yy".utf8)
        let slice = framed[2..<(framed.count - 2)]
        #expect(slice.startIndex == 2)
        #expect(try BSONDocument(fromJSON: slice) == expected)
        let badSlice = Data("xx".utf8 + Array(#"{"a": ?}"#.utf8))[2...]
        #expect { try BSONDocument(fromJSON: badSlice) } throws: { error in
            (error as? BSONError)?.code == .invalidJSON && (error as? BSONError)?.offset == 6
        }
    }

    /// Empty input and whitespace only: invalidJSON with the offset where the object was expected.
    @Test func emptyInputIsInvalidJSONWhereTheObjectWasExpected() {
        for (input, offset) in [([UInt8](), 0), (Array(" \t\r\n".utf8), 4)] {
            for parse in [{ try BSONDocument(fromJSON: input) }, { try BSONDocument(fromJSON: Data(input)) }] {
                #expect { try parse() } throws: { error in
                    guard let error = error as? BSONError else { return false }
                    return error.code == .invalidJSON && error.offset == offset && error.keyPath.isEmpty
                }
            }
        }
    }

    /// Bytes that are not UTF-8: invalidUTF8 at the first bad byte, with the key path.
    @Test func bytesThatAreNotUTF8FailAtTheFirstBadByte() {
        func bytes(_ prefix: String, _ raw: [UInt8], _ suffix: String) -> [UInt8] {
            Array(prefix.utf8) + raw + Array(suffix.utf8)
        }
        let cases: [(bytes: [UInt8], offset: Int, keyPath: [String])] = [
            (bytes(#"{"name": "Ad"#, [0xFF], #"a"}"#), 12, ["name"]),
            (bytes(#"{"a": {"k"#, [0xC3], #"": 1}}"#), 9, ["a"]),
            (bytes(#"{"a": {"$code": "x"#, [0xED, 0xA0, 0x80], #""}}"#), 18, ["a"]),
            (bytes("{", [0xFF], "}"), 1, []),
            (bytes(#"{"a": 1}"#, [0x80], ""), 8, []),
        ]
        for c in cases {
            for parse in [{ try BSONDocument(fromJSON: c.bytes) }, { try BSONDocument(fromJSON: Data(c.bytes)) }] {
                do {
                    let doc = try parse()
                    Issue.record("accepted \(c.bytes) as \(doc)")
                } catch let error as BSONError {
                    #expect(error.code == .invalidUTF8, "\(error)")
                    #expect(error.offset == c.offset, "\(error)")
                    #expect(error.keyPath == c.keyPath, "\(error)")
                } catch {
                    Issue.record("\(error) is not a BSONError")
                }
            }
        }
    }

    /// The explicit context's limits apply, else the bound context's.
    @Test func explicitContextLimitsApplyElseTheBoundOnes() {
        let tight = BSONContext(name: "tight", validation: BSONValidationOptions(maxDepth: 1, maxDocumentSize: 64))
        let deep = #"{"a": {"b": {"c": 1}}}"#
        let big = #"{"s": ""# + String(repeating: "x", count: 100) + #""}"#
        #expect(throws: Never.self) { try BSONDocument(fromJSON: Array(deep.utf8)) }
        #expect(throws: Never.self) { try BSONDocument(fromJSON: Data(big.utf8)) }
        let deepError = Self.expectSameOnEveryPath(deep, context: tight)
        #expect(deepError.flatMap { try? $0.get() } == nil)
        if case .failure(let error) = deepError { #expect(error.code == .depthLimitExceeded) }
        if case .failure(let error) = Self.expectSameOnEveryPath(big, context: tight) {
            #expect(error.code == .sizeLimitExceeded)
        } else {
            Issue.record("64-byte limit not applied")
        }
        BSONContext.withCurrent(tight) {
            #expect { try BSONDocument(fromJSON: Array(deep.utf8)) } throws: { ($0 as? BSONError)?.code == .depthLimitExceeded }
            #expect { try BSONDocument(fromJSON: Data(big.utf8)) } throws: { ($0 as? BSONError)?.code == .sizeLimitExceeded }
            #expect(throws: Never.self) { try BSONDocument(fromJSON: Data(big.utf8), context: .global) }
        }
    }

    /// `toExtendedJSONBytes` is the UTF-8 of `toExtendedJSONString` in both modes and with the
    /// context's mode, and reads back through the bytes entry point.
    @Test func writingBytesGivesTheStringsUTF8() throws {
        var rng = SeededRandom(seed: 31)
        for _ in 0..<100 {
            let doc = RandomDocuments.document(&rng)
            for mode in [ExtendedJSONMode.canonical, .relaxed] {
                #expect(doc.toExtendedJSONBytes(mode: mode) == Array(doc.toExtendedJSONString(mode: mode).utf8))
            }
            #expect(doc.toExtendedJSONBytes() == Array(doc.toExtendedJSONString().utf8))
        }
        let canonical = BSONContext(name: "canonical", extendedJSONMode: .canonical)
        let doc: BSONDocument = ["n": 1]
        #expect(doc.toExtendedJSONBytes(context: canonical) == Array(#"{"n":{"$numberInt":"1"}}"#.utf8))
        #expect(try BSONDocument(fromJSON: doc.toExtendedJSONBytes(mode: .canonical)) == doc)
    }

    @Test func descriptionIsRelaxedExtendedJSON() {
        let doc: BSONDocument = ["n": 1, "l": .int64(2), "d": 1.5]
        #expect(doc.description == #"{"n":1,"l":2,"d":1.5}"#)
        #expect(doc.toCanonicalExtendedJSONString() ==
            #"{"n":{"$numberInt":"1"},"l":{"$numberLong":"2"},"d":{"$numberDouble":"1.5"}}"#)
    }
}
