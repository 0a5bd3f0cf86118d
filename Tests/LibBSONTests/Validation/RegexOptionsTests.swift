import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// One rule for regular expression options through every entry point: the letters `ilmsux`,
/// each once, in any order, stored sorted; anything else refused. Entry points:
/// `BSONRegularExpression.init`, BSON bytes (`BSONDocument(fromBSON:)`, `BSONDecoder`),
/// `{"$regularExpression": …}` text (`BSONDocument(fromJSON:)`, `JSONDecoder` through
/// `ExtendedJSONCodable`) and `BSONEncoder`. Legacy `{"$regex": …, "$options": …}` text alone
/// drops repeated letters first, in both Extended JSON readers, as libbson does.
///
/// Sources: the BSON spec ("options … must be stored in alphabetical order"; the corpus reads
/// unsorted bytes and text as degenerate forms of the sorted ones), the Extended JSON spec
/// ("BSON Regular Expression options MUST be in alphabetical order"), and libbson 1.23, which
/// sorts, drops repeats and silently drops unknown letters everywhere (the last is data loss,
/// refused here; repeats in canonical text and in bytes are refused like any other options
/// the validator refuses, which the fuzz regressions `bson-regex-options-repeated.bin` and
/// `bson-regex-option-outside-ilmsux.bin` settled for bytes).
///
/// Before issue 13 the Extended JSON parser de-duplicated `{"$regularExpression": … "ii"}`
/// while `BSONRegularExpression.init` (the path of `JSONDecoder`) refused it, and legacy
/// `$options: "ii"` was read as "i" by one reader and refused by the other.
@Suite struct RegexOptionsTests {
    /// `{"a": /p/options}` as raw bytes: int32 length, 0x0B, "a", "p", options, terminators.
    static func rawDocument(key: String = "a", options: [UInt8]) -> [UInt8] {
        let body: [UInt8] = [0x0B] + Array(key.utf8) + [0] + Array("p".utf8) + [0] + options + [0]
        let length = 4 + body.count + 1
        return [UInt8(length), 0, 0, 0] + body + [0]
    }

    static func regexDocument(_ options: String) throws -> BSONDocument {
        try BSONDocument(fromBSON: rawDocument(options: Array(options.utf8)))
    }

    static func v2(_ options: String) -> String {
        #"{"a": {"$regularExpression": {"pattern": "p", "options": "\#(options)"}}}"#
    }

    static func legacy(_ options: String) -> String {
        #"{"a": {"$regex": "p", "$options": "\#(options)"}}"#
    }

    /// What each entry point gives for `options`: the stored options, or nil when refused.
    struct Answers: Equatable, CustomStringConvertible {
        var initialiser, bytes, codableFromBytes, json, jsonDecoder, legacyJSON, legacyJSONDecoder: String?
        var description: String {
            "init \(initialiser ?? "-"), bytes \(bytes ?? "-"), BSONDecoder \(codableFromBytes ?? "-"), "
                + "$regularExpression \(json ?? "-") / JSONDecoder \(jsonDecoder ?? "-"), "
                + "$regex \(legacyJSON ?? "-") / JSONDecoder \(legacyJSONDecoder ?? "-")"
        }
    }

    static func answers(_ options: String) -> Answers {
        func stored(_ doc: BSONDocument?) -> String? {
            guard case .regex(let re)? = doc?["a"] else { return nil }
            return re.options
        }
        func viaJSONDecoder(_ text: String) -> String? {
            guard case .regex(let re)? = (try? JSONDecoder().decode(BSON.self, from: Data(text.utf8)))?["a"] else { return nil }
            return re.options
        }
        let bytes = rawDocument(options: Array(options.utf8))
        return Answers(
            initialiser: (try? BSONRegularExpression(pattern: "p", options: options))?.options,
            bytes: stored(try? BSONDocument(fromBSON: bytes)),
            codableFromBytes: (try? BSONDecoder().decode([String: BSONRegularExpression].self, from: bytes))?["a"]?.options,
            json: stored(try? BSONDocument(fromJSON: v2(options))),
            jsonDecoder: viaJSONDecoder(v2(options)),
            legacyJSON: stored(try? BSONDocument(fromJSON: legacy(options))),
            legacyJSONDecoder: viaJSONDecoder(legacy(options)))
    }

