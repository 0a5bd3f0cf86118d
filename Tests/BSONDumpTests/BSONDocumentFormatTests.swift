import Testing
@testable import LibBSON

@Suite("BSONDocumentFormat")
struct BSONDocumentFormatTests {
    let doc: BSONDocument = [
        "s": "a{b},c:\"d\"[e]",
        "n": .int32(1),
        "empty": [:],
        "list": [],
        "sub": ["x": [.int64(2), true]],
    ]

    func text(_ format: BSONDocumentFormat, _ d: BSONDocument? = nil) -> String {
        String(decoding: format.render(d ?? doc), as: UTF8.self)
    }

    @Test("compact canonical and relaxed lines end with a newline")
    func compact() {
        #expect(text(.extendedJSON(.canonical, pretty: false))
            == #"{"s":"a{b},c:\"d\"[e]","n":{"$numberInt":"1"},"empty":{},"list":[],"sub":{"x":[{"$numberLong":"2"},true]}}"# + "\n")
        #expect(text(.extendedJSON(.relaxed, pretty: false))
            == #"{"s":"a{b},c:\"d\"[e]","n":1,"empty":{},"list":[],"sub":{"x":[2,true]}}"# + "\n")
    }

    @Test("pretty: tabs like Go's json.Indent, empty containers kept, strings untouched")
    func pretty() {
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
        #expect(text(.extendedJSON(.relaxed, pretty: true)) == expected)
        #expect(text(.extendedJSON(.canonical, pretty: true), BSONDocument()) == "{}\n")
    }

    @Test("pretty keeps escaped backslashes before quotes inside strings")
    func prettyEscapes() {
        let tricky: BSONDocument = ["k\\": "\\\"},{"]
        #expect(text(.extendedJSON(.canonical, pretty: true), tricky) == "{\n\t\"k\\\\\": \"\\\\\\\"},{\"\n}\n")
    }

    @Test("debug: sizes and signed type numbers, recursing into documents and arrays")
    func debug() {
        let d: BSONDocument = ["a": ["b": .minKey], "c": [.maxKey]]
        let expected = """
            --- new object ---
            \tsize : 27
            \t\ta
            \t\t\ttype:    3 size: 11
            \t\t\t--- new object ---
            \t\t\t\tsize : 8
            \t\t\t\t\tb
            \t\t\t\t\t\ttype:   -1 size: 3
            \t\tc
            \t\t\ttype:    4 size: 11
            \t\t\t--- new object ---
            \t\t\t\tsize : 8
            \t\t\t\t\t0
            \t\t\t\t\t\ttype:  127 size: 3

            """
        #expect(d.byteCount == 27)
        #expect(text(.debug, d) == expected)
    }
}
