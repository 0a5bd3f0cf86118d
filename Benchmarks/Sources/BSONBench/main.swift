import CBaselines
import Foundation
import LibBSON

// Usage: BSONBench [--iterations N] [--repeats R] [--json PATH] [--data DIR] [--filter TEXT]
//        BSONBench --instructions [--iterations N] [--filter TEXT]   (under callgrind: see
//            scripts/bench-instructions; each body runs a warm-up, then N operations counted alone)
//        BSONBench [--data DIR] --once MODE DATASET K   (see InteropOnce, for valgrind)
// --filter keeps the workloads whose "name dataset" contains TEXT (e.g. "decode full"), or
// starts with it when TEXT starts with "^" ("^encode flat" leaves out "codable encode flat");
// "A|B" keeps those that match A or B ("borrow|receive").
var iterations = 10_000
var repeats = 5
var jsonPath: String?
var filter: String?
var once: (mode: String, dataset: String, count: Int)?
var countInstructions = false
var dataDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data").path
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--iterations": iterations = Int(arguments.popFirst() ?? "") ?? iterations
    case "--repeats": repeats = Int(arguments.popFirst() ?? "") ?? repeats
    case "--json": jsonPath = arguments.popFirst()
    case "--data": dataDirectory = arguments.popFirst() ?? dataDirectory
    case "--filter": filter = arguments.popFirst()
    case "--instructions": countInstructions = true
    case "--once":
        guard let mode = arguments.popFirst(), let dataset = arguments.popFirst(),
              let count = arguments.popFirst().flatMap({ Int($0) }), count >= 0 else {
            FileHandle.standardError.write(Data("--once needs MODE DATASET K\n".utf8))
            exit(2)
        }
        once = (mode, dataset, count)
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

if let once {
    try InteropOnce.run(mode: once.mode, dataset: once.dataset, count: once.count, dataDirectory: dataDirectory)
    exit(0)
}

/// A workload that builds the data set's document from its tree with `build`, against C
/// building it with `bson_append_*` from a C tree.
func building(_ name: String, dataset: String, size: Int, cTree: OpaquePointer,
              _ build: @escaping () throws -> BSONDocument) -> Workload {
    Workload(name: name, dataset: dataset, bytesPerOperation: size,
             swift: { n in
                 var sum: Int64 = 0
                 for _ in 0..<n { sum &+= Int64(try build().byteCount) }
                 return sum
             },
             baseline: { n in cb_encode(cTree, Int32(n)) },
             baselineName: "bson_append_* from a C tree")
}