    static func everywhere(_ value: String?, legacy: String?) -> Answers {
        Answers(initialiser: value, bytes: value, codableFromBytes: value, json: value, jsonDecoder: value,
                legacyJSON: legacy, legacyJSONDecoder: legacy)
    }

    @Test func unsortedOptionsAreStoredSortedEverywhere() throws {
        for (options, sorted) in [("mi", "im"), ("xusmli", "ilmsux"), ("xi", "ix"), ("", ""), ("imx", "imx")] {
            #expect(Self.answers(options) == Self.everywhere(sorted, legacy: sorted), "\(options)")
            // libbson reads the text alike; the writers print the sorted form.
            #expect(try LibBSONOracle.bsonBytes(fromJSON: Self.v2(options)) == Self.regexDocument(sorted).bytes)
            #expect(try LibBSONOracle.bsonBytes(fromJSON: Self.legacy(options)) == Self.regexDocument(sorted).bytes)
            #expect(try BSONDocument(fromBSON: Self.rawDocument(options: Array(options.utf8))).toExtendedJSONString()
                == #"{"a":{"$regularExpression":{"pattern":"p","options":"\#(sorted)"}}}"#)
            let re = try BSONRegularExpression(pattern: "p", options: options)
            #expect(try BSONEncoder().encode(["a": re]).bytes == Self.regexDocument(sorted).bytes)
        }
    }

    @Test func repeatedOptionsAreRefusedExceptInLegacyText() throws {
        for (options, legacy) in [("ii", "i"), ("iim", "im"), ("mim", "im"), ("xx", "x")] {
            #expect(Self.answers(options) == Self.everywhere(nil, legacy: legacy), "\(options)")
            // libbson drops the repeats in both forms; ours only in the legacy one.
            #expect(try LibBSONOracle.bsonBytes(fromJSON: Self.legacy(options)) == Self.regexDocument(legacy).bytes)
            #expect(try LibBSONOracle.bsonBytes(fromJSON: Self.v2(options)) == Self.regexDocument(legacy).bytes)
        }
        // The errors name the rule and where it broke (byte 10: the options; 29: the
        // $regularExpression object).
        let initError = #expect(throws: BSONError.self) { try BSONRegularExpression(pattern: "p", options: "ii") }
        #expect(initError?.code == .invalidValue && initError?.reason == "regular expression option 'i' is repeated")
        let bytesError = #expect(throws: BSONError.self) { try BSONDocument(fromBSON: Self.rawDocument(options: Array("ii".utf8))) }
        #expect(bytesError?.code == .invalidValue && bytesError?.offset == 10 && bytesError?.keyPath == ["a"])
        let jsonError = #expect(throws: BSONError.self) { try BSONDocument(fromJSON: Self.v2("ii")) }
        #expect(jsonError?.code == .invalidJSON && jsonError?.offset == 29 && jsonError?.keyPath == ["a"]
            && jsonError?.reason.contains("regular expression option 'i' is repeated") == true)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(BSONRegularExpression.self, from: Data(#"{"$regularExpression": {"pattern": "p", "options": "ii"}}"#.utf8))
        }
    }

    @Test func unknownLettersAreRefusedEverywhere() throws {
        for options in ["iz", "g", "I", "é"] {
            #expect(Self.answers(options) == Self.everywhere(nil, legacy: nil), "\(options)")
        }
        // libbson drops the unknown letter silently: "iz" becomes "i".
        #expect(try LibBSONOracle.bsonBytes(fromJSON: Self.v2("iz")) == Self.regexDocument("i").bytes)
    }
}
