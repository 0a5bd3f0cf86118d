/// One assertion made by the BSON Corpus runner (see `BSONCorpusTests.swift` and
import LibBSONTestSupport
/// `Tests/Fixtures/bson-corpus/bson-corpus.md`, "Testing validity").
enum CorpusCheck: String, Sendable, CaseIterable, CustomStringConvertible {
    // valid[]
    case canonicalBSONRoundTrip = "cB -> doc -> bytes == cB"
    case canonicalBSONNativeRoundTrip = "cB -> doc -> native -> bytes == cB"
    case canonicalBSONToCanonicalJSON = "cB -> doc -> canonical ExtJSON == cEJ"
    case canonicalBSONToRelaxedJSON = "cB -> doc -> relaxed ExtJSON == rEJ"
    case canonicalJSONToCanonicalJSON = "cEJ -> doc -> canonical ExtJSON == cEJ"
    case canonicalJSONToBSON = "cEJ -> doc -> bytes == cB"
    case degenerateBSONNativeToBSON = "dB -> doc -> native -> bytes == cB"
    case degenerateBSONToCanonicalJSON = "dB -> doc -> canonical ExtJSON == cEJ"
    case degenerateJSONToCanonicalJSON = "dEJ -> doc -> canonical ExtJSON == cEJ"
    case degenerateJSONToBSON = "dEJ -> doc -> bytes == cB"
    case relaxedJSONToRelaxedJSON = "rEJ -> doc -> relaxed ExtJSON == rEJ"
    // decodeErrors[]
    case decodeErrorThrows = "BSONDocument(fromBSON:) throws BSONError"
    // parseErrors[]
    case parseErrorThrows = "parsing the string throws BSONError"
    /// The spec's SHOULD for types 0x00 and 0x05: the input is well-formed plain JSON, so the
    /// error it must cause is an Extended JSON one (this checks the fixture and our tokenizer).
    case parseErrorInputIsPlainJSON = "parseError input is well-formed plain JSON"

    var description: String { rawValue }
}

/// A corpus assertion that is expected to fail, and why.
struct KnownDeviation: Sendable {
    /// Corpus file name, e.g. `"double.json"`.
    var file: String
    /// The case's `description` (every case of the file with this description is covered).
    var caseDescription: String
    var check: CorpusCheck
    /// Why the library legitimately differs from the corpus here.
    var reason: String

    func matches(file: String, caseDescription: String, check: CorpusCheck) -> Bool {
        self.file == file && self.caseDescription == caseDescription && self.check == check
    }

    var label: String { "\(file) / \(caseDescription) / \(check)" }
}

/// Every corpus assertion that is expected to fail. Only deliberate choices and genuine
/// disagreements between libbson 1.23 (which the library relies on for Decimal128) and the
/// corpus belong here; library bugs must be fixed instead.
///
/// An entry whose assertion passes (or that matches no case at all) is reported as a
/// "stale deviation" failure, so this list cannot silently outlive the problem it describes.
enum KnownDeviations {
    static let all: [KnownDeviation] = [
        // Extended JSON is parsed by our own ExtendedJSONParser, not libbson, so libbson's parser
        // bugs (e.g. $code cut at an escaped NUL, CDRIVER-1879) no longer show up here.

        // Extended JSON v2 forbids the legacy (v1) `{"$date": <number>}` form, which libbson
        // 1.23 accepts (CDRIVER-2223; also skipped by libbson's own corpus runner). Our parser
        // keeps accepting it on purpose: `init(fromJSON:)` reads the legacy forms libbson reads,
        // so texts written by older tools (mongoexport v1 style) still load, and this form is
        // unambiguous (an integer count of milliseconds since the epoch; anything else throws).
        KnownDeviation(
            file: "top.json", caseDescription: "Bad $date (number, not string or hash)",
            check: .parseErrorThrows,
            reason: "legacy {\"$date\": 42} (milliseconds) is accepted on purpose, as libbson 1.23 does (CDRIVER-2223)"
        ),
    ]
}
