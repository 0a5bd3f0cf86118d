import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The strict readers of the strings inside Extended JSON wrappers (JSON/ExtendedJSONScalars.swift):
/// each reads its whole input or nothing, never a prefix.
@Suite struct ExtendedJSONScalarsTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func int64ReadsTheWholeRangeAndNothingElse() {
        let accepted: [(String, Int64)] = [
            ("0", 0), ("-0", 0), ("+7", 7), ("007", 7), ("-42", -42),
            ("9223372036854775807", .max), ("-9223372036854775808", .min),
        ]
        for (text, value) in accepted {
            #expect(ExtendedJSONScalars.int64(Self.bytes(text)) == value, "\(text)")
            #expect(ExtendedJSONScalars.isIntegerForm(Self.bytes(text)), "\(text)")
        }
        // Out of range: integer form, no value.
        for text in ["9223372036854775808", "-9223372036854775809", "99999999999999999999999"] {
            #expect(ExtendedJSONScalars.int64(Self.bytes(text)) == nil, "\(text)")
            #expect(ExtendedJSONScalars.isIntegerForm(Self.bytes(text)), "\(text)")
        }
        // Not integers at all (strtoll would read a prefix of most of these).
        for text in ["", "-", "+", "1a", "12 ", " 12", "1.0", "1e3", "0x10", "--1", "١"] {
            #expect(ExtendedJSONScalars.int64(Self.bytes(text)) == nil, "\(text)")
            #expect(!ExtendedJSONScalars.isIntegerForm(Self.bytes(text)), "\(text)")
        }
    }

    @Test func doubleReadsTheSpecialNamesAndDecimalsOnly() {
        #expect(ExtendedJSONScalars.double(Self.bytes("Infinity")) == .infinity)
        #expect(ExtendedJSONScalars.double(Self.bytes("-Infinity")) == -.infinity)
        #expect(ExtendedJSONScalars.double(Self.bytes("NaN"))?.isNaN == true)
        #expect(ExtendedJSONScalars.double(Self.bytes("-0.0"))?.bitPattern == (-0.0 as Double).bitPattern)
        for (text, value) in [("1.5", 1.5), (".5", 0.5), ("5.", 5.0), ("+2e3", 2000.0), ("1E-2", 0.01), ("-1.25e+2", -125.0)] {
            #expect(ExtendedJSONScalars.double(Self.bytes(text)) == value, "\(text)")
        }
        // Other spellings of the names, hex, bare exponents, overflow to infinity.
        for text in ["inf", "infinity", "-infinity", "nan", "+Infinity", "0x1p3", "e5", "1e", "1e+", ".", "", "1.5 ", "1e400", "-1e400"] {
            #expect(ExtendedJSONScalars.double(Self.bytes(text)) == nil, "\(text)")
        }
    }

    /// Exactly the standard library's correctly rounded reading, on the fast path (up to 19
    /// digits, exponents within ±22) and off it.
    @Test func decimalsAreCorrectlyRounded() {
        var rng = SeededRandom(seed: 0xDEC)
        var failures: [String] = []
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...25, using: &rng)
            var text = Bool.random(using: &rng) ? "-" : ""
            let point = Int.random(in: 0...digits, using: &rng)
            for k in 0..<digits {
                if k == point && k > 0 { text += "." }
                text += String(Int.random(in: 0...9, using: &rng))
            }
            if Bool.random(using: &rng) { text += "e\(Int.random(in: -330...310, using: &rng))" }
            let ours = Self.bytes(text).withUnsafeBytes { ExtendedJSONScalars.decimal($0, from: 0, to: $0.count) }
            guard let reference = Double(text) else { continue }
            if ours?.bitPattern != reference.bitPattern { failures.append(text) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test func objectIDsAreTwentyFourHexDigitsOfEitherCase() throws {
        let text = Self.bytes("57E193D7a9cc81b4027498b5")
        #expect(ExtendedJSONScalars.isObjectID(text))
        var out: [UInt8] = [0xEE]
        #expect(ExtendedJSONScalars.appendObjectID(text, to: &out))
        #expect(out == [0xEE] + (try BSONObjectID("57e193d7a9cc81b4027498b5")).byteArray)
        for bad in ["57e193d7a9cc81b4027498b", "57e193d7a9cc81b4027498b50", "57e193d7a9cc81b4027498bg", ""] {
            var sink: [UInt8] = []
            #expect(!ExtendedJSONScalars.isObjectID(Self.bytes(bad)), "\(bad)")
            #expect(!ExtendedJSONScalars.appendObjectID(Self.bytes(bad), to: &sink), "\(bad)")
        }
    }

    @Test func uuidsAreTheCanonicalEightFourFourFourTwelveForm() {
        let bytes = ExtendedJSONScalars.uuid(Self.bytes("73ffd264-44b3-4c69-90e8-E7D1DFC035D4"))
        #expect(bytes == [0x73, 0xFF, 0xD2, 0x64, 0x44, 0xB3, 0x4C, 0x69, 0x90, 0xE8, 0xE7, 0xD1, 0xDF, 0xC0, 0x35, 0xD4])
        for bad in ["73ffd26444b34c6990e8e7d1dfc035d4", "73ffd264-44b3-4c69-90e8-e7d1dfc035d", "73ffd264-44b3-4c69-90e8_e7d1dfc035d4",
                    "{73ffd264-44b3-4c69-90e8-e7d1dfc035d4}", "73ffd264-44b3-4c69-90e8-e7d1dfc035dz"] {
            #expect(ExtendedJSONScalars.uuid(Self.bytes(bad)) == nil, "\(bad)")
        }
    }

    @Test func subtypesAreOneOrTwoHexDigits() {
        #expect(ExtendedJSONScalars.subtype(Self.bytes("4")) == 4)
        #expect(ExtendedJSONScalars.subtype(Self.bytes("0a")) == 10)
        #expect(ExtendedJSONScalars.subtype(Self.bytes("FF")) == 255)
        for bad in ["", "100", "g", "0x"] {
            #expect(ExtendedJSONScalars.subtype(Self.bytes(bad)) == nil, "\(bad)")
        }
    }

    /// Padded standard base64 as libbson reads it: whitespace between characters skipped,
    /// the unused bits zero, the padding complete.
    @Test func base64IsPaddedStandardBase64() {
        func decoded(_ text: String) -> [UInt8]? {
            var out: [UInt8] = []
            return ExtendedJSONScalars.appendBase64(Self.bytes(text), to: &out) ? out : nil
        }
        #expect(decoded("") == [])
        #expect(decoded("AQID") == [1, 2, 3])
        #expect(decoded("AQI=") == [1, 2])
        #expect(decoded("AQ==") == [1])
        #expect(decoded("+/+/") == [0xFB, 0xFF, 0xBF])
        #expect(decoded(" AQ\nID\t") == [1, 2, 3])
        #expect(decoded("AQ= =") == [1])
        for bad in ["AQ", "AQI", "AQ=", "A===", "AR==", "AQJ=", "AQ==AQ==", "AQ==x", "-_==", "AQ!D"] {
            #expect(decoded(bad) == nil, "\(bad)")
        }
    }
}
