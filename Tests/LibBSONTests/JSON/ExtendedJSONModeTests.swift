import Testing
@testable import LibBSON

/// `ExtendedJSONMode`'s text form: the specification's names, exactly.
@Suite struct ExtendedJSONModeTests {
    @Test func allCasesRoundTripThroughTheirDescription() {
        #expect(ExtendedJSONMode.allCases == [.canonical, .relaxed])
        #expect(ExtendedJSONMode.allCases.map(\.description) == ["canonical", "relaxed"])
        for mode in ExtendedJSONMode.allCases {
            #expect(ExtendedJSONMode(mode.description) == mode)
            #expect("\(mode)" == mode.description)
            #expect(String(describing: mode) == mode.description)
        }
    }

    /// Other spellings are refused: case, spaces, empty, other names.
    @Test(arguments: [
        "Canonical", "CANONICAL", "Relaxed", "RELAXED", " relaxed", "relaxed ", "canonical\n", "",
        "canon", "relax", "legacy", "pretty", "ＲＥＬＡＸＥＤ",
    ])
    func otherSpellingsAreRefused(_ text: String) {
        #expect(ExtendedJSONMode(text) == nil)
    }

    @Test func aParsedModeDrivesTheWriter() throws {
        let doc: BSONDocument = ["n": 1]
        let canonical = try #require(ExtendedJSONMode("canonical"))
        #expect(doc.toExtendedJSONString(mode: canonical) == doc.toCanonicalExtendedJSONString())
        let context = BSONContext(name: "from-config", extendedJSONMode: try #require(ExtendedJSONMode("canonical")))
        #expect(doc.toExtendedJSONString(mode: nil, context: context) == #"{"n":{"$numberInt":"1"}}"#)
    }
}
