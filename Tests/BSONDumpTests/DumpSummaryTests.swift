import Testing
@testable import bson_dump

/// The summary line bson-dump prints on stderr, and the exit status it implies.
@Suite struct DumpSummaryTests {
    /// Summary wording follows bsondump.
    @Test func summaryWordingFollowsBsondump() {
        var s = DumpSummary()
        s.found = 3
        #expect(s.description == "3 objects found")
        #expect(s.succeeded)
        s.failed = 1
        #expect(s.description == "3 objects found, 1 failed")
        #expect(!s.succeeded)
        var broken = DumpSummary()
        broken.brokenStream = true
        #expect(!broken.succeeded)
    }
}
