// The BSON Corpus file format (see Tests/Fixtures/bson-corpus/bson-corpus.md): one file per
// BSON type, read by `Fixtures.loadBSONCorpus()`.

/// One corpus file: its valid cases, decode errors and parse errors.
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

/// A valid case: canonical BSON and Extended JSON, and their relaxed, degenerate and converted forms.
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

/// BSON bytes that must be refused.
public struct CorpusDecodeErrorCase: Decodable, Sendable {
    public var description: String
    public var bson: String
}

/// Text that must be refused.
public struct CorpusParseErrorCase: Decodable, Sendable {
    public var description: String
    public var string: String
}
