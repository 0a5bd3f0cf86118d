import Foundation
import LibBSON

/// Seed inputs, made by the targets themselves from the repository's fixtures so that every
/// target gets inputs in its own format. `scripts/fuzz` runs each target once with
/// `FUZZ_WRITE_SEEDS=<dir>` (see ``writeIfAsked(_:)``) before fuzzing.
public enum Seeds {
    public enum Kind: String, Sendable {
        case bson, json, codable, reader
    }

    /// Called from `LLVMFuzzerInitialize`: when `FUZZ_WRITE_SEEDS` names a folder, writes this
    /// target's seeds there and exits; otherwise does nothing.
    public static func writeIfAsked(_ kind: Kind) {
        guard let dir = ProcessInfo.processInfo.environment["FUZZ_WRITE_SEEDS"], !dir.isEmpty else { return }
        do {
            let seeds = try make(kind)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for (i, seed) in seeds.enumerated() {
                let number = String(i)
                let name = "seed-\(kind.rawValue)-" + String(repeating: "0", count: max(0, 5 - number.count)) + number
                try Data(seed).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
            }
            writeToStandardError("fuzz seeds: wrote \(seeds.count) \(kind.rawValue) seeds to \(dir)\n")
            // _exit: no atexit handlers, so no leak report about Foundation's caches.
            _exit(0)
        } catch {
            writeToStandardError("fuzz seeds: \(error)\n")
            _exit(1)
        }
    }

    /// The repository root: `FUZZ_REPO_ROOT`, else found from this source file's path.
    static func repositoryRoot() -> URL {
        if let root = ProcessInfo.processInfo.environment["FUZZ_REPO_ROOT"], !root.isEmpty {
            return URL(fileURLWithPath: root)
        }
        // Fuzz/Sources/FuzzSupport/Seeds.swift
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static func make(_ kind: Kind) throws -> [[UInt8]] {
        let root = repositoryRoot()
        let corpus = try Corpus.load(root.appendingPathComponent("Tests/Fixtures/bson-corpus"))
        let streams = try bsonFiles(root)
        var seeds: [[UInt8]] = []
        switch kind {
        case .bson:
            seeds = corpus.bson + corpus.decodeErrors
            for stream in streams { seeds += frames(stream) }
        case .json:
            seeds = corpus.json.map { Array($0.utf8) }
            for stream in streams {
                for frame in frames(stream) {
                    guard let doc = try? BSONDocument(fromBSON: frame) else { continue }
                    seeds.append(Array(doc.toCanonicalExtendedJSONString().utf8))
                    seeds.append(Array(doc.toExtendedJSONString().utf8))
                }
            }
        case .codable:
            var rng = SplitMix(seed: 0x5EED)
            let encoder = BSONEncoder()
            for i in 0..<64 {
                var sample = Sample.random(&rng)
                if i % 8 == 7 { sample.scores = nil }
                seeds.append(try encoder.encode(sample).bytes)
            }
        case .reader:
            seeds = streams
            // Concatenations, and documents followed by every kind of bad tail.
            let docs = corpus.bson.filter { (try? BSONDocument(fromBSON: $0)) != nil }
            for chunk in stride(from: 0, to: docs.count, by: 7) {
                seeds.append(docs[chunk..<min(chunk + 7, docs.count)].flatMap { $0 })
            }
            if let first = docs.first {
                for tail: [UInt8] in [[1], [5, 0, 0], [4, 0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 1, 0], [9, 0, 0, 0, 0]] {
                    seeds.append(first + tail)
                }
            }
        }
        // Regression fixtures of this target, replayed first.
        seeds += try regressions(root, kind)
        return seeds
    }

    /// `Tests/Fixtures/fuzz-regressions/<kind>-*`.
    static func regressions(_ root: URL, _ kind: Kind) throws -> [[UInt8]] {
        let dir = root.appendingPathComponent("Tests/Fixtures/fuzz-regressions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return try names.filter { $0.hasPrefix(kind.rawValue + "-") }.sorted().map {
            [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))
        }
    }

    /// Every `.bson` stream among the fixtures: the bson-dump inputs and the bundled sample.
    static func bsonFiles(_ root: URL) throws -> [[UInt8]] {
        var paths = [root.appendingPathComponent("Fixtures/sample.bson")]
        for sub in ["Tests/Fixtures/bson-dump/inputs", "Tests/Fixtures/bson-dump/inputs/corpus"] {
            let dir = root.appendingPathComponent(sub)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".bson") {
                paths.append(dir.appendingPathComponent(name))
            }
        }
        return try paths.map { [UInt8](try Data(contentsOf: $0)) }
    }

    /// The documents of a stream, by their size fields (invalid ones included; a broken
    /// frame ends the list).
    static func frames(_ stream: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        let reader = BSONReader(bytes: stream, options: BSONValidationOptions(maxDocumentSize: Int(Int32.max)))
        while let frame = try? reader.readFrame() { out.append(frame.bytes) }
        return out
    }
}

