import Foundation

/// Locating and decoding the vendored test fixtures under `Tests/Fixtures/`.
enum Fixtures {
    /// `Tests/Fixtures/`, found by walking up from this source file to the `Tests` folder.
    static func directory(filePath: String = #filePath) throws -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.lastPathComponent != "Tests" {
            let parent = url.deletingLastPathComponent()
            guard parent.path != url.path else {
                throw FixtureError("no Tests/ folder above \(filePath)")
            }
            url = parent
        }
        return url.appendingPathComponent("Fixtures", isDirectory: true)
    }

    /// `Tests/Fixtures/bson-corpus/`.
    static func bsonCorpusDirectory() throws -> URL {
        try directory().appendingPathComponent("bson-corpus", isDirectory: true)
    }

    /// Every `*.json` file of the BSON Corpus, decoded, sorted by file name.
    static func loadBSONCorpus() throws -> [CorpusFile] {
        let folder = try bsonCorpusDirectory()
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

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: - BSON Corpus file format (see Tests/Fixtures/bson-corpus/bson-corpus.md)

struct CorpusFile: Decodable, Sendable {
    /// The file's name, e.g. `double.json` (not part of the JSON; set by the loader).
    var fileName = ""
    var description: String
    /// Hex string of the BSON type byte under test, e.g. `"0x01"`; `"0x00"` for whole documents.
    var bsonType: String
    var testKey: String?
    var deprecated: Bool?
    var valid: [CorpusValidCase]?
    var decodeErrors: [CorpusDecodeErrorCase]?
    var parseErrors: [CorpusParseErrorCase]?

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

struct CorpusValidCase: Decodable, Sendable {
    var description: String
    var canonicalBSON: String
    var canonicalExtJSON: String
    var relaxedExtJSON: String?
    var degenerateBSON: String?
    var degenerateExtJSON: String?
    var convertedBSON: String?
    var convertedExtJSON: String?
    var lossy: Bool?

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

struct CorpusDecodeErrorCase: Decodable, Sendable {
    var description: String
    var bson: String
}

struct CorpusParseErrorCase: Decodable, Sendable {
    var description: String
    var string: String
}

// MARK: - Hex

enum Hex {
    /// Decodes a hex string (either case, even length) into bytes.
    static func decode(_ text: String) throws -> [UInt8] {
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
    static func encode(_ bytes: [UInt8]) -> String {
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
