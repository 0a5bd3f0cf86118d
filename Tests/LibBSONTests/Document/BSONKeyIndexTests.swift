import Foundation
import Testing
import LibBSONTestSupport
@testable import LibBSON

/// The key index of wide documents: when one exists, that lookups through it agree with a scan
/// of the bytes after every kind of change, copy-on-write, concurrent lookups, and that
/// building by subscript is linear.
@Suite struct BSONKeyIndexTests {
    /// The first element of each key, as a scan of the document sees it: what every lookup
    /// must return.
    private static func firstValues(_ doc: BSONDocument) -> [String: BSON] {
        var first: [String: BSON] = [:]
        for (key, value) in doc where first[key] == nil { first[key] = value }
        return first
    }

    /// Checks every key of `doc` (and some absent ones) against the scan.
    private static func expectLookupsMatchScan(_ doc: BSONDocument, absent: [String] = ["absent", "k", ""],
                                               sourceLocation: SourceLocation = #_sourceLocation) {
        let first = firstValues(doc)
        for (key, value) in first {
            #expect(doc[key] == value, "lookup of \(key)", sourceLocation: sourceLocation)
            #expect(doc.hasKey(key), sourceLocation: sourceLocation)
        }
        for key in absent where first[key] == nil {
            #expect(doc[key] == nil, "absent \(key)", sourceLocation: sourceLocation)
        }
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try BSONDocument(fromBSON: doc.bytes) }
    }

    private static func wideDocument(_ n: Int) -> BSONDocument {
        var doc = BSONDocument()
        for i in 0..<n { doc["k\(i)"] = .int32(Int32(i)) }
        return doc
    }

    @Test func buildingAWideDocumentBySubscriptGivesTheBuildersBytes() throws {
        var bySubscript = BSONDocument()
        var nested = BSONDocument()
        for i in 0..<40 { nested["n\(i)"] = .string(String(repeating: "x", count: i)) }
        let built = try BSONDocument { b in
            for i in 0..<300 {
                switch i % 4 {
                case 0: try b.append("key\(i)", .int32(Int32(i)))
                case 1: try b.append("key\(i)", .string("value \(i)"))
                case 2: try b.append("key\(i)", .document(nested))
                default: try b.append("key\(i)", .array([.int64(Int64(i)), .bool(true)]))
                }
            }
        }
        for (key, value) in built { bySubscript[key] = value }
        #expect(bySubscript.bytes == built.bytes)
        #expect(bySubscript.keyIndex != nil)
        Self.expectLookupsMatchScan(bySubscript)
    }

    @Test func replacingWithLargerAndSmallerValuesMovesTheElementsAfter() {
        var doc = Self.wideDocument(40)
        doc["k3"] = .string(String(repeating: "long", count: 100))
        Self.expectLookupsMatchScan(doc)
        doc["k3"] = .null
        Self.expectLookupsMatchScan(doc)
        doc["k39"] = .document(Self.wideDocument(20))
        doc["k0"] = .int64(7)
        Self.expectLookupsMatchScan(doc)
        #expect(doc.keys == (0..<40).map { "k\($0)" })
        #expect(doc["k3"] == .null && doc["k0"] == .int64(7))
    }

    @Test func removingFirstMiddleAndLastElementsKeepsTheOthersFound() {
        var doc = Self.wideDocument(40)
        #expect(doc.removeValue(forKey: "k0") == .int32(0))
        #expect(doc.removeValue(forKey: "k20") == .int32(20))
        #expect(doc.removeValue(forKey: "k39") == .int32(39))
        #expect(doc.removeValue(forKey: "k20") == nil)
        Self.expectLookupsMatchScan(doc, absent: ["k0", "k20", "k39"])
        doc["k20"] = "back"
        #expect(doc.keys.last == "k20")
        Self.expectLookupsMatchScan(doc)
    }

    /// BSON allows a key twice; lookups return the first element of that name, also after
    /// the first one is removed (then the second) and when a copy is inserted before it.
    @Test func duplicateKeysFindTheFirstElementAfterEveryChange() throws {
        var doc = Self.wideDocument(30)
        try doc.append(key: "k5", value: "second k5")
        try doc.append(key: "dup", value: 1)
        try doc.append(key: "dup", value: 2)
        #expect(doc["k5"] == .int32(5))
        #expect(doc["dup"] == .int32(1))
        Self.expectLookupsMatchScan(doc)
        #expect(doc.removeValue(forKey: "k5") == .int32(5))
        #expect(doc["k5"] == "second k5")
        #expect(doc.removeValue(forKey: "dup") == .int32(1))
        #expect(doc["dup"] == .int32(2))
        doc["dup"] = "replaced"
        #expect(doc.keys.filter { $0 == "dup" }.count == 1)
        Self.expectLookupsMatchScan(doc)
    }

    /// "e\u{301}" and "\u{E9}" are equal Swift strings but different bytes: two keys.
    @Test func keysAreComparedAsBytes() {
        var doc = Self.wideDocument(20)
        doc["e\u{301}"] = "decomposed"
        doc["\u{E9}"] = "precomposed"
        #expect(doc.keys.suffix(2) == ["e\u{301}", "\u{E9}"])
        #expect(doc["e\u{301}"] == "decomposed")
        #expect(doc["\u{E9}"] == "precomposed")
        #expect(doc["e"] == nil)
        #expect(throws: BSONError.self) { try doc.setValue(1, forKey: "k1\0") }
        #expect(doc["k1\0"] == nil)
    }

    @Test func copiesOfAWideDocumentChangeIndependently() {
        let original = Self.wideDocument(50)
        var copy = original
        copy["k10"] = "changed"
        copy["new"] = 1
        copy["k49"] = nil
        #expect(original["k10"] == .int32(10))
        #expect(original["new"] == nil)
        #expect(original["k49"] == .int32(49))
        #expect(copy["k10"] == "changed" && copy["new"] == .int32(1) && copy["k49"] == nil)
        Self.expectLookupsMatchScan(original)
        Self.expectLookupsMatchScan(copy)
        var third = copy
        third["k0"] = nil
        #expect(copy["k0"] == .int32(0))
        #expect(third["k0"] == nil)
        #expect(original.bytes == Self.wideDocument(50).bytes)
    }

    /// A nested document read from a wide document shares its bytes; changing the parent
    /// afterwards must not change the value already read.
    @Test func aValueReadBeforeAChangeKeepsItsBytes() {
        var doc = Self.wideDocument(30)
        doc["inner"] = .document(["a": 1, "b": 2])
        let inner = doc["inner"]
        doc["k0"] = .string(String(repeating: "z", count: 500))
        doc["inner"] = .int32(0)
        #expect(inner == .document(["a": 1, "b": 2]))
    }

    /// A wide document with string values `size` bytes long (to pass the 16 KiB from which a
    /// parsed document gets an index).
    private static func largeWideDocument(_ n: Int, valueSize: Int) -> BSONDocument {
        var doc = BSONDocument()
        for i in 0..<n { doc["k\(i)"] = .string(String(repeating: "v", count: valueSize)) }
        return doc
    }

    @Test func largeParsedWideDocumentsHaveAnIndexAndOthersNone() throws {
        let wide = try BSONDocument(fromBSON: Self.largeWideDocument(17, valueSize: 1024).bytes)
        #expect(wide.byteCount >= BSONKeyIndex.parsedMinimumSize)
        #expect(wide.keyIndex != nil)
        #expect(wide["k16"]?.stringValue?.count == 1024)
        let large = try BSONDocument(fromBSON: Self.largeWideDocument(16, valueSize: 2048).bytes)
        #expect(large.keyIndex == nil)
        let small = try BSONDocument(fromBSON: Self.wideDocument(100).bytes)
        #expect(small.keyIndex == nil)
        // A mutating lookup that scans it indexes it.
        var changed = small
        changed["k99"] = 1
        #expect(changed.keyIndex != nil)
        let narrow = try BSONDocument(fromBSON: Self.wideDocument(16).bytes)
        #expect(narrow.keyIndex == nil)
        var built = Self.wideDocument(16)
        built["k0"] = 1
        #expect(built.keyIndex == nil)
        // Embedded documents read from a parent are slices without an index.
        var parent = Self.wideDocument(20)
        parent["child"] = .document(Self.wideDocument(30))
        #expect(parent["child"]?.documentValue?.keyIndex == nil)
        for (_, value) in parent { #expect(value.documentValue?.keyIndex == nil) }
    }

    /// The index never takes part in equality or hashing: a document built by subscript (with
    /// an index) equals the same bytes parsed (index not built yet) and built (none).
    @Test func equalityAndHashIgnoreTheIndex() throws {
        let bySubscript = Self.wideDocument(40)
        let parsed = try BSONDocument(fromBSON: bySubscript.bytes)
        let parsedLarge = try BSONDocument(fromBSON: Self.largeWideDocument(20, valueSize: 1000).bytes)
        #expect(parsedLarge == Self.largeWideDocument(20, valueSize: 1000))
        let built = try BSONDocument(elements: (0..<40).map { (key: "k\($0)", value: BSON.int32(Int32($0))) })
        #expect(bySubscript.keyIndex != nil && built.keyIndex == nil)
        #expect(bySubscript == parsed && parsed == built)
        #expect(bySubscript.hashValue == built.hashValue)
        #expect(Set([bySubscript, parsed, built]).count == 1)
    }

    /// Seeded random changes to a wide document, each checked against a model (an array of
    /// pairs): sets of new and existing keys, appends of existing keys, removals.
    @Test func randomChangesKeepLookupsRight() throws {
        var random = SeededRandom(seed: 14)
        var doc = BSONDocument()
        var model: [(key: String, value: BSON)] = []
        for step in 0..<1500 {
            let key = "key\(Int.random(in: 0..<120, using: &random))"
            let value: BSON = Bool.random(using: &random) ? .int32(Int32(step)) : .string(String(repeating: "v", count: step % 40))
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6:
                doc[key] = value
                if let i = model.firstIndex(where: { $0.key == key }) { model[i].value = value } else { model.append((key, value)) }
            case 6:
                try doc.append(key: key, value: value)
                model.append((key, value))
            default:
                let removed = doc.removeValue(forKey: key)
                let i = model.firstIndex(where: { $0.key == key })
                #expect(removed == i.map { model[$0].value })
                if let i { model.remove(at: i) }
            }
            if step % 50 == 0 {
                #expect(doc.keys == model.map(\.key))
                Self.expectLookupsMatchScan(doc)
            }
        }
        #expect(try BSONDocument(elements: model) == doc)
        Self.expectLookupsMatchScan(doc)
    }

    /// Many tasks look keys up in one wide document at once, the first of them building its
    /// table (run under the thread sanitizer too: `swift test --sanitize=thread --filter BSONKeyIndexTests`).
    @Test func concurrentLookupsOnASharedWideDocumentAgree() async throws {
        let doc = try BSONDocument(fromBSON: Self.largeWideDocument(500, valueSize: 40).bytes)
        #expect(doc.keyIndex != nil)
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var wrong = 0
                    for i in 0..<500 {
                        let key = (i * 7 + task * 31) % 500
                        if doc["k\(key)"]?.stringValue?.count != 40 { wrong += 1 }
                    }
                    // A copy changed in a task leaves the shared document alone.
                    var mine = doc
                    mine["k\(task)"] = .string("task \(task)")
                    if mine["k\(task)"] != .string("task \(task)") { wrong += 1 }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        Self.expectLookupsMatchScan(doc)
    }

    #if DEBUG
    /// The steps key lookups take while `body` runs in this task.
    private static func lookupSteps(_ body: () throws -> Void) rethrows -> Int {
        let counter = KeyLookupCounting.Counter()
        try KeyLookupCounting.$counter.withValue(counter) { try body() }
        return counter.total
    }

    /// Building n keys by subscript costs O(n) lookup steps in all (a scan per key would be
    /// n²/2: 2,000,000 steps for 2,000 keys).
    @Test func buildingNKeysBySubscriptTakesLinearlyManySteps() {
        let steps1000 = Self.lookupSteps { _ = Self.wideDocument(1000) }
        let steps2000 = Self.lookupSteps { _ = Self.wideDocument(2000) }
        #expect(steps1000 < 10 * 1000)
        #expect(steps2000 < 10 * 2000)
        #expect(Double(steps2000) < 2.5 * Double(steps1000))
    }

    /// After the first lookup of a parsed wide document builds the table, each lookup probes
    /// a few slots instead of scanning.
    @Test func repeatedLookupsOnAParsedWideDocumentTakeConstantSteps() throws {
        let doc = try BSONDocument(fromBSON: Self.wideDocument(4000).bytes)
        #expect(doc.keyIndex != nil)
        let first = Self.lookupSteps { _ = doc["k3999"] }
        let next = Self.lookupSteps { for i in 0..<4000 { _ = doc["k\(i)"] } }
        #expect(first >= 4000)   // the table is built once, over every element
        #expect(next < 4 * 4000)
        let narrow = Self.wideDocument(16)
        let scan = Self.lookupSteps { _ = narrow["k15"] }
        #expect(scan == 16)
    }
    #endif
}
