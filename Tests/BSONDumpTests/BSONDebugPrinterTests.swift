import Testing
import LibBSON
@testable import bson_dump

/// `--type debug`: each document's size, each element's key, signed type number and size.
@Suite struct BSONDebugPrinterTests {
    func debugText(_ document: BSONDocument) -> String {
        var out: [UInt8] = []
        BSONDebugPrinter.print(document, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Sizes and signed type numbers, recursing into documents and arrays.
    @Test func printsSizesAndSignedTypeNumbersRecursingIntoDocumentsAndArrays() {
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
        #expect(debugText(d) == expected)
    }

    /// A code-with-scope's scope is not entered (bsondump shows only the element), and the
    /// empty document is its size alone.
    @Test func doesNotEnterCodeWithScopeAndPrintsAnEmptyDocumentAsItsSize() {
        let d: BSONDocument = ["f": .codeWithScope(BSONCodeWithScope(code: "x", scope: ["y": 1]))]
        #expect(debugText(d) == """
            --- new object ---
            \tsize : 30
            \t\tf
            \t\t\ttype:   15 size: 25

            """)
        #expect(debugText(BSONDocument()) == "--- new object ---\n\tsize : 5\n")
    }

    /// Keys are copied byte for byte: a key that is not UTF-8 (read with `validateUTF8: false`)
    /// is not replaced with U+FFFD.
    @Test func copiesKeysByteForByte() throws {
        // {"\xff": null}
        let bytes: [UInt8] = [8, 0, 0, 0, 0x0A, 0xFF, 0, 0]
        let d = try BSONDocument(fromBSON: bytes, options: BSONValidationOptions(validateUTF8: false))
        var out: [UInt8] = []
        BSONDebugPrinter.print(d, into: &out)
        #expect(out == Array("--- new object ---\n\tsize : 8\n\t\t".utf8) + [0xFF] + Array("\n\t\t\ttype:   10 size: 3\n".utf8))
    }
}
