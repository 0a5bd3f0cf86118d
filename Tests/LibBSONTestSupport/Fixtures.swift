import Foundation

/// The vendored fixtures: one locator for every test target (the BSON Corpus, bson-dump's
/// inputs and expected outputs, fuzz regressions, the bundled sample).
public enum Fixtures {
    /// `Tests/Fixtures/` (this file is `Tests/LibBSONTestSupport/Fixtures.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // LibBSONTestSupport
        .deletingLastPathComponent()   // Tests
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The repository's root folder.
    public static let repository: URL = root.deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/bson-corpus/`: the BSON Corpus.
    public static let bsonCorpus = root.appendingPathComponent("bson-corpus", isDirectory: true)

    /// `Tests/Fixtures/bson-dump/`: bson-dump's inputs, expected outputs and `cases.json`.
    public static let bsonDump = root.appendingPathComponent("bson-dump", isDirectory: true)

    /// `Tests/Fixtures/fuzz-regressions/`: inputs the fuzz targets once found.
    public static let fuzzRegressions = root.appendingPathComponent("fuzz-regressions", isDirectory: true)

    /// The repository's bundled sample, `Fixtures/sample.bson`.
    public static let sample = repository.appendingPathComponent("Fixtures/sample.bson")

    /// The regression fixtures of one fuzz target: the files of ``fuzzRegressions`` named
    /// `<target>-*` (`bson`, `json`, `codable`, `reader`), sorted by name, with their bytes.
    public static func fuzzRegressions(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: fuzzRegressions.path)
            .filter { $0.hasPrefix(target + "-") }
            .sorted()
            .map { ($0, [UInt8](try Data(contentsOf: fuzzRegressions.appendingPathComponent($0)))) }
    }

    /// Every `*.json` file of the BSON Corpus, decoded, sorted by file name.
    public static func loadBSONCorpus() throws -> [CorpusFile] {
        let folder = bsonCorpus
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        let decoder = JSONDecoder()
        return try names.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            do {
                var file = try decoder.decode(CorpusFile.self, from: data)
                file.fileName = name
                return file
            } catch {
                throw FixtureError("cannot decode \(name): \(error)")
            }
        }
    }
}
