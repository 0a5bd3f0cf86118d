import Testing
import LibBSON
@testable import bson_dump

/// `--pretty`: compact Extended JSON re-indented with tabs as Go's `json.Indent` does.
@Suite struct ExtendedJSONIndenterTests {
    func indented(_ document: BSONDocument, _ mode: ExtendedJSONMode) -> String {
        String(decoding: ExtendedJSONIndenter.indent(document.toExtendedJSONBytes(mode: mode)), as: UTF8.self)
    }

    /// Tabs like Go's json.Indent, empty containers kept, strings untouched.
    @Test func indentsWithTabsKeepingEmptyContainersAndStrings() {
        let expected = """
            {
            \t"s": "a{b},c:\\"d\\"[e]",
            \t"n": 1,
            \t"empty": {},
            \t"list": [],
            \t"sub": {
            \t\t"x": [
            \t\t\t2,
            \t\t\ttrue
            \t\t]
            \t}
            }
            """
        #expect(indented(DumpSamples.punctuated, .relaxed) == expected)
        #expect(indented(BSONDocument(), .canonical) == "{}")
    }

    /// Escaped backslashes before quotes inside strings do not end the string.
    @Test func keepsEscapedBackslashesBeforeQuotesInsideStrings() {
        let tricky: BSONDocument = ["k\\": "\\\"},{"]
        #expect(indented(tricky, .canonical) == "{\n\t\"k\\\\\": \"\\\\\\\"},{\"\n}")
    }
}
