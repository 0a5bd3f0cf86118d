import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// Replays `Tests/Fixtures/fuzz-regressions/`: inputs that once broke a fuzz target in
/// `Fuzz/` (crashes, sanitizer reports, broken round-trip invariants), checked here with the
/// same invariants so they run in every `swift test`, without libFuzzer. The file name's
/// prefix names the target (`bson-`, `json-`, `codable-`, `reader-`); see the folder's
/// README. `scripts/fuzz` also replays them through the fuzz targets themselves.
@Suite struct FuzzRegressionTests {
    static let prefixes = ["bson", "json", "codable", "reader"]

    static func directory() throws -> URL {
        Fixtures.fuzzRegressions
    }

    /// The fixtures whose names start with `prefix-`, sorted.
    static func fixtures(_ prefix: String) throws -> [(name: String, bytes: [UInt8])] {
        let dir = try directory()
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix(prefix + "-") }
            .sorted()
            .map { ($0, [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))) }
    }

    @Test func everyFixtureNamesItsTarget() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory().path)
        #expect(names.contains("README.md"))
        for name in names where name != "README.md" && !name.hasPrefix(".") {
            #expect(Self.prefixes.contains { name.hasPrefix($0 + "-") }, "\(name) names no fuzz target")
        }
    }

    // MARK: bson-

    @Test func bsonFixtures() throws {
        for (name, bytes) in try Self.fixtures("bson") {
            Self.checkBSON(bytes, name)
        }
    }

    /// Target (a), in short: rejected bytes fail with a located `BSONError`; accepted bytes
    /// read back in full, re-encode to a valid document, and their Extended JSON (both modes)
    /// parses back to the same JSON, unless a documented exemption applies.
    static func checkBSON(_ bytes: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let doc: BSONDocument
        do {
            doc = try BSONDocument(fromBSON: bytes)
        } catch let error as BSONError {
            let offset = error.offset ?? -1
            #expect(offset >= 0 && offset <= bytes.count, "\(name): \(error)", sourceLocation: sourceLocation)
            return
        } catch {
            Issue.record("\(name): non-BSONError \(error)", sourceLocation: sourceLocation)
            return
        }
        let exempt = Exemptions(doc)
        do {
            let rebuilt = try BSONDocument(elements: Array(doc))
            #expect(throws: Never.self, "\(name): re-encoding does not validate") { try BSONDocument(fromBSON: rebuilt.bytes) }
        } catch {
            Issue.record("\(name): re-encoding failed: \(error)", sourceLocation: sourceLocation)
        }
        for canonical in [true, false] {
            let json = canonical ? doc.toCanonicalExtendedJSONString() : doc.toExtendedJSONString()
            do {
                let again = try BSONDocument(fromJSON: json)
                if !exempt.any {
                    let json2 = canonical ? again.toCanonicalExtendedJSONString() : again.toExtendedJSONString()
                    #expect(json2 == json, "\(name): Extended JSON is not a fixpoint", sourceLocation: sourceLocation)
                }
            } catch let error as BSONError {
                #expect(exempt.any, "\(name): our parser rejects our writer's JSON: \(error)\n\(json)", sourceLocation: sourceLocation)
            } catch {
                Issue.record("\(name): non-BSONError \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    /// The cases the fuzz targets exempt from round-trip equality (see
    /// `Fuzz/Sources/FuzzSupport/Walk.swift`).
    struct Exemptions {
        var wrapperFirstKey = false
        var any: Bool { wrapperFirstKey }

        static let wrapperKeys: Set<String> = [
            "$oid", "$symbol", "$numberInt", "$numberLong", "$numberDouble", "$numberDecimal", "$binary",
            "$type", "$uuid", "$date", "$timestamp", "$regularExpression", "$regex", "$options",
            "$dbPointer", "$code", "$scope", "$undefined", "$minKey", "$maxKey",
        ]

        init(_ doc: BSONDocument) {
            visit(doc, nested: false)
        }

        mutating func visit(_ doc: BSONDocument, nested: Bool) {
            var first = true
            for (key, value) in doc {
                if nested && first && Self.wrapperKeys.contains(key) { wrapperFirstKey = true }
                first = false
                visit(value)
            }
        }

        mutating func visit(_ value: BSON) {
            switch value {
            case .document(let d): visit(d, nested: true)
            case .array(let items): for item in items { visit(item) }
            case .codeWithScope(let c): visit(c.scope, nested: true)
            default: break
            }
        }
    }

    /// The decimal fixtures broke round trips until non-canonical coefficients (above
    /// 10^34 - 1) were written as the zero they stand for: libbson writes all 35 digits, which
    /// it then refuses to read, or reads as another value when the last digit is 0.
    @Test func nonCanonicalDecimalsAreWrittenAsZero() throws {
        let fixtures = try Self.fixtures("bson").filter { $0.name.contains("decimal128-coefficient-above-10e34") }
        #expect(fixtures.count == 2)
        for fixture in fixtures {
            let doc = try BSONDocument(fromBSON: fixture.bytes)
            let json = doc.toCanonicalExtendedJSONString()
            let again = try BSONDocument(fromJSON: json)
            #expect(again.toCanonicalExtendedJSONString() == json, "\(fixture.name): \(json)")
            for (_, value) in doc {
                guard case .decimal128(let d) = value else { continue }
                // Zero, with the sign and exponent kept: "0E+..." or "-0E...", or "0" / "0.000...".
                let text = d.description
                #expect(text.trimmingCharacters(in: CharacterSet(charactersIn: "-")).hasPrefix("0"), "\(fixture.name): \(text)")
                #expect(try BSONDecimal128(text).description == text)
            }
        }
    }

    @Test func decimalCoefficientBoundary() throws {
        // Exponent 0, positive: high = 0x3040 << 48 | coefficient's top 49 bits.
        let exponentZero: UInt64 = 0x3040_0000_0000_0000
        let max = BSONDecimal128(low: LibBSONC.tenToThe34Low - 1, high: exponentZero | LibBSONC.tenToThe34High)
        #expect(max.description == String(repeating: "9", count: 34))
        let over = BSONDecimal128(low: LibBSONC.tenToThe34Low, high: exponentZero | LibBSONC.tenToThe34High)
        #expect(over.description == "0")
        let negativeOverWithExponent = BSONDecimal128(low: .max, high: 0xB04A_0000_0000_0000 | ((1 << 49) - 1))
        #expect(negativeOverWithExponent.description == "-0E+5")
        let doc: BSONDocument = ["d": .decimal128(over)]
        #expect(doc.toCanonicalExtendedJSONString() == #"{"d":{"$numberDecimal":"0"}}"#)
    }

    /// The regular expression fixtures broke round trips until the validator required options
    /// to be distinct letters among i, l, m, s, u, x; now they are refused where the options are.
    @Test func unusualRegexOptionsAreRefused() throws {
        let fixtures = try (Self.fixtures("bson") + Self.fixtures("codable")).filter { $0.name.contains("regex-option") }
        #expect(fixtures.count == 3)
        for fixture in fixtures {
            do {
                _ = try BSONDocument(fromBSON: fixture.bytes)
                Issue.record("\(fixture.name) is accepted")
            } catch let error as BSONError {
                #expect(error.code == .invalidValue && error.reason.contains("regular expression option"), "\(fixture.name): \(error)")
            }
        }
    }

    // MARK: json-

    @Test func jsonFixtures() throws {
        for (name, bytes) in try Self.fixtures("json") {
            let text = String(decoding: bytes, as: UTF8.self)
            let doc: BSONDocument
            do {
                doc = try BSONDocument(fromJSON: text)
            } catch let error as BSONError {
                let offset = error.offset ?? -1
                #expect(offset >= 0 && offset <= text.utf8.count, "\(name): \(error)")
                continue
            }
            #expect(throws: Never.self, "\(name): the parser's bytes do not validate") { try BSONDocument(fromBSON: doc.bytes) }
            let canonical = doc.toCanonicalExtendedJSONString()
            #expect(try BSONDocument(fromJSON: canonical) == doc, "\(name): canonical JSON is not a fixpoint")
            let relaxed = doc.toExtendedJSONString()
            #expect(try BSONDocument(fromJSON: relaxed).toExtendedJSONString() == relaxed, "\(name): relaxed JSON is not a fixpoint")
            Self.checkBSON(doc.bytes, name)
        }
    }

    // MARK: codable-

    @Test func codableFixtures() throws {
        for (name, bytes) in try Self.fixtures("codable") {
            let valid = try? BSONDocument(fromBSON: bytes)
            guard let first = try? BSONDecoder().decode(Sample.self, from: bytes) else { continue }
            let doc = try #require(valid, "\(name): decoded from invalid bytes")
            let encoded = try BSONEncoder().encode(first)
            _ = try BSONDocument(fromBSON: encoded.bytes)
            let second = try BSONDecoder().decode(Sample.self, from: encoded)
            #expect(second == first, "\(name): decode(encode(value)) differs (\(doc.byteCount) bytes in)")
        }
    }

    /// The fuzz target's representative struct (`Fuzz/Sources/FuzzSupport/CodableRoundTrip.swift`),
    /// with plain `Double` and `BSON` (the fixtures hold no NaN where equality matters).
    struct Sample: Codable, Equatable {
        var name: String
        var count: Int
        var small: Int8?
        var big: Int64?
        var unsigned: UInt32?
        var ratio: Double?
        var flag: Bool?
        var when: Date?
        var blob: Data?
        var id: UUID?
        var tags: [String]?
        var scores: [String: Int]?
        var inner: Inner?
        var children: [Inner]?
        var kind: Kind?
        var choice: Choice?
        var oid: BSONObjectID?
        var decimal: BSONDecimal128?
        var stamp: BSONTimestamp?
        var pattern: BSONRegularExpression?
        var any: BSON?
        var raw: BSONDocument?

        struct Inner: Codable, Equatable {
            var x: Int32
            var y: [Double]?
            var label: String?
            var more: [Inner]?
        }

        enum Kind: String, Codable { case alpha, beta, gamma }

        enum Choice: Codable, Equatable {
            case none
            case number(Int)
            case pair(String, Double)
            case named(first: String, rest: [Int16])
        }
    }

    // MARK: reader-

    @Test func readerFixtures() throws {
        for (name, bytes) in try Self.fixtures("reader") {
            let reader = BSONReader(bytes: bytes)
            var offset = 0
            var index = 0
            var broken = false
            while true {
                let frame: BSONFrame
                do {
                    guard let next = try reader.readFrame() else { break }
                    frame = next
                } catch {
                    #expect(error.offset == offset && error.documentIndex == index, "\(name): \(error)")
                    broken = true
                    break
                }
                #expect(frame.index == index && frame.offset == offset, "\(name): frame \(frame.index) at \(frame.offset)")
                #expect(frame.bytes[...] == bytes[frame.offset..<frame.endOffset], "\(name): frame bytes")
                index += 1
                offset = frame.endOffset
                #expect(index <= bytes.count / 5, "\(name): \(index) frames from \(bytes.count) bytes")
                if let doc = try? frame.document() {
                    #expect(throws: Never.self) { try BSONDocument(fromBSON: doc.bytes) }
                }
            }
            if !broken { #expect(offset == bytes.count, "\(name): ended at \(offset) of \(bytes.count)") }
            #expect(reader.isFinished)
        }
    }
}
