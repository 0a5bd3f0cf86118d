import Foundation
import Testing
import LibBSON
import LibBSONTestSupport

/// A reviewer's hostile tests of issue 14's editing API (nested `_modify` subscripts, dotted
/// paths, `Collection` indices, `filter`/`mapValues`). Each test states the behaviour the API
/// should have; on the reviewed commit (66fc14f) several fail, as evidence for the review
/// report, which lists them.
@Suite struct BSONDocumentEditingHostileTests {
    /// `doc`'s bytes are valid and equal libbson's encoding of `json`.
    private func expectBytes(_ doc: BSONDocument, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try BSONDocument(fromBSON: doc.bytes) }
        #expect(doc.bytes == (try LibBSONOracle.bsonBytes(fromJSON: json)), sourceLocation: sourceLocation)
    }

    /// 64 KiB of binary data, so that a copy of a document holding it is not free.
    private static let big: BSON = .binary(BSONBinary(data: [UInt8](repeating: 7, count: 1 << 16)))

    /// The bytes of an embedded-document element "k" of 14 bytes whose only element is a
    /// string claiming 0x7FFFFFF0 bytes: with `typeByte`, an element that passes the index checks.
    static func fakeElement(typeByte: Bool) -> [UInt8] {
        (typeByte ? [0x03] : []) + [UInt8(ascii: "k"), 0,
                                    14, 0, 0, 0, 0x02, UInt8(ascii: "y"), 0, 0xF0, 0xFF, 0xFF, 0x7F, UInt8(ascii: "z"), 0, 0]
    }

    private func baseAddress(_ doc: BSONDocument) -> UnsafeRawPointer? {
        doc.withUnsafeBytes { $0.baseAddress }
    }

    // MARK: Documents that are windows on a parent's bytes (storage.startIndex != 0)

    /// An embedded document read out of a parent that is then dropped: the window is the only
    /// reference to the parent's buffer, so edits happen in place on a slice whose first byte
    /// is not the buffer's first.
    private static func uniquelyHeldWindow() -> BSONDocument {
        let parent: BSONDocument = ["pad": "some bytes before the window", "a": ["b": ["c": 1], "arr": [1, 2, 3]], "z": 0]
        return parent["a"]?.documentValue ?? BSONDocument()
    }

    @Test func pathEditsOfAWindowOnAParentsBytesWriteTheRightBytes() throws {
        var inner = Self.uniquelyHeldWindow()
        inner[path: "b.c"] = "a longer value than an int32"
        inner[path: "b.new.deep"] = true
        inner[path: "arr.5"] = 6
        #expect(inner.removeValue(forPath: "arr.0") == 1)
        try expectBytes(inner, #"{"b": {"c": "a longer value than an int32", "new": {"deep": true}}, "arr": [2, 3, null, null, 6]}"#)
    }

    @Test func keyAndNestedSubscriptEditsOfAWindowWriteTheRightBytes() throws {
        var inner = Self.uniquelyHeldWindow()
        inner["b"]?["c"] = 2
        inner["arr"]?[1] = nil
        inner["arr"]?.arrayValue?.append("x")
        inner["q", default: [:]]["r"] = 1
        try expectBytes(inner, #"{"b": {"c": 2}, "arr": [1, 3, "x"], "q": {"r": 1}}"#)
    }

    @Test func collectionFilterAndMapValuesOfAWindowReadTheWindow() throws {
        let inner = Self.uniquelyHeldWindow()
        #expect(inner.indices.map { inner[$0].key } == ["b", "arr"])
        #expect(inner.first?.key == "b")
        try expectBytes(inner.filter { $0.key == "arr" }, #"{"arr": [1, 2, 3]}"#)
        try expectBytes(inner.mapValues { _ in .null }, #"{"b": null, "arr": null}"#)
    }

    @Test func aPathEditOfAWindowLeavesTheParentAndItsOtherWindowsAlone() throws {
        let parent: BSONDocument = ["a": ["b": ["c": 1]], "z": 0]
        var inner = try #require(parent["a"]?.documentValue)
        let sibling = try #require(parent["a"]?.documentValue)
        inner[path: "b.c"] = "changed"
        try expectBytes(parent, #"{"a": {"b": {"c": 1}}, "z": 0}"#)
        try expectBytes(sibling, #"{"b": {"c": 1}}"#)
        try expectBytes(inner, #"{"b": {"c": "changed"}}"#)
    }

    // MARK: Copy-on-write and in-place

    @Test func aCopyIsUnchangedByPathSetRemoveAndArrayEditsOfTheOriginal() throws {
        var doc: BSONDocument = ["a": ["b": [1, 2, ["c": 3]]]]
        let copy = doc
        doc[path: "a.b.2.c"] = 4
        doc.removeValue(forPath: "a.b.0")
        doc["a"]?["b"]?.arrayValue?.append(9)
        try expectBytes(copy, #"{"a": {"b": [1, 2, {"c": 3}]}}"#)
        try expectBytes(doc, #"{"a": {"b": [2, {"c": 4}, 9]}}"#)
    }

    /// A same-size nested change of a uniquely held document is made in its own buffer.
    @Test func aSameSizeNestedEditOfAUniqueDocumentKeepsItsBuffer() {
        var doc: BSONDocument = ["big": Self.big, "a": ["x": 1]]
        let before = baseAddress(doc)
        doc["a"]?["x"] = 2
        #expect(baseAddress(doc) == before)
        doc[path: "a.x"] = 3
        #expect(baseAddress(doc) == before)
        #expect(doc[path: "a.x"] == 3)
    }

    /// The same through an array of documents. An array value is materialised as `[BSON]`,
    /// and its document elements are windows on the parent's bytes; while they are alive at
    /// write-back, the parent's buffer is not uniquely referenced and the whole parent is
    /// copied for one nested change.
    @Test func aSameSizeEditInsideAnArrayOfDocumentsKeepsTheParentsBuffer() {
        var doc: BSONDocument = ["big": Self.big, "a": [["x": 1], ["x": 2]]]
        let before = baseAddress(doc)
        doc["a"]?[0]?["x"] = 5
        #expect(baseAddress(doc) == before, "doc[\"a\"]?[0]?[\"x\"] = 5 copied the whole parent")
        #expect(doc[path: "a.0.x"] == 5)
    }

    /// A nested edit that changes nothing still writes the element back; the unchanged value
    /// is a window on the parent's bytes, so the write-back copies the whole parent.
    @Test func aNestedEditThatChangesNothingKeepsTheParentsBuffer() {
        var doc: BSONDocument = ["big": Self.big, "a": ["x": 1]]
        let before = baseAddress(doc)
        doc["a"]?["missing"] = nil
        #expect(baseAddress(doc) == before, "a no-op nested edit copied the whole parent")
    }

    /// Removing by path copies the whole document: `removeValue(forPath:)` holds
    /// `let storage = self.storage` across the splice (a debug build keeps it alive to the end
    /// of scope), and for an embedded document the returned old value is a window on the
    /// bytes, alive during the splice in any build. Each step is compared with the address
    /// just before it (a copy is made while the old buffer lives, so it never lands there).
    @Test func removingByPathKeepsTheBuffer() {
        var doc: BSONDocument = ["big": Self.big, "a": ["x": 1], "b": 2]
        var before = baseAddress(doc)
        doc.removeValue(forPath: "b")
        #expect(baseAddress(doc) == before, "removing an int32 by path copied the document")
        before = baseAddress(doc)
        doc.removeValue(forPath: "a")
        #expect(baseAddress(doc) == before, "removing an embedded document by path copied the whole document")
        before = baseAddress(doc)
        doc.removeValue(forKey: "big")
        #expect(baseAddress(doc) == before, "removing binary data by key copied the document")
    }

    /// A path assignment may read the same document on its right-hand side (the read ends
    /// before the write begins). `doc["a"]?["b"] = doc["a"]?["c"]` does not compile (the
    /// optional chain's access is open while the right side is read), as with `Dictionary`.
    @Test func aPathAssignmentMayReadTheSameDocument() throws {
        var doc: BSONDocument = ["a": ["b": 1, "c": 2]]
        doc[path: "a.b"] = doc[path: "a.c"]
        doc[path: "a.self"] = .document(doc)
        try expectBytes(doc, #"{"a": {"b": 2, "c": 2, "self": {"a": {"b": 2, "c": 2}}}}"#)
    }

    // MARK: _modify and throwing callers

    struct Boom: Error {}
    private func setThenThrow(_ value: inout BSON?) throws { value = "set"; throw Boom() }
    private func setThenThrow(_ value: inout BSON) throws { value = "set"; throw Boom() }

    /// As with `Dictionary` (whose `_modify` also writes back in a `defer`), a change made
    /// before the caller throws is kept: this pins that behaviour for the key, default and
    /// nested subscripts, and checks the bytes stay valid.
    @Test func aChangeMadeBeforeAThrowIsKeptAsWithDictionary() throws {
        var doc: BSONDocument = ["a": ["b": 1]]
        #expect(throws: Boom.self) { try setThenThrow(&doc["k"]) }
        #expect(throws: Boom.self) { try setThenThrow(&doc["d", default: 0]) }
        #expect(throws: Boom.self) { try setThenThrow(&doc["a"]![ "b"]) }
        var dict: [String: String] = [:]
        func dictThrow(_ v: inout String?) throws { v = "set"; throw Boom() }
        #expect(throws: Boom.self) { try dictThrow(&dict["k"]) }
        #expect(dict["k"] == "set")
        try expectBytes(doc, #"{"a": {"b": "set"}, "k": "set", "d": "set"}"#)
    }

    // MARK: Duplicate keys: the first element wins

    private func twoAs() throws -> BSONDocument {
        try BSONDocument(elements: [(key: "a", value: ["x": 1]), (key: "b", value: 0), (key: "a", value: ["x": 2])])
    }

    @Test func everyEditNamesTheFirstOfRepeatedKeys() throws {
        var byPath = try twoAs()
        byPath[path: "a.x"] = 10
        try expectBytes(byPath, #"{"a": {"x": 10}, "b": 0, "a": {"x": 2}}"#)
        var bySubscript = try twoAs()
        bySubscript["a"]?["x"] = 10
        try expectBytes(bySubscript, #"{"a": {"x": 10}, "b": 0, "a": {"x": 2}}"#)
        var removed = try twoAs()
        #expect(removed.removeValue(forPath: "a.x") == 1)
        try expectBytes(removed, #"{"a": {}, "b": 0, "a": {"x": 2}}"#)
        #expect(try twoAs()[path: "a.x"] == 1)
        #expect(try twoAs().mapValues { $0 }.keys == ["a", "b", "a"])
    }

    /// Setting nil through the subscript removes only the first element of that name, so the
    /// key is still there afterwards, reading the second one's value (a surprise for a
    /// Swift engineer used to `Dictionary`; pinned here).
    @Test func settingNilWithARepeatedKeyUncoversTheSecond() throws {
        var doc = try twoAs()
        doc["a"] = nil
        #expect(doc["a"] == ["x": 2])
        doc[path: "a"] = nil
        #expect(doc["a"] == nil)
        try expectBytes(doc, #"{"b": 0}"#)
    }

    // MARK: Arrays from input whose keys are not 0, 1, 2…

    /// Index components count positions, not keys; removal renumbers the later keys only.
    @Test func arraysWithOddKeysFromInputArePositional() throws {
        // {"arr": ["p", "q", "r"]} with keys "x", "y", "z".
        let inner = try BSONDocument(elements: [(key: "x", value: "p"), (key: "y", value: "q"), (key: "z", value: "r")]).bytes
        var bytes: [UInt8] = [0, 0, 0, 0, 0x04, UInt8(ascii: "a"), 0] + inner + [0]
        bytes.replaceSubrange(0..<4, with: withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { Array($0) })
        var doc = try BSONDocument(fromBSON: bytes)
        #expect(doc[path: "a.1"] == "q")
        #expect(doc.removeValue(forPath: "a.0") == "p")
        #expect(doc[path: "a.0"] == "q")
        doc[path: "a.3"] = "s"
        #expect(throws: Never.self) { try BSONDocument(fromBSON: doc.bytes) }
        #expect(doc["a"]?.arrayValue == ["q", "r", .null, "s"])
    }

    // MARK: Paths from input: no trap, bounded work

    @Test func oddPathsFromInputNeverTrap() {
        var doc: BSONDocument = ["a": [1, ["b": 2]], "s": "x", "": ["": 1]]
        let paths: [BSONPath] = ["", ".", "..", "a.", ".a", "a.-1", "a.+1", "a. 1", "a.1.", "a.99999999999999999999",
                                 "a.٣", "a.1e3", "s.0", "s.x.y", "\u{0}", "a.\u{0}", "a.2.\u{0}", "a.1.b.c.d", BSONPath([])]
        for path in paths {
            _ = doc[path: path]
            var copy = doc
            copy[path: path] = 1
            copy[path: path] = nil
            _ = try? copy.setValue(.document(doc), forPath: path)
            _ = copy.removeValue(forPath: path)
            #expect(throws: Never.self) { try BSONDocument(fromBSON: copy.bytes) }
        }
        #expect(doc[path: ".."] == nil)
        #expect(doc[path: "."] == 1)   // the key "" of the key ""
        doc[path: "a.1.b"] = nil
        #expect(doc[path: "a.1"] == [:])
    }

    /// MongoDB refuses to pad an array with more than 1,500,000 nulls ("can't backfill");
    /// here a path from input pads as much as 2 GiB allows, so one short string can make the
    /// library allocate and write over a gigabyte (index 150000000 gives 1.6 GB; this test
    /// asks for 2,000,000 nulls, 22 MB, to stay cheap).
    @Test func aPathFromInputCannotPadAnArrayWithMillionsOfNulls() {
        var doc: BSONDocument = ["a": []]
        #expect(throws: BSONError.self, "set a.2000000 padded \(doc.byteCount) bytes of nulls") {
            try doc.setValue(1, forPath: "a.2000000")
        }
        // The padded document is also over the 16 MiB that the library accepts from input.
        #expect(throws: Never.self) { try BSONDocument(fromBSON: doc.bytes) }
    }

    /// A path from input can nest documents deeper than the library itself accepts from input
    /// (``BSONValidationOptions/maxSupportedDepth``, 200): the result cannot be read back, and
    /// the recursive Extended JSON writer (`description`) needs stack in proportion.
    @Test func aPathFromInputCannotNestDeeperThanTheSupportedDepth() {
        var doc = BSONDocument()
        let path = BSONPath(Array(repeating: "a", count: BSONValidationOptions.maxSupportedDepth + 1))
        #expect(throws: BSONError.self) { try doc.setValue(true, forPath: path) }
    }

    #if compiler(>=6.2)
    /// The crash that follows: a 100,000-component path from input, then printing the
    /// document, exhausts the stack.
    @Test func printingADocumentBuiltFromALongPathDoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            var doc = BSONDocument()
            try? doc.setValue(true, forPath: BSONPath(Array(repeating: "a", count: 100_000)))
            _ = doc.description
        }
    }
    #endif

    // MARK: Collection indices used wrongly

    #if compiler(>=6.2)
    /// An index from another document passes every check of `elementEnd(at:)` when it lands
    /// on bytes that look like an element (here, inside a binary payload): the subscript then
    /// returns an embedded document that was never validated, whose lengths point far past
    /// its bytes (reading it runs off the buffer in an optimised build). The subscript should
    /// stop the program instead, as `Dictionary` does for an index of another dictionary.
    @Test func anIndexFromAnotherDocumentLandingInABinaryPayloadIsRefused() async {
        await #expect(processExitsWith: .failure) {
            let donor: BSONDocument = ["ab": 1, "c": 2]   // indices 4 and 12
            let index = donor.index(after: donor.startIndex)
            let victim: BSONDocument = ["x": .binary(BSONBinary(data: BSONDocumentEditingHostileTests.fakeElement(typeByte: true)))]   // payload at offset 12
            let element = victim[index]
            // Reaching here means the subscript accepted the index: show what came out.
            if case .document(let inner) = element.value, (try? BSONDocument(fromBSON: inner.bytes)) == nil {
                print("victim[index] returned an unvalidated embedded document '\(element.key)'")
            }
        }
    }

    /// The same with an index of the same document taken before a mutation (the case the
    /// `Index` DocC names): the element "ab" becomes binary data whose subtype byte sits where
    /// the old second element began. Subtype 3 (an old-style UUID, 16 bytes) is read as the
    /// type byte of an embedded document.
    @Test func anIndexFromBeforeAMutationIsRefused() async {
        await #expect(processExitsWith: .failure) {
            var doc: BSONDocument = ["ab": 1, "c": 2]
            let stale = doc.index(after: doc.startIndex)   // offset 12
            doc["ab"] = .binary(BSONBinary(subtype: .uuidOld, data: BSONDocumentEditingHostileTests.fakeElement(typeByte: false)))
            _ = doc[stale]
        }
    }
    #endif

    @Test func indicesSurviveNoMutationButFilterAndMapValuesKeepKeyBytes() throws {
        let doc: BSONDocument = ["é": 1, "日本": ["x": 2], "": 3]
        #expect(doc.filter { _ in true } == doc)
        #expect(doc.mapValues { $0 } == doc)
        #expect(Array(doc.indices).count == doc.count)
        #expect(doc.index(doc.startIndex, offsetBy: 3) == doc.endIndex)
    }
}
