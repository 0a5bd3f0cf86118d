import Testing
import LibBSON

/// `BSONOutput`: buffered bytes to a file, a descriptor or memory (the writing paths are
/// exercised through `BSONWriter` in `BSONWriterTests`).
@Suite struct BSONOutputTests {
    /// BSONOutput collects text in memory and counts bytes.
    @Test func outputCollectsTextInMemoryAndCountsBytes() throws {
        let output = BSONOutput()
        try output.write(Array("{}\n".utf8))
        try output.write(Array("[]\n".utf8))
        #expect(output.byteCount == 6)
        #expect(output.contents == Array("{}\n[]\n".utf8))
    }
}
