import Foundation
import Testing
import LibBSONTestSupport
@testable import LibBSON

/// A reviewer's hostile tests of the key index of wide documents: every mutation API mixed at
/// random on wide documents (and copies of them, mutated independently), each step checked
/// against a model and against a linear scan of the bytes.
@Suite struct BSONKeyIndexHostileTests {
    typealias Model = [(key: String, value: BSON)]

    // MARK: The model

    private static func firstIndex(_ m: Model, _ key: String) -> Int? {
        m.firstIndex { Array($0.key.utf8) == Array(key.utf8) }
    }

    private static func set(_ m: inout Model, _ key: String, _ value: BSON) {
        if let i = firstIndex(m, key) { m[i].value = value } else { m.append((key, value)) }
    }

    @discardableResult
    private static func removeFirst(_ m: inout Model, _ key: String) -> BSON? {
        guard let i = firstIndex(m, key) else { return nil }
        return m.remove(at: i).value
    }

    private static func modelBytes(_ m: Model) throws -> [UInt8] {
        try BSONDocument(elements: m).bytes
    }

    // MARK: Checks

    /// Every key's lookup equals the first element of that name in a linear scan of the bytes,
    /// the bytes validate, and they equal the model's. Returns a description of the first
    /// mismatch, or nil.
    private static func mismatch(_ doc: BSONDocument, _ model: Model, keys: [String]) -> String? {
        do {
            _ = try BSONDocument(fromBSON: doc.bytes)
        } catch {
            return "bytes do not validate: \(error)"
        }
        guard let expected = try? modelBytes(model) else { return "model does not encode" }
        if doc.bytes != expected {
            return "bytes differ from the model: keys \(doc.keys) vs model \(model.map(\.key))"
        }
        var first: [[UInt8]: BSON] = [:]
        for (key, value) in doc where first[Array(key.utf8)] == nil { first[Array(key.utf8)] = value }
        for key in keys + doc.keys {
            let scan = first[Array(key.utf8)]
            let looked = doc[key]
            if looked != scan { return "lookup of \(key.debugDescription): \(String(describing: looked)) but the scan has \(String(describing: scan))" }
            if doc.hasKey(key) != (scan != nil) { return "hasKey(\(key.debugDescription)) is \(doc.hasKey(key))" }
        }
        return nil
    }

    // MARK: Random values