var workloads: [Workload] = []
var trees: [OpaquePointer] = []
var cDocuments: [OpaquePointer] = []
for name in ["flat", "deep", "full"] {
    let text = try String(contentsOfFile: "\(dataDirectory)/\(name)_bson.json", encoding: .utf8)
    let doc = try BSONDocument(fromJSON: text)
    let bytes = doc.bytes
    let size = bytes.count
    let tree = Tree(doc)
    guard try tree.document() == doc else { throw BenchError("the builder does not reproduce \(name)") }
    guard let cTree = bytes.withUnsafeBufferPointer({ cb_tree_new($0.baseAddress, $0.count) }) else {
        throw BenchError("cb_tree_new failed for \(name)")
    }
    trees.append(cTree)
    let jsonUTF8 = Array(text.utf8)

    workloads.append(Workload(
        name: "decode", dataset: name, bytesPerOperation: size,
        swift: { n in
            var sum: Int64 = 0
            for _ in 0..<n { sum &+= Materialise.document(try BSONDocument(fromBSON: bytes)) }
            return sum & .max
        },
        baseline: { n in bytes.withUnsafeBufferPointer { cb_decode($0.baseAddress, $0.count, Int32(n)) } },
        baselineName: "bson_validate + bson_iter walk"))
    workloads.append(building("encode", dataset: name, size: size, cTree: cTree) { try tree.document() })
    workloads.append(Workload(
        name: "encode bottom-up", dataset: name, bytesPerOperation: size,
        swift: { n in
            var sum: Int64 = 0
            for _ in 0..<n {
                guard case .document(let d) = try tree.bson() else { return -1 }
                sum &+= Int64(d.byteCount)
            }
            return sum
        },
        baseline: { n in cb_encode(cTree, Int32(n)) },
        baselineName: "bson_append_* from a C tree"))
    guard try tree.subscripted() == doc else { throw BenchError("subscript building does not reproduce \(name)") }
    workloads.append(building("subscript building", dataset: name, size: size, cTree: cTree) { try tree.subscripted() })
    workloads.append(Workload(
        name: "json-out canonical", dataset: name, bytesPerOperation: size,
        swift: { n in
            var sum: Int64 = 0
            for _ in 0..<n { sum &+= Int64(doc.toCanonicalExtendedJSONString().utf8.count) }
            return sum
        },
        baseline: { n in bytes.withUnsafeBufferPointer { cb_to_json($0.baseAddress, $0.count, 1, Int32(n)) } },
        baselineName: "bson_as_canonical_extended_json"))
    workloads.append(Workload(
        name: "json-out relaxed", dataset: name, bytesPerOperation: size,
        swift: { n in
            var sum: Int64 = 0
            for _ in 0..<n { sum &+= Int64(doc.toExtendedJSONString().utf8.count) }
            return sum
        },
        baseline: { n in bytes.withUnsafeBufferPointer { cb_to_json($0.baseAddress, $0.count, 0, Int32(n)) } },
        baselineName: "bson_as_relaxed_extended_json"))
    workloads.append(Workload(
        name: "json-in", dataset: name, bytesPerOperation: size,
        swift: { n in
            var sum: Int64 = 0
            for _ in 0..<n { sum &+= Int64(try BSONDocument(fromJSON: text).byteCount) }
            return sum
        },
        baseline: { n in jsonUTF8.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { cb_from_json($0, p.count, Int32(n)) }
        } },
        baselineName: "bson_new_from_json"))
    guard let cDocument = bytes.withUnsafeBufferPointer({ cb_bson_new($0.baseAddress, $0.count) }) else {
        throw BenchError("bson_new_from_data refused \(name)")
    }
    cDocuments.append(cDocument)
    workloads += interopWorkloads(dataset: name, document: doc, cDocument: cDocument)
}

// MARK: Codable, and the state manager's bound-context path

/// Codable decode and encode of a struct shaped like the data set, against the C baselines.
func codableWorkloads<T: Codable>(_ type: T.Type, dataset: String, bytes: [UInt8], cTree: OpaquePointer) throws -> [Workload] {
    let decoder = BSONDecoder()
    let encoder = BSONEncoder()
    let value = try decoder.decode(T.self, from: bytes)
    let again = try encoder.encode(value).bytes
    if again != bytes {
        print("note: Codable round trip of \(dataset) differs from the data set's bytes (\(again.count) vs \(bytes.count) bytes)")
    }
    return [
        Workload(name: "codable decode", dataset: dataset, bytesPerOperation: bytes.count,
                 swift: { n in
                     var sum: Int64 = 0
                     for _ in 0..<n { _ = try decoder.decode(T.self, from: bytes); sum &+= 1 }
                     return sum
                 },
                 baseline: { n in bytes.withUnsafeBufferPointer { cb_decode($0.baseAddress, $0.count, Int32(n)) } },
                 baselineName: "bson_validate + bson_iter walk"),
        Workload(name: "codable encode", dataset: dataset, bytesPerOperation: bytes.count,
                 swift: { n in
                     var sum: Int64 = 0
                     for _ in 0..<n { sum &+= Int64(try encoder.encode(value).byteCount) }
                     return sum
                 },
                 baseline: { n in cb_encode(cTree, Int32(n)) },
                 baselineName: "bson_append_* from a C tree"),
    ]
}

