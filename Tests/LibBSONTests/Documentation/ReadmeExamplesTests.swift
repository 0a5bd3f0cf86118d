import CLibBSON
import Foundation
import Testing
import LibBSON

/// Every Swift example of the README, verbatim, run with checks of what its comments say (the
/// Codable and builder examples live beside their own tests, in `BSONEncoderReadmeExampleTests`
/// and `BSONDocumentBuilderTests`).
/// `everySwiftBlockOfTheReadmeIsRunHere` fails when the README changes and these copies do not
/// (the package manifest of the Install section is built by `scripts/check-docs` instead).
@Suite struct ReadmeExamplesTests {
    @Test func documentsAndValues() throws {
        var doc: BSONDocument = ["name": "Ada", "born": 1815, "tags": ["math", "poetry"]]
        doc["field"] = "mathematics"               // appends; keys keep their order
        doc["born"] = .int64(1815)                 // replaces in place

        let bytes = doc.bytes                      // BSON
        let again = try BSONDocument(fromBSON: bytes)   // validated
        print(again.toExtendedJSONString())        // {"name":"Ada","born":1815,"tags":["math","poetry"],"field":"mathematics"}
        print(again.toCanonicalExtendedJSONString())

        let parsed = try BSONDocument(fromJSON: #"{"n": {"$numberLong": "42"}}"#)
        let n = parsed["n"]?.toInt()               // 42

        #expect(again.toExtendedJSONString() == #"{"name":"Ada","born":1815,"tags":["math","poetry"],"field":"mathematics"}"#)
        #expect(doc.keys == ["name", "born", "tags", "field"])
        #expect(doc["born"] == .int64(1815))
        #expect(n == 42)
    }

    @Test func nestedEditingPathsAndCollection() throws {
        var user: BSONDocument = ["name": "Ada", "address": ["city": "London"], "tags": ["math"]]
        user["address"]?["city"] = "Cambridge"             // one splice of the bytes, no re-encode
        user["tags"]?.arrayValue?.append("chess")
        user[path: "address.geo.lat"] = 52.2               // creates "geo"
        let firstTag = user[path: "tags.0"]                // "math"
        do {
            try user.setValue(1, forPath: "name.first")    // throws: "name" is a string
        } catch let error as BSONError {
            print(error.code, error.keyPath)               // invalidPath ["name"]
        }
        let visits = user["visits", default: 0]            // 0
        let firstKey = user.first?.key                     // "name"
        let strings = user.filter { $0.value.type == .string }   // a BSONDocument

        #expect(user == ["name": "Ada", "address": ["city": "Cambridge", "geo": ["lat": 52.2]], "tags": ["math", "chess"]])
        #expect(firstTag == "math")
        #expect {
            try user.setValue(1, forPath: "name.first")
        } throws: { error in
            (error as? BSONError)?.code == .invalidPath && (error as? BSONError)?.keyPath == ["name"]
        }
        #expect(visits == 0)
        #expect(firstKey == "name")
        #expect(strings == ["name": "Ada"])
    }

    struct Order: Codable { var placed: Date }

    @Test func contexts() throws {
        var isoDates = BSONCoderOptions()
        isoDates.dateEncodingStrategy = .iso8601
        let order = Order(placed: Date(timeIntervalSince1970: 0))

        let tenantA = BSONContext(name: "tenant-a", coderOptions: isoDates)
        let doc = try BSONContext.withCurrent(tenantA) {
            try BSONEncoder().encode(order)             // tenant A's strategies, codecs and caches
        }

        #expect(doc["placed"] == "1970-01-01T00:00:00Z")
    }

    @Test func cInterop() throws {
        let command: BSONDocument = ["ping": 1]
        let client: OpaquePointer? = nil
        let source: BSONDocument = ["kept": "by C"]
        var error = bson_error_t()
        let text = Array(#"{"parsed": true}"#.utf8) + [0]
        try source.withUnsafeBSONPointer { cursorDocument in
            let reply = try command.withUnsafeBSONPointer { command in      // a read-only bson_t, no copy
                try BSONDocument.reply { reply, error in                     // reply destroyed exactly once
                    mongoc_client_command_simple(client, "admin", command, nil, reply, error)
                }
            }
            let doc = try BSONDocument(copying: cursorDocument)              // C keeps it; validated copy
            guard let parsed = bson_new_from_json(text, -1, &error) else { throw BSONError(error) }
            let owned = try BSONDocument(taking: parsed)                     // bson_destroy'd for you

            #expect(reply == ["ok": 1, "echo": ["ping": 1]])
            #expect(doc == source)
            #expect(owned == ["parsed": true])
        }
    }

    @Test func untrustedInput() {
        let untrusted: [UInt8] = [6, 0, 0, 0, 0x08, 0]   // a boolean with no key terminator
        var seen: BSONError?
        do {
            _ = try BSONDocument(fromBSON: untrusted, options: BSONValidationOptions(maxDepth: 20))
        } catch let error as BSONError {
            print(error.code, error.offset ?? -1, error.keyPath, error)
            seen = error
        } catch {}
        #expect(seen != nil)
        #expect(seen?.offset != nil)
    }

    @Test func everySwiftBlockOfTheReadmeIsRunHere() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let sources = try ["Tests/LibBSONTests/Documentation/ReadmeExamplesTests.swift",
                           "Tests/LibBSONTests/Codable/BSONEncoderReadmeExampleTests.swift",
                           "Tests/LibBSONTests/Builder/BSONDocumentBuilderTests.swift"].map {
            try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)
        }
        let blocks = DocumentationBlocks.swiftBlocks(in: readme)
        var checked = 0, manifests = 0
        for block in blocks {
            if block.contains("import PackageDescription") { manifests += 1; continue }
            let found = sources.contains { DocumentationBlocks.containsInOrder($0, block) }
            #expect(found, "README block not found verbatim in the example tests:\n\(block)")
            if found { checked += 1 }
        }
        print("readme examples: \(checked)/\(blocks.count - manifests) Swift blocks run by the tests; \(manifests) package manifest built by scripts/check-docs")
        #expect(checked == blocks.count - manifests && checked >= 7)
        #expect(manifests == 1)
    }
}

/// Finds the Swift code blocks of a Markdown file and checks that a copy exists.
enum DocumentationBlocks {
    /// The contents of every ```swift block.
    static func swiftBlocks(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// True when every line of `block` (trimmed, blank lines and `import` lines left out)
    /// appears in `source` as a whole trimmed line, in the same order.
    static func containsInOrder(_ source: String, _ block: String) -> Bool {
        let lines = source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var next = 0
        for wanted in block.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !wanted.isEmpty && !wanted.hasPrefix("import ") {
            guard let i = lines[next...].firstIndex(of: wanted) else { return false }
            next = i + 1
        }
        return true
    }
}

/// Stands in for libmongoc's function of the same name in the C interop example: fills the
/// reply as a server would (`ok: 1` and the command echoed), through libbson's C API.
private func mongoc_client_command_simple(_ client: OpaquePointer?, _ database: String, _ command: OpaquePointer,
                                          _ readPrefs: OpaquePointer?, _ reply: OpaquePointer,
                                          _ error: UnsafeMutablePointer<bson_error_t>) -> Bool {
    bson_append_int32(reply, "ok", -1, 1) && bson_append_document(reply, "echo", -1, command)
}
