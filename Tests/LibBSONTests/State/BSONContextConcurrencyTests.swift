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

        let outcomes = try await withThrowingTaskGroup(of: (String, Bool, String, String).self) { group in
            for i in 0..<4000 {
                let context = [shallow, deep, nil][i % 3]
                group.addTask {
                    let body = { () -> (String, Bool, String, String) in
                        let accepted = (try? BSONDocument(fromBSON: bytes)) != nil
                        let json = nested.toExtendedJSONString(mode: nil)
                        let id = BSONObjectID()
                        return (BSONContext.resolve().name, accepted, json, HexDigits.encode(id.byteArray[4..<9]))
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
    }

    struct Event: Codable, Equatable, Sendable {
        var isolationProbeTitle: String
        var happenedAt: Date
        var price: Money
        var tags: [String]
    }

    struct Money: Codable, Equatable, Sendable {
        var cents: Int64
    }

    /// Two tenants with conflicting Codable settings (dates as datetime vs ISO 8601 strings,
    /// different custom codecs for the same type, snake_case keys vs default keys, different
    /// depth limits), and the global default, used by 3,000 concurrent tasks.
    @Test func codableSettingsFollowTheirOwnContextUnderConcurrency() async throws {
        var isoOptions = BSONCoderOptions()
        isoOptions.dateEncodingStrategy = .iso8601
        isoOptions.dateDecodingStrategy = .iso8601
        isoOptions.keyEncodingStrategy = .convertToSnakeCase
        isoOptions.keyDecodingStrategy = .convertFromSnakeCase
        let asString = BSONTypeCodec(Money.self,
            encode: { .string("\($0.cents / 100).\($0.cents % 100)") },
            decode: { value in
                guard let s = value.stringValue, let dot = s.firstIndex(of: "."),
                      let units = Int64(s[..<dot]), let cents = Int64(s[s.index(after: dot)...]) else {
                    throw BSONError(.invalidValue, "expected a price string")
                }
                return Money(cents: units * 100 + cents)
            })
        let asDecimal = BSONTypeCodec(Money.self,
            encode: { .decimal128(try BSONDecimal128("\($0.cents)E-2")) },
            decode: { value in
                // libbson prints 1999E-2 as "19.99".
                guard let d = value.decimal128Value, let amount = Double(d.description) else {
                    throw BSONError(.invalidValue, "expected a decimal price")
                }
                return Money(cents: Int64((amount * 100).rounded()))
            })
        let tenantA = BSONContext(name: "tenant-a", coderOptions: isoOptions,
                                  validation: BSONValidationOptions(maxDepth: 1), codecs: BSONCodecRegistry([asString]))
        let tenantB = BSONContext(name: "tenant-b", validation: BSONValidationOptions(maxDepth: 8),
                                  codecs: BSONCodecRegistry([asDecimal]))
        let event = Event(isolationProbeTitle: "launch", happenedAt: Date(timeIntervalSince1970: 1_700_000_000.25),
                          price: Money(cents: 1999), tags: ["a", "b"])
        let deepBytes = (["x": ["y": ["z": 1]]] as BSONDocument).bytes

        struct Outcome: Sendable {
            var context: String
            var keys: [String]
            var dateType: BSONType?
            var priceType: BSONType?
            var roundTrip: Bool
            var deepAccepted: Bool
        }
        let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
            for i in 0..<3000 {
                let context = [tenantA, tenantB, nil][i % 3]
                group.addTask {
                    let work = { () throws -> Outcome in
                        let doc = try BSONEncoder().encode(event)
                        let back = try BSONDecoder().decode(Event.self, from: doc.bytes)
                        let deep = (try? BSONDecoder().decode(BSONDocument.self, from: deepBytes)) != nil
                        let dateKey = doc.keys.first { $0.hasPrefix("happened") } ?? ""
                        return Outcome(context: BSONContext.resolve().name, keys: doc.keys, dateType: doc[dateKey]?.type,
                                       priceType: doc["price"]?.type, roundTrip: back == event, deepAccepted: deep)
                    }
                    if let context {
                        return try await BSONContext.withCurrent(context) { await Task.yield(); return try work() }
                    }
                    await Task.yield()
                    return try work()
                }
            }
            var all: [Outcome] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == 3000)
        var seen: [String: Int] = [:]
        for o in outcomes {
            seen[o.context, default: 0] += 1
            #expect(o.roundTrip, "\(o.context)")
            switch o.context {
            case "tenant-a":
                #expect(o.keys == ["isolation_probe_title", "happened_at", "price", "tags"])
                #expect(o.dateType == .string)
                #expect(o.priceType == .string)
                #expect(!o.deepAccepted)
            case "tenant-b":
                #expect(o.keys == ["isolationProbeTitle", "happenedAt", "price", "tags"])
                #expect(o.dateType == .datetime)
                #expect(o.priceType == .decimal128)
                #expect(o.deepAccepted)
            case "global":
                #expect(o.keys == ["isolationProbeTitle", "happenedAt", "price", "tags"])
                #expect(o.dateType == .datetime)
                #expect(o.priceType == .document, "no codec: Money encodes itself")
                #expect(o.deepAccepted)
            default:
                Issue.record("unexpected context \(o.context)")
            }
        }
        #expect(seen == ["tenant-a": 1000, "tenant-b": 1000, "global": 1000])
        // Tenant A's snake_case keys went to its own cache, never to the global one.
        #expect(tenantA.keyCache.contains("isolationProbeTitle", .toSnakeCase))
        #expect(!BSONContext.global.keyCache.contains("isolationProbeTitle", .toSnakeCase))
        #expect(!tenantB.keyCache.contains("isolationProbeTitle", .toSnakeCase))
        #expect(tenantA.statistics.cacheHits > 0)
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