/// The BSON Corpus's strings: BSON (hex) and Extended JSON of every case.
struct Corpus {
    var bson: [[UInt8]] = []
    var decodeErrors: [[UInt8]] = []
    var json: [String] = []

    static func load(_ dir: URL) throws -> Corpus {
        var corpus = Corpus()
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".json") {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            guard let file = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            for case let valid as [String: Any] in file["valid"] as? [Any] ?? [] {
                for key in ["canonical_bson", "degenerate_bson", "converted_bson"] {
                    if let hex = valid[key] as? String, let bytes = hexBytes(hex) { corpus.bson.append(bytes) }
                }
                for key in ["canonical_extjson", "relaxed_extjson", "degenerate_extjson", "converted_extjson"] {
                    if let text = valid[key] as? String { corpus.json.append(text) }
                }
            }
            for case let bad as [String: Any] in file["decodeErrors"] as? [Any] ?? [] {
                if let hex = bad["bson"] as? String, let bytes = hexBytes(hex) { corpus.decodeErrors.append(bytes) }
            }
            for case let bad as [String: Any] in file["parseErrors"] as? [Any] ?? [] {
                if let text = bad["string"] as? String {
                    // Parse errors are values; most read as one inside a document.
                    corpus.json.append(text)
                    corpus.json.append("{\"a\": \(text)}")
                    corpus.json.append("{\"d\": {\"$numberDecimal\": \"\(text)\"}}")
                }
            }
        }
        return corpus
    }

    static func hexBytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var i = 0
        while i < digits.count {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}

/// SplitMix64, for reproducible seeds.
public struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Sample {
    /// A random sample; about half the optional fields are set.
    static func random(_ rng: inout SplitMix) -> Sample {
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &rng) ? make() : nil }
        let words = ["", "a", "héllo", "tab\tquote\"", "nul\u{0}in", "😀", "$dollar", "a.b"]
        func word() -> String { words.randomElement(using: &rng) ?? "" }
        let doubles: [Double] = [0, -0.0, 1.5, -1e300, .infinity, .nan, .leastNonzeroMagnitude, 123456.789]
        func double() -> ExactDouble { ExactDouble(doubles.randomElement(using: &rng) ?? 0) }
        func inner(_ depth: Int) -> Sample.Inner {
            Sample.Inner(x: Int32.random(in: .min ... .max, using: &rng),
                         y: maybe { (0..<Int.random(in: 0...3, using: &rng)).map { _ in double() } },
                         label: maybe { word() },
                         more: depth < 2 ? maybe { (0..<Int.random(in: 0...2, using: &rng)).map { _ in inner(depth + 1) } } : nil)
        }
        let choices: [Sample.Choice] = [.none, .number(-7), .pair("p", ExactDouble(2.5)), .named(first: "f", rest: [1, -2, 300])]
        let anys: [BSON] = [.null, .int32(5), .string("s"), .array([.bool(true), .double(.nan)]), ["k": .int64(1)],
                            .datetime(BSONDatetime(millisecondsSinceEpoch: 1_700_000_000_123)), .minKey,
                            .binary(BSONBinary(subtype: .userDefined(1), data: [1, 2, 3])), .code(BSONCode(code: "f()"))]
        return Sample(
            name: word(),
            count: Int.random(in: -1000...1000, using: &rng),
            small: maybe { Int8.random(in: .min ... .max, using: &rng) },
            big: maybe { Int64.random(in: .min ... .max, using: &rng) },
            unsigned: maybe { UInt32.random(in: .min ... .max, using: &rng) },
            ratio: maybe { double() },
            flag: maybe { Bool.random(using: &rng) },
            when: maybe { Date(timeIntervalSince1970: Double(Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &rng)) / 1000) },
            blob: maybe { Data((0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }) },
            id: maybe { UUID() },
            tags: maybe { (0..<Int.random(in: 0...3, using: &rng)).map { _ in word() } },
            scores: maybe { ["a": 1, "b": -2] },
            inner: maybe { inner(0) },
            children: maybe { (0..<Int.random(in: 0...2, using: &rng)).map { _ in inner(1) } },
            kind: maybe { [Sample.Kind.alpha, .beta, .gamma].randomElement(using: &rng) ?? .alpha },
            choice: maybe { choices.randomElement(using: &rng) ?? .none },
            oid: maybe { BSONObjectID() },
            decimal: maybe { try? BSONDecimal128(["1.5", "-0", "NaN", "1E+6144", "0.001"].randomElement(using: &rng) ?? "0") } ?? nil,
            stamp: maybe { BSONTimestamp(timestamp: UInt32.random(in: 0...UInt32.max, using: &rng), increment: 1) },
            pattern: maybe { try? BSONRegularExpression(pattern: "^a.*", options: "ix") } ?? nil,
            any: maybe { ExactBSON(anys.randomElement(using: &rng) ?? .null) },
            raw: maybe { ["x": .int32(1), "y": ["z": .string("deep")]] }
        )
    }
}
