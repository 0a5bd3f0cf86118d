import Testing
import LibBSON

/// The library's error (Errors/BSONError.swift): its code, and a description that says what
/// failed and where.
@Suite struct BSONErrorTests {
    @Test func descriptionAddsWhatIsKnownOfTheLocation() {
        var error = BSONError(.invalidUTF8, "invalid UTF-8 in string value")
        #expect(error.description == "invalid UTF-8 in string value")
        error.offset = 37
        #expect(error.description == "invalid UTF-8 in string value at byte 37")
        error.keyPath = ["user", "names", "0"]
        #expect(error.keyPathString == "user.names.0")
        #expect(error.description == "invalid UTF-8 in string value at byte 37 (key path: user.names.0)")
        error.documentIndex = 4
        #expect(error.description == "invalid UTF-8 in string value at byte 37 (key path: user.names.0) (document index 4)")
        error.cError = BSONError.CError(domain: 1, code: 2, message: "m")
        #expect(error.description.hasSuffix("(document index 4) (C error domain 1, code 2)"))
    }

    @Test func anErrorAtTheTopLevelHasNoKeyPath() {
        let error = BSONError(.truncated, "the input ends inside a document", offset: 0)
        #expect(error.keyPath.isEmpty)
        #expect(error.keyPathString == "")
        #expect(error.description == "the input ends inside a document at byte 0")
    }

    /// A code is its name: it prints as the name and compares by it, so codes added elsewhere
    /// (`ioFailure`, `cError`) are codes like the others.
    @Test func codesAreTheirNames() {
        #expect(BSONError.Code.invalidUTF8.rawValue == "invalidUTF8")
        #expect(BSONError.Code.depthLimitExceeded.description == "depthLimitExceeded")
        #expect(BSONError.Code(rawValue: "truncated") == .truncated)
        #expect(BSONError.Code.ioFailure != .cError)
        #expect(BSONError(.invalidValue, "x", offset: 1) != BSONError(.invalidValue, "x", offset: 2))
        #expect(BSONError(.invalidValue, "x", offset: 1) == BSONError(.invalidValue, "x", offset: 1))
    }
}
