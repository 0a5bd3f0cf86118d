import CBaselines
import Foundation
import LibBSON

// MARK: C interop workloads: borrow a document for C, receive one from C

/// The C interop rows for one data set. `cDocument` is a heap `bson_t` holding the same bytes
/// (built by C, `bson_new_from_data`, once, outside the timed loops); the caller destroys it
/// after the run with `cb_bson_destroy`.
func interopWorkloads(dataset: String, document: BSONDocument, cDocument: OpaquePointer) -> [Workload] {
    let size = document.byteCount
    return [
        // Swift lends its document's bytes to C (a static bson_t over them, no copy); C walks
        // it with bson_iter. Baseline: the same C walk on a bson_t that C built itself.
        Workload(name: "borrow + C walk", dataset: dataset, bytesPerOperation: size,
                 swift: { n in
                     var sum: Int64 = 0
                     for _ in 0..<n {
                         let s = document.withUnsafeBSONPointer { cb_walk($0) }
                         guard s >= 0 else { return -1 }
                         sum &+= s
                     }
                     return sum & .max
                 },
                 baseline: { n in cb_walk_repeat(cDocument, Int32(n)) },
                 baselineName: "bson_iter walk of a bson_t C built"),
        // Swift receives a document C owns: one copy, then our validator. Baseline: what C does
        // to keep a document it does not own.
        Workload(name: "receive copying", dataset: dataset, bytesPerOperation: size,
                 swift: { n in
                     var sum: Int64 = 0
                     for _ in 0..<n { sum &+= Int64(try BSONDocument(copying: cDocument).byteCount) }
                     return sum
                 },
                 baseline: { n in cb_receive(cDocument, 1, Int32(n)) },
                 baselineName: "bson_copy + bson_validate + bson_destroy"),
        Workload(name: "receive trusted", dataset: dataset, bytesPerOperation: size,
                 swift: { n in
                     var sum: Int64 = 0
                     for _ in 0..<n { sum &+= Int64(try BSONDocument(unsafeCopyingTrusted: cDocument).byteCount) }
                     return sum
                 },
                 baseline: { n in cb_receive(cDocument, 0, Int32(n)) },
                 baselineName: "bson_copy + bson_destroy"),
    ]
}

// MARK: One path, K times, for valgrind (scripts/bench-interop-copies)

/// `BSONBench --once MODE DATASET K`: loads one data set (flat, deep, full, or "16mib", a
/// document of exactly 16 MiB built from `full`), makes the C-owned `bson_t`, runs MODE once
/// (a warm-up, so one-time initialisation is in every run) and then K more times, and exits.
/// Run under valgrind with K = 0 and K = N, the difference divided by N is the cost of one
/// operation: everything else (loading, setup, the warm-up) is the same in both runs.
enum InteropOnce {
    /// What each mode does per operation.
    static let modes: KeyValuePairs<String, String> = [
        "borrow": "withUnsafeBSONPointer + cb_walk (C bson_iter walk)",
        "c-walk": "cb_walk on a bson_t C built (bson_new_from_data, once)",
        "copying": "BSONDocument(copying:) of a C-owned bson_t",
        "trusted": "BSONDocument(unsafeCopyingTrusted:) of a C-owned bson_t",
        "taking": "C makes a bson_t (bson_new_from_data), BSONDocument(taking:) takes it",
        "produce": "C makes a bson_t (bson_new_from_data) and destroys it: the producer of `taking` alone",
        "reply": "BSONDocument.reply, C fills the reply with bson_init_static (no C copy)",
        "c-receive": "C: bson_copy + bson_validate + bson_destroy",
        "c-receive-trust": "C: bson_copy + bson_destroy",
    ]