    private static func value(_ rng: inout SeededRandom, step: Int) -> BSON {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0, 1: return .int32(Int32(step))
        case 2: return .int64(Int64(step) << 33)
        case 3, 4: return .string(String(repeating: "s", count: Int.random(in: 0...40, using: &rng)))
        case 5: return .string(String(repeating: "L", count: Int.random(in: 300...1500, using: &rng)))
        case 6, 7:
            let n = Int.random(in: 0...4, using: &rng)
            let elements = (0..<n).map { (key: "n\($0)", value: BSON.int32(Int32(step * 10 + $0))) }
            return .document((try? BSONDocument(elements: elements)) ?? BSONDocument())
        case 8: return .array((0..<Int.random(in: 0...4, using: &rng)).map { .int32(Int32($0)) })
        default: return Bool.random(using: &rng) ? .null : .bool(true)
        }
    }

    /// A key from a universe of 40 (plus two awkward ones), so that documents grow past 16
    /// keys and keys repeat.
    private static func key(_ rng: inout SeededRandom) -> String {
        switch Int.random(in: 0..<42, using: &rng) {
        case 40: return ""
        case 41: return "e\u{301}"
        case let i: return "k\(i)"
        }
    }

    private static let allKeys = (0..<40).map { "k\($0)" } + ["", "e\u{301}", "\u{E9}", "absent"]

    // MARK: The random run

    /// One seeded run: `steps` random mutations of every kind; returns the first failure
    /// (with the last operations), or nil. Also returns on how many steps the document had an
    /// index, so the test can check that the index was exercised.
    private static func run(seed: UInt64, steps: Int) -> (failure: String?, indexedSteps: Int) {
        var rng = SeededRandom(seed: seed)
        var doc = BSONDocument()
        var model: Model = []
        // Wide from the start.
        for i in 0..<20 {
            doc["k\(i)"] = .int32(Int32(i))
            model.append(("k\(i)", .int32(Int32(i))))
        }
        var saved: [(doc: BSONDocument, model: Model)] = []
        var log: [String] = []
        var indexedSteps = 0

        func fail(_ what: String, _ step: Int) -> String {
            "seed \(seed) step \(step): \(what)\nlast operations:\n" + log.suffix(12).joined(separator: "\n")
        }

        for step in 0..<steps {
            let k = key(&rng)
            let k2 = "n\(Int.random(in: 0..<5, using: &rng))"
            let index = Int.random(in: 0..<4, using: &rng)
            let v = value(&rng, step: step)
            // A value read before the change must keep its bytes.
            let heldKey = key(&rng)
            let held = doc[heldKey]
            let heldExpected = firstIndex(model, heldKey).map { model[$0].value }
            if doc.keyIndex != nil { indexedSteps += 1 }
            let op = Int.random(in: 0..<22, using: &rng)
            log.append("op \(op) key \(k.debugDescription) k2 \(k2) index \(index) value \(v.type)\(v.stringValue.map { " (\($0.count))" } ?? "") [index \(doc.keyIndex != nil), \(doc.byteCount) bytes]")
            do {
                switch op {
                case 0, 1:
                    doc[k] = v
                    set(&model, k, v)
                case 2:
                    try doc.setValue(v, forKey: k)
                    set(&model, k, v)
                case 3, 4:
                    try doc.append(key: k, value: v)
                    model.append((k, v))
                case 5:
                    doc[k] = nil
                    removeFirst(&model, k)
                case 6:
                    let removed = doc.removeValue(forKey: k)
                    let expected = removeFirst(&model, k)
                    if removed != expected { return (fail("removeValue(forKey:) returned \(String(describing: removed)), model \(String(describing: expected))", step), indexedSteps) }
                case 7:
                    try doc.setValue(v, forPath: BSONPath([k]))
                    set(&model, k, v)
                case 8:
                    let removed = doc.removeValue(forPath: BSONPath([k]))
                    let expected = removeFirst(&model, k)
                    if removed != expected { return (fail("removeValue(forPath: [k]) returned \(String(describing: removed))", step), indexedSteps) }
                case 9, 10:
                    // A path one level down: set inside a document or an array, create, or refuse.
                    let component = Bool.random(using: &rng) ? k2 : String(index)
                    var threw = false
                    do { try doc.setValue(v, forPath: BSONPath([k, component])) } catch { threw = true }
                    if let i = firstIndex(model, k) {
                        switch model[i].value {
                        case .document(var d):
                            d[component] = v
                            model[i].value = .document(d)
                        case .array(var a):
                            if let n = Int(component), !threw {
                                if n < a.count { a[n] = v } else {
                                    while a.count < n { a.append(.null) }
                                    a.append(v)
                                }
                                model[i].value = .array(a)
                            } else if !threw {
                                return (fail("a non-index path component into an array did not throw", step), indexedSteps)
                            }
                        default:
                            if !threw { return (fail("a path through a scalar did not throw", step), indexedSteps) }
                        }
                    } else {
                        model.append((k, .document(try BSONDocument(elements: [(key: component, value: v)]))))
                    }
                case 11:
                    let component = Bool.random(using: &rng) ? k2 : String(index)
                    let removed = doc.removeValue(forPath: BSONPath([k, component]))
                    var expected: BSON?
                    if let i = firstIndex(model, k) {
                        switch model[i].value {
                        case .document(var d):
                            expected = d.removeValue(forKey: component)
                            model[i].value = .document(d)
                        case .array(var a):
                            if let n = Int(component), n < a.count {
                                expected = a.remove(at: n)
                                model[i].value = .array(a)
                            }
                        default: break
                        }
                    }
                    if removed != expected { return (fail("removeValue(forPath: [k, c]) returned \(String(describing: removed)), model \(String(describing: expected))", step), indexedSteps) }
                case 12:
                    doc[k]?[k2] = v
                    if let i = firstIndex(model, k), case .document(var d) = model[i].value {
                        d[k2] = v
                        model[i].value = .document(d)
                    }
                case 13:
                    doc[k]?[k2] = nil
                    if let i = firstIndex(model, k), case .document(var d) = model[i].value {
                        d[k2] = nil
                        model[i].value = .document(d)
                    }
                case 14:
                    doc[k]?.arrayValue?.append(v)
                    if let i = firstIndex(model, k), case .array(var a) = model[i].value {
                        a.append(v)
                        model[i].value = .array(a)
                    }
                case 15:
                    doc[k]?[index] = nil
                    if let i = firstIndex(model, k), case .array(var a) = model[i].value, index < a.count {
                        a.remove(at: index)
                        model[i].value = .array(a)
                    }
                case 16:
                    doc[k, default: .array([])].arrayValue?.append(v)
                    if let i = firstIndex(model, k) {
                        if case .array(var a) = model[i].value {
                            a.append(v)
                            model[i].value = .array(a)
                        }
                    } else {
                        model.append((k, .array([v])))
                    }
                case 17, 18:
                    // Take a copy, which the next steps may change independently.
                    saved.append((doc, model))
                    if saved.count > 4 { saved.removeFirst() }
                case 19:
                    // Work on a saved copy from now on (it may share an index with others).
                    if !saved.isEmpty {
                        let j = Int.random(in: 0..<saved.count, using: &rng)
                        let other = saved[j]
                        saved[j] = (doc, model)
                        doc = other.doc
                        model = other.model
                    }
                case 20:
                    // Parse: a large wide document gets an index whose table the first lookup builds.
                    doc = try BSONDocument(fromBSON: doc.bytes)
                default:
                    // A nested change of a document inside a document two levels down.
                    doc[k]?[k2]?["deep"] = v
                    if let i = firstIndex(model, k), case .document(var d) = model[i].value,
                       case .document(var inner) = d[k2] {
                        inner["deep"] = v
                        d[k2] = .document(inner)
                        model[i].value = .document(d)
                    }
                }
            } catch {
                return (fail("threw \(error)", step), indexedSteps)
            }
            if let m = mismatch(doc, model, keys: allKeys) { return (fail(m, step), indexedSteps) }
            if held != heldExpected {
                return (fail("a value read before the change (\(heldKey.debugDescription)) changed: \(String(describing: held))", step), indexedSteps)
            }
            if step % 7 == 0 {
                for (j, copy) in saved.enumerated() {
                    if let m = mismatch(copy.doc, copy.model, keys: allKeys) { return (fail("saved copy \(j): \(m)", step), indexedSteps) }
                }
            }
            // Keep the document in a useful range: between 17 and about 45 top-level keys.
            if model.count > 45 {
                for key in model.prefix(10).map(\.key) {
                    doc[key] = nil
                    removeFirst(&model, key)
                }
                if let m = mismatch(doc, model, keys: allKeys) { return (fail("after trimming: \(m)", step), indexedSteps) }
            }
        }
        return (nil, indexedSteps)
    }

    /// Every mutation API mixed at random, with copies taken and mutated independently; after
    /// each step every key's lookup equals the scan, the bytes validate and equal the model's.
    @Test(arguments: [1, 2, 3, 14, 99, 2024, 31337, 0xDEAD] as [UInt64])
    func randomMixOfEveryMutationKeepsLookupsEqualToAScan(seed: UInt64) {
        let (failure, indexedSteps) = Self.run(seed: seed, steps: 1200)
        #expect(failure == nil, "\(failure ?? "")")
        // The index must actually have been in use for most of the run.
        #expect(indexedSteps > 600, "the document had an index on only \(indexedSteps) steps")
    }

    // MARK: Targeted cases

    private static func wide(_ n: Int, prefix: String = "k") -> BSONDocument {
        var doc = BSONDocument()
        for i in 0..<n { doc["\(prefix)\(i)"] = .int32(Int32(i)) }
        return doc
    }

    /// A copy taken while the table is lazily unbuilt (parsed), then the copy inserts a new
    /// key through the slot its lookup found in the shared table.
    @Test func insertingIntoACopyOfAParsedDocumentUsesItsOwnTable() throws {
        var big = BSONDocument()
        for i in 0..<40 { big["k\(i)"] = .string(String(repeating: "x", count: 500)) }
        let parsed = try BSONDocument(fromBSON: big.bytes)
        #expect(parsed.keyIndex != nil)
        var a = parsed
        var b = parsed
        for i in 0..<100 {
            a["a\(i)"] = .int32(Int32(i))
            b["b\(i)"] = .int32(Int32(-i))
        }
        for i in 0..<100 {
            #expect(a["a\(i)"] == .int32(Int32(i)) && a["b\(i)"] == nil)
            #expect(b["b\(i)"] == .int32(Int32(-i)) && b["a\(i)"] == nil)
        }
        #expect(parsed["a0"] == nil && parsed["b0"] == nil && parsed.keys.count == 40)
        #expect(Self.mismatch(a, try Self.model(a), keys: Self.allKeys) == nil)
    }

    private static func model(_ doc: BSONDocument) throws -> Model { doc.map { ($0.key, $0.value) } }

    /// A duplicate appended, then the first removed by path at the top level, then by key:
    /// the later element of the same name takes over each time.
    @Test func removingTheFirstOfADuplicatedKeyByPathFindsTheSecond() throws {
        var doc = Self.wide(30)
        try doc.append(key: "k3", value: "second")
        try doc.append(key: "k3", value: "third")
        #expect(doc.removeValue(forPath: ["k3"]) == .int32(3))
        #expect(doc["k3"] == "second")
        doc[path: ["k3"]] = "replaced"
        #expect(doc["k3"] == "replaced")
        #expect(doc.removeValue(forKey: "k3") == "replaced")
        #expect(doc["k3"] == "third")
        #expect(Self.mismatch(doc, try Self.model(doc), keys: Self.allKeys) == nil)
    }

    /// A nested path edit inside the first top-level element moves every later entry.
    @Test func aNestedPathEditInTheFirstElementMovesEveryLaterEntry() throws {
        var doc = BSONDocument()
        doc["first"] = .document(["a": ["x": 1]])
        for i in 0..<30 { doc["k\(i)"] = .int32(Int32(i)) }
        #expect(doc.keyIndex != nil)
        for n in 0..<20 {
            try doc.setValue(.string(String(repeating: "y", count: n * 37 % 300)), forPath: "first.a.x")
            #expect(Self.mismatch(doc, try Self.model(doc), keys: Self.allKeys + ["first"]) == nil)
            _ = doc.removeValue(forPath: "first.a.x")
            #expect(Self.mismatch(doc, try Self.model(doc), keys: Self.allKeys + ["first"]) == nil)
        }
    }

    /// A copy of a wide document mutated on many tasks at once, each adding and removing
    /// keys (insertions through the slot found in the shared table), while other tasks look
    /// keys up in the shared original whose table is built lazily (run under the thread
    /// sanitizer: `swift test --sanitize=thread --filter concurrent`).
    @Test func concurrentMutationsOfCopiesLeaveTheSharedDocumentAlone() async throws {
        var big = BSONDocument()
        for i in 0..<300 { big["k\(i)"] = .string(String(repeating: "v", count: 60)) }
        let doc = try BSONDocument(fromBSON: big.bytes)
        #expect(doc.keyIndex != nil)
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<12 {
                group.addTask {
                    var wrong = 0
                    if task % 2 == 0 {
                        for i in 0..<300 where doc["k\((i * 13 + task) % 300)"]?.stringValue?.count != 60 { wrong += 1 }
                    } else {
                        var mine = doc
                        for i in 0..<50 {
                            mine["t\(task)-\(i)"] = .int32(Int32(i))
                            mine["k\(i)"] = nil
                        }
                        for i in 0..<50 where mine["t\(task)-\(i)"] != .int32(Int32(i)) || mine["k\(i)"] != nil { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        #expect(doc.keys.count == 300 && doc["t1-0"] == nil && doc["k0"]?.stringValue?.count == 60)
    }
}
