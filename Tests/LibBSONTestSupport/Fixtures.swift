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

public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

// MARK: - BSON Corpus file format (see Tests/Fixtures/bson-corpus/bson-corpus.md)

public struct CorpusFile: Decodable, Sendable {
    /// The file's name, e.g. `double.json` (not part of the JSON; set by the loader).
    public var fileName = ""
    public var description: String
    /// Hex string of the BSON type byte under test, e.g. `"0x01"`; `"0x00"` for whole documents.
    public var bsonType: String
    public var testKey: String?
    public var deprecated: Bool?
    public var valid: [CorpusValidCase]?
    public var decodeErrors: [CorpusDecodeErrorCase]?
    public var parseErrors: [CorpusParseErrorCase]?

    enum CodingKeys: String, CodingKey {
        case description
        case bsonType = "bson_type"
        case testKey = "test_key"
        case deprecated
        case valid
        case decodeErrors
        case parseErrors
    }
}

public struct CorpusValidCase: Decodable, Sendable {
    public var description: String
    public var canonicalBSON: String
    public var canonicalExtJSON: String
    public var relaxedExtJSON: String?
    public var degenerateBSON: String?
    public var degenerateExtJSON: String?
    public var convertedBSON: String?
    public var convertedExtJSON: String?
    public var lossy: Bool?

    enum CodingKeys: String, CodingKey {
        case description
        case canonicalBSON = "canonical_bson"
        case canonicalExtJSON = "canonical_extjson"
        case relaxedExtJSON = "relaxed_extjson"
        case degenerateBSON = "degenerate_bson"
        case degenerateExtJSON = "degenerate_extjson"
        case convertedBSON = "converted_bson"
        case convertedExtJSON = "converted_extjson"
        case lossy
    }
}

public struct CorpusDecodeErrorCase: Decodable, Sendable {
    public var description: String
    public var bson: String
}

public struct CorpusParseErrorCase: Decodable, Sendable {
    public var description: String
    public var string: String
}

// MARK: - Hex

public enum Hex {
    /// Decodes a hex string (either case, even length) into bytes.
    public static func decode(_ text: String) throws -> [UInt8] {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else {
            throw FixtureError("odd-length hex string: \(text)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
                throw FixtureError("invalid hex digit in: \(text)")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// Uppercase hex, as the corpus spells it.
    public static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(alphabet[Int(byte >> 4)])
            out.append(alphabet[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
