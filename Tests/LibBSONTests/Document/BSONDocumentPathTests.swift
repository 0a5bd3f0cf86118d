import Foundation
import Testing
import LibBSON
import LibBSONTestSupport

/// Dotted paths: reading, setting in place (creating missing levels), removing, and the errors
/// for paths that cannot be followed. Expected bytes come from libbson parsing JSON.
@Suite struct BSONDocumentPathTests {
    private func expectBytes(_ doc: BSONDocument, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try BSONDocument(fromBSON: doc.bytes) }
        #expect(doc.bytes == (try LibBSONOracle.bsonBytes(fromJSON: json)), sourceLocation: sourceLocation)
    }

    private let sample: BSONDocument = ["user": ["name": "Ada", "langs": ["en", "fr"], "a.b": 1], "n": 1]

    @Test func aDottedPathReadsThroughDocumentsAndArrays() {
        #expect(sample[path: "user.name"] == "Ada")
        #expect(sample[path: "user.langs.1"] == "fr")
        #expect(sample[path: "user.langs"] == ["en", "fr"])
        #expect(sample[path: "n"] == 1)
        #expect(sample[path: "user.langs.2"] == nil)
        #expect(sample[path: "user.missing.x"] == nil)
        #expect(sample[path: "user.name.first"] == nil)   // through a string
        #expect(sample[path: "user.langs.x"] == nil)      // not an index
        #expect(sample[path: "user.langs.01"] == nil)     // not a plain index
    }

    @Test func aKeyWithADotIsReachedWithTypedComponents() throws {
        #expect(sample[path: "user.a.b"] == nil)
        #expect(sample[path: ["user", "a.b"]] == 1)
        #expect(BSONPath(["user", "a.b"]).components == ["user", "a.b"])
        #expect(BSONPath(dotted: "a..b").components == ["a", "", "b"])
        var doc = sample
        doc[path: ["user", "a.b"]] = 2
        #expect(doc[path: ["user", "a.b"]] == 2)
    }

    @Test func settingReplacesInPlaceAndUpdatesEveryEnclosingLength() throws {
        var doc = sample
        doc[path: "user.name"] = "Ada Lovelace"
        doc[path: "user.langs.0"] = 1
        try expectBytes(doc, #"{"user": {"name": "Ada Lovelace", "langs": [1, "fr"], "a.b": 1}, "n": 1}"#)
    }

    @Test func settingCreatesMissingLevelsAsDocuments() throws {
        var doc: BSONDocument = ["n": 1]
        doc[path: "a.b.c"] = true
        doc[path: "a.b.d"] = 2
        doc[path: "a.0"] = "zero"   // a numeric key in a document is a key, as in MongoDB
        try expectBytes(doc, #"{"n": 1, "a": {"b": {"c": true, "d": 2}, "0": "zero"}}"#)
    }

    @Test func settingPastTheEndOfAnArrayAppendsWithNullsBefore() throws {
        var doc: BSONDocument = ["a": [1]]
        doc[path: "a.1"] = 2
        doc[path: "a.4"] = 5
        doc[path: "a.6.x"] = 7
        try expectBytes(doc, #"{"a": [1, 2, null, null, 5, null, {"x": 7}]}"#)
    }

    @Test func settingThroughAValueThatIsNotAContainerThrowsNamingThePath() {
        var doc = sample
        #expect {
            try doc.setValue(1, forPath: "user.name.first")
        } throws: { error in
            let error = error as? BSONError
            return error?.code == .invalidPath && error?.keyPath == ["user", "name"]
                && (error?.reason.contains("'user.name' is string") ?? false)
        }
        #expect {
            try doc.setValue(1, forPath: "user.langs.x")
        } throws: { error in
            (error as? BSONError)?.code == .invalidPath && (error as? BSONError)?.keyPath == ["user", "langs", "x"]
        }
        #expect(throws: BSONError.self) { try doc.setValue(1, forPath: BSONPath([])) }
        #expect(throws: BSONError.self) { try doc.setValue(1, forPath: "user.bad\0key") }
        #expect(doc == sample)
        // The subscript cannot throw: it changes nothing.
        doc[path: "user.name.first"] = 1
        #expect(doc == sample)
    }

    @Test func aHugeArrayIndexIsRefusedBeforeAnythingIsAllocated() {
        var doc: BSONDocument = ["a": []]
        #expect {
            try doc.setValue(1, forPath: "a.999999999")
        } throws: { error in
            (error as? BSONError)?.code == .invalidPath && (error as? BSONError)?.reason.contains("1500000") == true
        }
        #expect(doc == ["a": []])
    }

    @Test func aPathCannotNestDeeperThanTheContextsDepthLimit() throws {
        // Default limit 100: a scalar at depth 100 (101 components) is fine, one more is not,
        // and a document value counts one level more.
        var doc = BSONDocument()
        let deepest = BSONPath(Array(repeating: "a", count: 101))
        try doc.setValue(true, forPath: deepest)
        #expect(doc[path: deepest] == true)
        #expect(throws: Never.self) { try BSONDocument(fromBSON: doc.bytes) }   // reads back
        var other = BSONDocument()
        #expect {
            try other.setValue(true, forPath: BSONPath(Array(repeating: "a", count: 102)))
        } throws: { ($0 as? BSONError)?.code == .depthLimitExceeded }
        #expect(throws: BSONError.self) { try other.setValue([:], forPath: deepest) }
        // A path of any length from input is refused before anything is built.
        #expect(throws: BSONError.self) { try other.setValue(true, forPath: BSONPath(Array(repeating: "a", count: 100_000))) }
        #expect(other == BSONDocument())
        // A context with a higher limit allows deeper paths.
        let deep = BSONContext(name: "deep-paths", validation: BSONValidationOptions(maxDepth: 150))
        try BSONContext.withCurrent(deep) {
            try other.setValue(true, forPath: BSONPath(Array(repeating: "a", count: 151)))
        }
        #expect(other[path: BSONPath(Array(repeating: "a", count: 151))] == true)
    }

    @Test func anArrayIsPaddedWithAtMostAMillionAndAHalfNulls() throws {
        var doc: BSONDocument = ["a": [1]]
        #expect {
            try doc.setValue(1, forPath: "a.1500002")
        } throws: { ($0 as? BSONError)?.code == .invalidPath }
        #expect(doc == ["a": [1]])
        try doc.setValue(1, forPath: "a.1500001")
        #expect(doc[path: "a.1500001"] == 1)
        #expect(doc[path: "a.1500000"] == .null)
    }

    @Test func removingAnArrayElementMovesTheLaterOnesDown() throws {
        var doc: BSONDocument = ["a": [["x": 1], 2, 3, 4], "b": 1]
        #expect(doc.removeValue(forPath: "a.1") == 2)
        try expectBytes(doc, #"{"a": [{"x": 1}, 3, 4], "b": 1}"#)
        doc[path: "a.0.x"] = nil
        try expectBytes(doc, #"{"a": [{}, 3, 4], "b": 1}"#)
        #expect(doc.removeValue(forPath: "a.9") == nil)
        #expect(doc.removeValue(forPath: "b.c") == nil)
        doc[path: "b"] = nil
        try expectBytes(doc, #"{"a": [{}, 3, 4]}"#)
    }

    /// A random path into `doc`: existing keys or indices for a few levels, sometimes a
    /// missing component, an index past the end, or a component through a scalar after.
    private func randomPath(in doc: BSON, _ random: inout SeededRandom) -> [String] {
        var path: [String] = []
        var current: BSON? = doc
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            switch current {
            case .document(let d) where !d.isEmpty && Int.random(in: 0..<4, using: &random) > 0:
                let key = d.keys[Int.random(in: 0..<d.keys.count, using: &random)]
                path.append(key)
                current = d[key]
            case .array(let a) where Int.random(in: 0..<4, using: &random) > 0:
                let index = Int.random(in: 0...(a.count + 2), using: &random)
                path.append(String(index))
                current = a.indices.contains(index) ? a[index] : nil
            default:
                path.append(["new", "x.y", "0", "3", ""][Int.random(in: 0..<5, using: &random)])
                current = nil
            }
        }
        return path
    }

    /// Equal as BSON bytes (so NaN equals the same NaN).
    private func sameBytes(_ a: BSON?, _ b: BSON) -> Bool {
        guard let a else { return false }
        var x = BSONDocument(), y = BSONDocument()
        x["v"] = a
        y["v"] = b
        return x == y
    }

    @Test func randomSetsAndRemovesKeepDocumentsValidAndReadBack() throws {
        var random = SeededRandom(seed: 1414)
        var set = 0, refused = 0, removed = 0
        for _ in 0..<2_000 {
            let doc = RandomDocuments.document(&random)
            let path = BSONPath(randomPath(in: .document(doc), &random))
            let value = RandomDocuments.value(&random, depth: 2)
            var edited = doc
            do {
                try edited.setValue(value, forPath: path)
                set += 1
                #expect(throws: Never.self) { try BSONDocument(fromBSON: edited.bytes) }
                #expect(sameBytes(edited[path: path], value), "set \(path) in \(doc)")
                var again = edited
                #expect(sameBytes(again.removeValue(forPath: path), value))
                #expect(throws: Never.self) { try BSONDocument(fromBSON: again.bytes) }
                removed += 1
            } catch let error as BSONError {
                #expect(error.code == .invalidPath)
                #expect(edited == doc, "a refused set changed the document")
                refused += 1
            }
        }
        print("paths: \(set) random sets read back and \(removed) removed, \(refused) refused with invalidPath")
        #expect(set > 500 && refused > 50)
    }

    @Test func pathEditsAgreeWithSubscriptEditsOnRandomDocuments() throws {
        // Same edit two ways: by path in place, and by copying out, editing, assigning back.
        var random = SeededRandom(seed: 14)
        var edited = 0
        for _ in 0..<400 {
            let doc = RandomDocuments.document(&random)
            guard let (key, inner) = doc.first(where: { $0.value.documentValue.map { !$0.isEmpty } ?? false }),
                  let innerDoc = inner.documentValue, let innerKey = innerDoc.keys.first else { continue }
            var byPath = doc
            try byPath.setValue("edited", forPath: BSONPath([key, innerKey]))
            var byHand = doc
            var copy = innerDoc
            copy[innerKey] = "edited"
            byHand[key] = .document(copy)
            #expect(byPath == byHand)
            edited += 1
        }
        #expect(edited >= 20, "only \(edited) random documents had an embedded document to edit")
    }
}
