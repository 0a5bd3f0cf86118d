import Foundation
import Testing
@testable import LibBSON

/// Contexts with conflicting settings used by thousands of concurrent tasks: every result
/// follows its own context and nothing leaks into the global state. Run under ThreadSanitizer
/// by CI (`swift test --sanitize=thread --filter Concurrency`).
@Suite struct BSONContextConcurrencyTests {
    @Test func conflictingContextsStayIsolatedUnderConcurrency() async throws {
        let shallow = BSONContext(name: "shallow", validation: BSONValidationOptions(maxDepth: 1), extendedJSONMode: .canonical)
        let deep = BSONContext(name: "deep", validation: BSONValidationOptions(maxDepth: 50), extendedJSONMode: .relaxed)
        let nested: BSONDocument = ["a": ["b": ["c": 1]]]   // depth 2
        let bytes = nested.bytes
        let globalBefore = BSONContext.global.statistics

        let outcomes = try await withThrowingTaskGroup(of: (String, Bool, String, String).self) { group in
            for i in 0..<4000 {
                let context = [shallow, deep, nil][i % 3]
                group.addTask {
                    let body = { () -> (String, Bool, String, String) in
                        let accepted = (try? BSONDocument(fromBSON: bytes)) != nil
                        let json = nested.toExtendedJSONString(mode: nil)
                        let id = BSONObjectID()
                        return (BSONContext.current.name, accepted, json, HexDigits.encode(id.byteArray[4..<9]))
                    }
                    if let context {
                        return await BSONContext.withCurrent(context) { await Task.yield(); return body() }
                    }
                    await Task.yield()
                    return body()
                }
            }
            var all: [(String, Bool, String, String)] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == 4000)
        let randoms = Dictionary(grouping: outcomes, by: \.0).mapValues { Set($0.map(\.3)) }
        for (name, accepted, json, _) in outcomes {
            switch name {
            case "shallow":
                #expect(!accepted)
                #expect(json == #"{"a":{"b":{"c":{"$numberInt":"1"}}}}"#)
            case "deep", "global":
                #expect(accepted)
                #expect(json == #"{"a":{"b":{"c":1}}}"#)
            default:
                Issue.record("unexpected context \(name)")
            }
        }
        // One generator per context, none shared.
        #expect(randoms.values.allSatisfy { $0.count == 1 })
        #expect(Set(randoms.values.flatMap { $0 }).count == 3)
        // The global state saw none of the bound contexts' work in its cache.
        #expect(BSONContext.global.statistics.cacheEntries == globalBefore.cacheEntries)
    }

    @Test func objectIDsAreUniqueAndIncreasingAcrossManyThreads() {
        let threads = 8, perThread = 20_000
        let results = Mutexed([[BSONObjectID]](repeating: [], count: threads))
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var mine: [BSONObjectID] = []
            mine.reserveCapacity(perThread)
            for _ in 0..<perThread { mine.append(BSONObjectID()) }
            results.withLock { $0[t] = mine }
        }
        let all = results.withLock { $0 }
        #expect(Set(all.joined()).count == threads * perThread)
        for ids in all {
            #expect(zip(ids, ids.dropFirst()).allSatisfy { ObjectIDOrder.follows($1, $0) })
        }
    }
}

/// A small lock-protected box for collecting results from threads in tests.
final class Mutexed<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
