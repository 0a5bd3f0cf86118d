// bson-service-load: a bounded load on a bson-service at 127.0.0.1 from two tenants at once,
// checking every answer against what its own tenant should get back.
//
//   bson-service-load --port N [--requests 30000] [--concurrency 16] [--duration 60]
//
// Workers alternate between the tenants acme and globex. Each runs a cycle of six requests:
// POST /documents (two documents: one without _id, one with a string _id), GET one back as
// BSON (bytes compared), GET the other as Extended JSON (text compared, in the tenant's mode
// or ?mode=canonical), GET the first from the other tenant (must be 404), POST /events (the
// receipt's dates and keys follow the tenant's strategies), POST /convert (JSON to BSON,
// bytes compared). Generated ObjectIds must carry their tenant's generator value, and the two
// tenants' values must differ. The run stops after --requests requests or --duration seconds,
// whichever comes first; the exit status is 0 only when no response was wrong or failed.
import BSONServiceClient
import Foundation
import LibBSON
import Synchronization

struct Options {
    var port = 0
    var requests = 30_000
    var concurrency = 16
    var duration = 60.0
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bson-service-load: \(message)\n".utf8))
    exit(2)
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
        switch argument {
        case "--port": options.port = Int(value) ?? 0
        case "--requests": options.requests = Int(value) ?? 0
        case "--concurrency": options.concurrency = Int(value) ?? 0
        case "--duration": options.duration = Double(value) ?? 0
        default: fail("unknown argument \(argument)")
        }
    }
    guard (1...65535).contains(options.port) else { fail("--port N is required") }
    guard options.requests > 0, (1...512).contains(options.concurrency), options.duration > 0, options.duration <= 600 else {
        fail("--requests > 0, --concurrency 1...512 and --duration 0...600 seconds")
    }
    return options
}

/// What the client knows of a tenant's settings (those of TenantRegistry.example).
struct TenantProfile: Sendable {
    let name: String
    let other: String
    let jsonMode: ExtendedJSONMode
    /// The event body's `at`, and what the receipt must hold there.
    let eventAt: BSON
    /// The receipt's key for the received date, and whether it is a string (else an int64).
    let receivedKey: String
    let receivedIsString: Bool

    static let acme = TenantProfile(name: "acme", other: "globex", jsonMode: .canonical,
                                    eventAt: .string("2024-05-17T09:30:00.250Z"),
                                    receivedKey: "receivedAt", receivedIsString: true)
    static let globex = TenantProfile(name: "globex", other: "acme", jsonMode: .relaxed,
                                      eventAt: .int64(1_715_938_200_250),
                                      receivedKey: "received_at", receivedIsString: false)
}

/// Requests handed out: at most `total`, and only before the deadline.
final class Budget: Sendable {
    private let issued = Atomic<Int>(0)
    let total: Int
    let deadline: ContinuousClock.Instant

    init(total: Int, deadline: ContinuousClock.Instant) {
        self.total = total
        self.deadline = deadline
    }

    func take() -> Bool {
        guard ContinuousClock.now < deadline else { return false }
        return issued.wrappingAdd(1, ordering: .relaxed).newValue <= total
    }
}

/// The generator value (bytes 4..<9) each tenant's ObjectIds carry, learnt from the first one.
final class GeneratorValues: Sendable {
    private let values = Mutex<[String: [UInt8]]>([:])

    /// False when `id` carries another value than the tenant's earlier ids.
    func check(_ id: BSONObjectID, tenant: String) -> Bool {
        let value = Array(id.byteArray[4..<9])
        return values.withLock { values in
            if let known = values[tenant] { return known == value }
            values[tenant] = value
            return true
        }
    }

    var snapshot: [String: [UInt8]] { values.withLock { $0 } }
}

struct WorkerResult: Sendable {
    var tenant: String
    var latencies: [Int64] = []   // nanoseconds
    var requests = 0
    var wrong = 0
    var failed = 0
    var messages: [String] = []
}

/// One worker: cycles of six requests for its tenant until the budget runs out.
struct Worker {
    let index: Int
    let profile: TenantProfile
    let client: ServiceClient
    let budget: Budget
    let generators: GeneratorValues
    var result: WorkerResult

    init(index: Int, profile: TenantProfile, client: ServiceClient, budget: Budget, generators: GeneratorValues) {
        self.index = index
        self.profile = profile
        self.client = client
        self.budget = budget
        self.generators = generators
        self.result = WorkerResult(tenant: profile.name)
    }

    enum Outcome { case ok, wrong(String), failed(String) }

    enum Sent {
        /// The budget is spent: no request was sent.
        case spent
        /// Sent, and failed or was wrong (recorded).
        case bad
        case ok(ServiceResponse)

