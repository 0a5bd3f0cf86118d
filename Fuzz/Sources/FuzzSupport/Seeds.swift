import Foundation
import LibBSON
import LibBSONTestSupport

/// Seed inputs, made by the targets themselves from the repository's fixtures so that every
/// target gets inputs in its own format. `scripts/fuzz` runs each target once with
/// `FUZZ_WRITE_SEEDS=<dir>` (see ``writeIfAsked(_:)``) before fuzzing. The fixtures are
/// found by the tests' locator (`Fixtures`).
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

    public static func make(_ kind: Kind) throws -> [[UInt8]] {
        let corpus = try CorpusSeeds.load()
        let streams = try bsonFiles()
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
            var rng = SeededRandom(seed: 0x5EED)
            let encoder = BSONEncoder()
            for i in 0..<64 {
                var sample = CodableSample.random(&rng)
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
        seeds += try Fixtures.fuzzRegressions(kind.rawValue).map(\.bytes)
        return seeds
    }

    /// Every `.bson` stream among the fixtures: the bundled sample and the bson-dump inputs.
    static func bsonFiles() throws -> [[UInt8]] {
        var paths = [Fixtures.sample]
        for dir in [Fixtures.bsonDump.appendingPathComponent("inputs"), Fixtures.bsonDump.appendingPathComponent("inputs/corpus")] {
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

/// The BSON Corpus's strings as seeds: BSON (from hex) and Extended JSON of every case.
struct CorpusSeeds {
    var bson: [[UInt8]] = []
    var decodeErrors: [[UInt8]] = []
    var json: [String] = []

    static func load() throws -> CorpusSeeds {
        var corpus = CorpusSeeds()
        for file in try Fixtures.loadBSONCorpus() {
            for valid in file.valid ?? [] {
                for hex in [valid.canonicalBSON, valid.degenerateBSON, valid.convertedBSON].compactMap({ $0 }) {
                    if let bytes = try? Hex.decode(hex) { corpus.bson.append(bytes) }
                }
                corpus.json += [valid.canonicalExtJSON, valid.relaxedExtJSON, valid.degenerateExtJSON, valid.convertedExtJSON].compactMap { $0 }
            }
            for bad in file.decodeErrors ?? [] {
                if let bytes = try? Hex.decode(bad.bson) { corpus.decodeErrors.append(bytes) }
            }
            for bad in file.parseErrors ?? [] {
                // Parse errors are values; most read as one inside a document.
                corpus.json.append(bad.string)
                corpus.json.append("{\"a\": \(bad.string)}")
                corpus.json.append("{\"d\": {\"$numberDecimal\": \"\(bad.string)\"}}")
            }
        }
        return corpus
    }
}
