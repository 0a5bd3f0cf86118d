import Testing
import LibBSON
@testable import bson_dump

/// The text bson-dump prints per document: one line of Extended JSON, its indented form, or
/// the debug form.
@Suite struct BSONDocumentFormatTests {
    let doc = DumpSamples.punctuated

    func text(_ format: BSONDocumentFormat, _ d: BSONDocument? = nil) -> String {
        String(decoding: format.render(d ?? doc), as: UTF8.self)
    }

    /// Compact canonical and relaxed lines end with a newline.
    @Test func compactLinesEndWithANewline() {
        #expect(text(.extendedJSON(.canonical, pretty: false))
            == #"{"s":"a{b},c:\"d\"[e]","n":{"$numberInt":"1"},"empty":{},"list":[],"sub":{"x":[{"$numberLong":"2"},true]}}"# + "\n")
        #expect(text(.extendedJSON(.relaxed, pretty: false))
            == #"{"s":"a{b},c:\"d\"[e]","n":1,"empty":{},"list":[],"sub":{"x":[2,true]}}"# + "\n")
    }

    /// Pretty is the indented compact text of the same mode, then a newline.
    @Test func prettyIsTheIndentedLineOfTheSameMode() {
        for mode in [ExtendedJSONMode.canonical, .relaxed] {
            let indented = ExtendedJSONIndenter.indent(doc.toExtendedJSONBytes(mode: mode))
            #expect(format(.extendedJSON(mode, pretty: true)) == indented + [UInt8(ascii: "\n")])
        }
        #expect(text(.extendedJSON(.canonical, pretty: true), BSONDocument()) == "{}\n")
    }

    /// Debug is the debug printer's text, which ends with a newline of its own.
    @Test func debugIsThePrintersText() {
        var printed: [UInt8] = []
        BSONDebugPrinter.print(doc, into: &printed)
        #expect(format(.debug) == printed)
        #expect(printed.last == UInt8(ascii: "\n"))
    }

    func format(_ format: BSONDocumentFormat) -> [UInt8] { format.render(doc) }
}