        var isSpent: Bool { if case .spent = self { true } else { false } }
    }

    mutating func record(_ outcome: Outcome, latency: Duration) {
        result.requests += 1
        let (seconds, attoseconds) = latency.components
        result.latencies.append(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        switch outcome {
        case .ok: break
        case .wrong(let message):
            result.wrong += 1
            if result.messages.count < 5 { result.messages.append("wrong: \(message)") }
        case .failed(let message):
            result.failed += 1
            if result.messages.count < 5 { result.messages.append("failed: \(message)") }
        }
    }

    /// Sends one request, times it, and records what `check` says of it (nil: correct).
    mutating func send(_ method: ServiceClient.Method, _ path: String, tenant: String? = nil,
                       contentType: String? = nil, accept: String? = nil, body: [UInt8]? = nil,
                       expect status: Int, check: (ServiceResponse) throws -> String? = { _ in nil }) async -> Sent {
        guard budget.take() else { return .spent }
        let tenant = tenant ?? profile.name
        let start = ContinuousClock.now
        let response: ServiceResponse
        do {
            response = try await client.send(method, path, tenant: tenant, contentType: contentType,
                                             accept: accept, body: body, timeout: .seconds(10))
        } catch {
            record(.failed("\(method) \(path) for \(tenant): \(error)"), latency: ContinuousClock.now - start)
            return .bad
        }
        let latency = ContinuousClock.now - start
        guard response.status == status else {
            record(.failed("\(method) \(path) for \(tenant): status \(response.status), expected \(status): \(response.text.prefix(200))"),
                   latency: latency)
            return .bad
        }
        let problem: String?
        do {
            problem = try check(response)
        } catch {
            problem = "\(error)"
        }
        if let problem {
            record(.wrong("\(method) \(path) for \(tenant): \(problem)"), latency: latency)
            return .bad
        }
        record(.ok, latency: latency)
        return .ok(response)
    }

    mutating func run() async {
        var seq: Int64 = 0
        while true {
            seq += 1
            guard await cycle(seq) else { return }
        }
    }

    /// One cycle of six requests; false once the budget is spent.
    mutating func cycle(_ seq: Int64) async -> Bool {
        let tenant = profile.name
        let profile = self.profile
        let generators = self.generators
        let generated: BSONDocument = [
            "tenant": .string(tenant), "worker": .int32(Int32(index)), "seq": .int64(seq),
            "name": .string("item-\(index)-\(seq)"), "price": .double(Double(seq) * 0.25), "qty": .int32(Int32(seq % 1000)),
            "tags": ["load", .string(tenant)], "createdAt": .datetime(BSONDatetime(millisecondsSinceEpoch: 1_700_000_000_000 + seq)),
            "meta": ["source": "bson-service-load", "nested": ["depth": .int32(2)]],
        ]
        let namedID = BSON.string("\(tenant)-w\(index)-\(seq)")
        let named: BSONDocument = ["kind": "named", "_id": namedID, "seq": .int64(seq)]

        // 1. POST two documents; the first gets a new ObjectId from the tenant's generator.
        let sent = await send(.post, "/documents", contentType: "application/bson",
                              body: generated.bytes + named.bytes, expect: 201, check: { response in
            let answer = try response.document()
            guard let list = answer["ids"]?.arrayValue, list.count == 2, answer["count"] == .int32(2) else { return "answer \(answer)" }
            guard let oid = list[0].objectIDValue else { return "first id \(list[0]) is not an ObjectId" }
            guard generators.check(oid, tenant: tenant) else { return "ObjectId \(oid) is not from \(tenant)'s generator" }
            guard list[1] == namedID else { return "second id \(list[1]), expected \(namedID)" }
            return nil
        })
        // Without the ids there is nothing to read back: on to the next cycle.
        guard case .ok(let posted) = sent else { return !sent.isSpent }
        let ids = (try? posted.document()["ids"]?.arrayValue) ?? []
        guard ids.count == 2, let oid = ids[0].objectIDValue else { return true }
        let storedGenerated = stored(ids[0], generated)
        let storedNamed = stored(namedID, named)

        // 2. GET the generated one as BSON: exactly the stored bytes.
        if await send(.get, "/documents/\(oid.hex)", expect: 200, check: { response in
            response.body == storedGenerated.bytes ? nil : "BSON body differs: \(response.text.prefix(120))"
        }).isSpent { return false }

        // 3. GET the named one as Extended JSON, in the tenant's mode or canonical on request.
        let canonical = seq % 2 == 0
        let expectedJSON = storedNamed.toExtendedJSONString(mode: canonical ? .canonical : profile.jsonMode)
        if await send(.get, "/documents/\(tenant)-w\(index)-\(seq)\(canonical ? "?mode=canonical" : "")",
                      accept: "application/json", expect: 200, check: { response in
            response.text == expectedJSON ? nil : "JSON \(response.text) expected \(expectedJSON)"
        }).isSpent { return false }

        // 4. The other tenant must not see it.
        if await send(.get, "/documents/\(oid.hex)", tenant: profile.other, expect: 404).isSpent { return false }

        // 5. POST an event: decoded and re-encoded with the tenant's strategies.
        let event: BSONDocument = ["type": "load", "at": profile.eventAt, "seq": .int64(seq)]
        if await send(.post, "/events", contentType: "application/bson", body: event.bytes, expect: 201, check: { response in
            let receipt = try response.document()
            guard let id = receipt["_id"]?.objectIDValue else { return "no ObjectId in \(receipt)" }
            guard generators.check(id, tenant: tenant) else { return "event id \(id) is not from \(tenant)'s generator" }
            guard receipt["tenant"] == .string(tenant), receipt["type"] == "load", receipt["at"] == profile.eventAt else {
                return "receipt \(receipt)"
            }
            let received = receipt[profile.receivedKey]
            let typeOK = profile.receivedIsString ? received?.stringValue != nil : received?.int64Value != nil
            return typeOK ? nil : "receipt's \(profile.receivedKey) is \(String(describing: received))"
        }).isSpent { return false }

        // 6. Convert the generated document's canonical JSON back to BSON: the same bytes.
        let json = generated.toCanonicalExtendedJSONString()
        if await send(.post, "/convert", contentType: "application/json", body: Array(json.utf8), expect: 200, check: { response in
            response.body == generated.bytes ? nil : "converted bytes differ"
        }).isSpent { return false }
        return true
    }

    /// `document` with `_id` first, as the service stores it.
    func stored(_ id: BSON, _ document: BSONDocument) -> BSONDocument {
        var result = BSONDocument()
        try? result.append(key: "_id", value: id)
        for (key, value) in document where key != "_id" {
            try? result.append(key: key, value: value)
        }
        return result
    }
}

func percentile(_ sorted: [Int64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return Double(sorted[min(max(rank, 0), sorted.count - 1)]) / 1_000_000
}

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

let options = parseOptions()
let client = ServiceClient(port: options.port, connections: options.concurrency)
let generators = GeneratorValues()
let start = ContinuousClock.now
let budget = Budget(total: options.requests, deadline: start + .milliseconds(Int64(options.duration * 1000)))

let results = await withTaskGroup(of: WorkerResult.self) { group in
    for index in 0..<options.concurrency {
        let profile = index % 2 == 0 ? TenantProfile.acme : TenantProfile.globex
        group.addTask {
            var worker = Worker(index: index, profile: profile, client: client, budget: budget, generators: generators)
            await worker.run()
            return worker.result
        }
    }
    var results: [WorkerResult] = []
    for await result in group { results.append(result) }
    return results
}
let elapsed = ContinuousClock.now - start
try? await client.shutdown()

let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let latencies = results.flatMap(\.latencies).sorted()
let total = results.reduce(0) { $0 + $1.requests }
let wrong = results.reduce(0) { $0 + $1.wrong }
let failed = results.reduce(0) { $0 + $1.failed }
let values = generators.snapshot
let tenantsDiffer = values.count == 2 && Set(values.values).count == 2

print("load: 127.0.0.1:\(options.port), tenants acme + globex, \(options.concurrency) connections, \(total) requests in \(format(seconds)) s")
print("throughput: \(format(Double(total) / max(seconds, 1e-9), 0)) requests/s")
print("latency ms: p50 \(format(percentile(latencies, 50))), p90 \(format(percentile(latencies, 90))), p99 \(format(percentile(latencies, 99))), max \(format(percentile(latencies, 100)))")
for tenant in ["acme", "globex"] {
    let mine = results.filter { $0.tenant == tenant }
    let hex = values[tenant].map { $0.map { String(format: "%02x", $0) }.joined() } ?? "none"
    print("\(tenant): \(mine.reduce(0) { $0 + $1.requests }) requests, \(mine.reduce(0) { $0 + $1.wrong }) wrong, \(mine.reduce(0) { $0 + $1.failed }) failed, ObjectId generator value \(hex)")
}
if !tenantsDiffer {
    print("wrong: the two tenants' ObjectIds do not carry two distinct generator values: \(values)")
}
for message in results.flatMap(\.messages).prefix(10) {
    print("  \(message)")
}
print("checked: \(total) responses, \(wrong) wrong, \(failed) failed")
exit(total > 0 && wrong == 0 && failed == 0 && tenantsDiffer ? 0 : 1)