    static func run(mode: String, dataset: String, count: Int, dataDirectory: String) throws {
        guard modes.contains(where: { $0.key == mode }) else {
            throw BenchError("--once: unknown mode \(mode) (one of \(modes.map(\.key).joined(separator: ", ")))")
        }
        let document = try load(dataset, dataDirectory: dataDirectory)
        let bytes = document.bytes
        guard let cDocument = bytes.withUnsafeBufferPointer({ cb_bson_new($0.baseAddress, $0.count) }) else {
            throw BenchError("bson_new_from_data refused \(dataset)")
        }
        defer { cb_bson_destroy(cDocument) }

        func operations(_ n: Int) throws -> Int64 {
            var sum: Int64 = 0
            switch mode {
            case "borrow":
                for _ in 0..<n { sum &+= document.withUnsafeBSONPointer { cb_walk($0) } }
            case "c-walk":
                sum = cb_walk_repeat(cDocument, Int32(n))
            case "copying":
                for _ in 0..<n { sum &+= Int64(try BSONDocument(copying: cDocument).byteCount) }
            case "trusted":
                for _ in 0..<n { sum &+= Int64(try BSONDocument(unsafeCopyingTrusted: cDocument).byteCount) }
            case "taking", "produce":
                for _ in 0..<n {
                    guard let made = bytes.withUnsafeBufferPointer({ cb_bson_new($0.baseAddress, $0.count) }) else {
                        throw BenchError("bson_new_from_data failed")
                    }
                    if mode == "taking" {
                        sum &+= Int64(try BSONDocument(taking: made).byteCount)
                    } else {
                        sum &+= Int64(bytes.count)
                        cb_bson_destroy(made)
                    }
                }
            case "reply":
                for _ in 0..<n {
                    sum &+= Int64(try BSONDocument.reply { reply, _ in cb_fill_reply(reply, cDocument) }.byteCount)
                }
            case "c-receive":
                sum = cb_receive(cDocument, 1, Int32(n))
            default: // c-receive-trust
                sum = cb_receive(cDocument, 0, Int32(n))
            }
            guard sum >= 0 else { throw BenchError("\(mode) failed (checksum \(sum))") }
            return sum
        }

        let warmUp = try operations(1)
        let checksum = try operations(count)
        print("\(mode) \(dataset): \(count) operations after one warm-up, document \(bytes.count) bytes, checksum \(warmUp &+ checksum)")
    }

    /// A driver data set, or "16mib": exactly 16 MiB (the default size limit), validated.
    static func load(_ dataset: String, dataDirectory: String) throws -> BSONDocument {
        if dataset == "16mib" { return try sixteenMiB(from: load("full", dataDirectory: dataDirectory)) }
        guard ["flat", "deep", "full"].contains(dataset) else { throw BenchError("--once: unknown data set \(dataset)") }
        let text = try String(contentsOfFile: "\(dataDirectory)/\(dataset)_bson.json", encoding: .utf8)
        return try BSONDocument(fromJSON: text)
    }

    /// A document of exactly `BSONValidationOptions.defaultMaxDocumentSize` bytes: `part` as an
    /// embedded document under keys "0", "1", ... as many times as fits, then a binary field
    /// "pad" (subtype 0) filling the rest. Checked with the default validation options.
    static func sixteenMiB(from part: BSONDocument) throws -> BSONDocument {
        let target = BSONValidationOptions.defaultMaxDocumentSize
        let sub = part.bytes
        let padOverhead = 1 + 4 + 4 + 1          // type, "pad\0", length, subtype
        var out: [UInt8] = [0, 0, 0, 0]
        out.reserveCapacity(target)
        var index = 0
        while true {
            let key = Array(String(index).utf8)
            let element = 1 + key.count + 1 + sub.count
            guard out.count + element + padOverhead + 1 <= target else { break }
            out.append(0x03)
            out += key
            out.append(0)
            out += sub
            index += 1
        }
        let padLength = target - out.count - padOverhead - 1
        out.append(0x05)
        out += Array("pad".utf8) + [0]
        withUnsafeBytes(of: Int32(padLength).littleEndian) { out += $0 }
        out.append(0)
        out += (0..<padLength).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        out.append(0)
        withUnsafeBytes(of: Int32(out.count).littleEndian) { raw in
            for i in 0..<4 { out[i] = raw[i] }
        }
        guard out.count == target else { throw BenchError("16 MiB document is \(out.count) bytes") }
        let document = try BSONDocument(fromBSON: out, options: .default)
        // One byte more must be refused by the same limit (the document sits exactly at it).
        var over = out
        over.insert(0, at: over.count - 1)
        // The pad grew by one byte: fix its length field and the total.
        withUnsafeBytes(of: Int32(padLength + 1).littleEndian) { raw in
            let at = out.count - 1 - padLength - 1 - 4
            for i in 0..<4 { over[at + i] = raw[i] }
        }
        withUnsafeBytes(of: Int32(over.count).littleEndian) { raw in
            for i in 0..<4 { over[i] = raw[i] }
        }
        guard (try? BSONDocument(fromBSON: over, options: .default)) == nil,
              (try? BSONDocument(fromBSON: over, options: BSONValidationOptions(maxDocumentSize: target + 1))) != nil
        else { throw BenchError("16 MiB document: the size limit check is not where expected") }
        return document
    }
}