/// The same workload run with a BSONContext bound (baseline: the global path, same run).
func bound(_ w: Workload, in context: BSONContext) -> Workload {
    let body = w.swift
    return Workload(name: w.name + " [ctx]", dataset: w.dataset, bytesPerOperation: w.bytesPerOperation,
                    swift: { n in try BSONContext.withCurrent(context) { try body(n) } },
                    baseline: body, baselineName: "same, global state (no context bound)")
}

let tenant = BSONContext(name: "bench-tenant")
var extra: [Workload] = []
for (index, name) in ["flat", "deep", "full"].enumerated() {
    let text = try String(contentsOfFile: "\(dataDirectory)/\(name)_bson.json", encoding: .utf8)
    let bytes = try BSONDocument(fromJSON: text).bytes
    let cTree = trees[index]
    let codable: [Workload]
    switch name {
    case "flat": codable = try codableWorkloads(FlatDocument.self, dataset: name, bytes: bytes, cTree: cTree)
    case "deep": codable = try codableWorkloads(DeepNode.self, dataset: name, bytes: bytes, cTree: cTree)
    default: codable = try codableWorkloads(FullDocument.self, dataset: name, bytes: bytes, cTree: cTree)
    }
    extra += codable
    let plain = workloads.filter { $0.dataset == name && ($0.name == "decode" || $0.name == "encode") }
    extra += (plain + codable).map { bound($0, in: tenant) }
}
workloads += extra
workloads += try editingWorkloads(full: BSONDocument(fromJSON: String(contentsOfFile: "\(dataDirectory)/full_bson.json", encoding: .utf8)))

if countInstructions {
    guard cb_running_on_valgrind() != 0 else {
        FileHandle.standardError.write(Data("--instructions counts under valgrind: run scripts/bench-instructions\n".utf8))
        exit(2)
    }
    try InstructionCount.run(workloads.filter { selected($0, filter: filter) }, iterations: iterations)
    exit(0)
}

var results: [Result] = []
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
func fmt(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }

print("swift-libbson benchmarks: \(iterations) operations per run, median of \(repeats) runs, libbson \(String(cString: bson_get_version_shim()))")
print(pad("workload", 24) + pad("data", 6) + lpad("docs/s", 11) + lpad("MB/s", 9) + lpad("C MB/s", 9) + lpad("ratio", 8) + "  C baseline")
/// A filter starting with "^" must match the start of "name dataset" ("^encode flat").
func selected(_ w: Workload, filter: String?) -> Bool {
    guard let filter else { return true }
    let label = "\(w.name) \(w.dataset)"
    return filter.split(separator: "|", omittingEmptySubsequences: false).contains { part in
        part.hasPrefix("^") ? label.hasPrefix(part.dropFirst()) : label.contains(part)
    }
}
for w in workloads where selected(w, filter: filter) {
    let bodies = [w.swift] + (w.baseline.map { [$0] } ?? [])
    let operations = w.operations(iterations)
    let medians = try Measurement(iterations: operations, repeats: repeats).medians(bodies)
    let ops = Double(operations) / medians[0]
    let mbps = ops * Double(w.bytesPerOperation) / 1e6
    let cMBps = medians.count > 1 ? Double(operations) / medians[1] * Double(w.bytesPerOperation) / 1e6 : nil
    let ratio = cMBps.map { mbps / $0 }
    results.append(Result(workload: w.name, dataset: w.dataset, opsPerSecond: ops, megabytesPerSecond: mbps,
                          baselineMegabytesPerSecond: cMBps, ratio: ratio, baseline: w.baselineName))
    print(pad(w.name, 24) + pad(w.dataset, 6) + lpad(fmt(ops, 0), 11) + lpad(fmt(mbps), 9)
          + lpad(cMBps.map { fmt($0) } ?? "-", 9) + lpad(ratio.map { fmt($0, 2) + "x" } ?? "-", 8) + "  " + (w.baselineName ?? ""))
}
for t in trees { cb_tree_free(t) }
for d in cDocuments { cb_bson_destroy(d) }

if let jsonPath {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(results).write(to: URL(fileURLWithPath: jsonPath))
    print("results written to \(jsonPath)")
}
