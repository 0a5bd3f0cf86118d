import Foundation
import Testing
@testable import LibBSON

/// `ExtendedJSONKey`, the one spelling of the wrapper keys, as the parser and the Codable
/// path look them up.
@Suite struct ExtendedJSONKeysTests {
    @Test func everyKeyIsFoundByItsTextAndNoOtherIs() {
        #expect(ExtendedJSONKey.allCases.count == 20)
        for key in ExtendedJSONKey.allCases {
            #expect(ExtendedJSONKey(key.name) == key, "\(key.name)")
            #expect(ExtendedJSONKey(Array(key.utf8)) == key, "\(key.name)")
            #expect(key.name.hasPrefix("$") && key.name.utf8.count == key.text.utf8CodeUnitCount)
        }
        #expect(Set(ExtendedJSONKey.allCases.map(\.name)).count == 20)
        for other in ["$ref", "$id", "$db", "$foo", "$OID", "oid", "$oi", "$oidx", "", "$", "$numberint", "base64", "$regularExpressionX"] {
            #expect(ExtendedJSONKey(other) == nil, "\(other)")
        }
    }

    @Test func fieldsAreSpelledAsTheSpecWritesThem() {
        #expect(ExtendedJSONKey.Field.allCases.map(\.name) == ["base64", "subType", "pattern", "options", "t", "i", "$ref", "$id"])
        // $ref and $id are fields of $dbPointer, not wrapper keys: a DBRef stays a document.
        #expect(ExtendedJSONKey("$ref") == nil && ExtendedJSONKey("$id") == nil)
    }

    /// Each key makes the parser read a wrapper (an error for a bad value proves it was taken
    /// as one), and the Codable path reads the same keys.
    @Test func theParserTakesEveryKeyAsAWrapper() {
        for key in ExtendedJSONKey.allCases {
            let text = #"{"a": {"\#(key.name)": null}}"#
            let parsed = try? BSONDocument(fromJSON: text)
            if key == .type || key == .regex {
                // Query operators: a non-string value keeps a plain document.
                #expect(parsed?["a"]?.documentValue?.keys == [key.name])
            } else {
                #expect(parsed == nil, "\(text)")
            }
        }
    }

    @Test func stringsAreComparedExactly() {
        let text: StaticString = "$oid"
        #expect(text.spells(Array("$oid".utf8)))
        #expect(!text.spells(Array("$oiD".utf8)) && !text.spells(Array("$oi".utf8)) && !text.spells(Array("$oidd".utf8)))
        #expect(("" as StaticString).spells([UInt8]()))
    }
}
