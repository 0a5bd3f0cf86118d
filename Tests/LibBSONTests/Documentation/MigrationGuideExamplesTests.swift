import Foundation
import Testing
import LibBSON

/// Every entry of Documentation/Migration.md's "swift-libbson" columns (and the first column
/// where a row's status is "same"), compiled and run here with the guide's placeholders filled
/// in. `everyEntryOfTheGuideIsHere` fails when the guide has an entry this file lacks.
@Suite struct MigrationGuideExamplesTests {
    // The guide's placeholders.
    struct Item: Codable, Equatable { var a: Int }
    typealias T = Item
    let d = Data([1, 2, 3]), bytes: [UInt8] = [1, 2, 3], s = "code", p = "^a", o = "i"
    let t: UInt32 = 7, i: UInt32 = 2, n = 5, name = "Ada", age = 36
    let uuid = UUID(), date = Date(timeIntervalSince1970: 1.5), id = BSONObjectID()
    let x = Item(a: 1)
    /// A stand-in for a SwiftNIO `ByteBuffer` (the library does not depend on SwiftNIO).
    struct FakeByteBuffer { var readableBytesView: [UInt8] }

    @Test func swiftBSONDocuments() throws {
        var doc: BSONDocument = ["a": 1, "b": 2]
        doc["d"] = 4
        let a: BSON? = doc["a"]
        #expect(a == 1)
        for (key, value) in doc { #expect(doc[key] == value) }
        #expect(doc.map { $0.key } == ["a", "b", "d"])
        #expect(doc.keys == ["a", "b", "d"] && doc.values == [1, 2, 4] && doc.count == 3 && !doc.isEmpty && doc.hasKey("a"))
        #expect(doc["a", default: "x"] == 1 && doc["zz", default: "x"] == "x")
        #expect(doc.filter { $0.key != "b" } == ["a": 1, "d": 4])
        #expect(doc.mapValues { _ in .null } == ["a": .null, "b": .null, "d": .null])
        #expect(doc.first?.key == "a" && doc.startIndex.byteOffset == 4)
        let i = doc.startIndex
        #expect(doc[i].key == "a" && doc[doc.index(after: i)].key == "b")
        let slice: Slice<BSONDocument> = doc.prefix(2)
        #expect(slice.map(\.key) == ["a", "b"] && doc.dropFirst().map(\.key) == ["b", "d"])
        doc["a"] = nil
        #expect(doc.removeValue(forKey: "a") == nil)
        do {
            var doc: BSONDocument = ["a": ["b": 1], "tags": []]
            let x: BSON = "x"
            doc["a"]?["b"] = x
            doc["tags"]?.arrayValue?.append(x)
            doc["more", default: []].arrayValue?.append("x")
            #expect(doc == ["a": ["b": "x"], "tags": ["x"], "more": ["x"]])
        }
    }

    @Test func swiftBSONValues() throws {
        let doc: BSONDocument = ["a": 1]
        let values: [BSON] = [.int32(1), .int64(2), .double(1.5), .string("s"), .bool(true), .null, .document(doc), .array([]), .undefined, .minKey, .maxKey,
                              .decimal128(try BSONDecimal128("1.5")),
                              .code(BSONCode(code: s)), .codeWithScope(BSONCodeWithScope(code: s, scope: doc)),
                              .datetime(Date()), .objectID(),
                              .timestamp(BSONTimestamp(timestamp: t, increment: i)),
                              .regex(try BSONRegularExpression(pattern: p, options: o)),
                              .int64(Int64(n)), .datetime(date)]
        #expect(values.count == 20)
        let value: BSON = .int32(5)
        #expect(value.int32Value == 5 && value.int64Value == nil && value.doubleValue == nil && value.stringValue == nil && value.boolValue == nil)
        #expect(value.documentValue == nil && value.arrayValue == nil && value.binaryValue == nil && value.objectIDValue == nil && value.dateValue == nil)
        #expect(value.timestampValue == nil && value.regexValue == nil && value.decimal128Value == nil && value.codeValue == nil && value.codeWithScopeValue == nil)
        #expect(value.toInt() == 5 && value.toInt32() == 5 && value.toInt64() == 5 && value.toDouble() == 5)
        #expect(try BSONDecimal128(String(n)).description == "5")
        #expect(value.type == .int32)
        #expect(BSON.datetime(date) == .datetime(BSONDatetime(date)))
        #expect(BSON.datetime(Date()).type == .datetime && BSON.datetime(BSONDatetime(Date())).type == .datetime)
        #expect(BSON.objectID(BSONObjectID()).type == .objectID)
    }

    @Test func swiftBSONObjectIDBinaryAndDates() throws {
        let oid = try BSONObjectID("507f1f77bcf86cd799439011")
        #expect(BSONObjectID() != oid && oid.hex == "507f1f77bcf86cd799439011" && oid.timestamp.timeIntervalSince1970 > 0)
        #expect(BSONBinary(subtype: .generic, data: d).data == bytes)
        let binary = BSONBinary(uuid: uuid)
        #expect(try binary.toUUID() == uuid)
        let s = Data(bytes).base64EncodedString()
        #expect(BSONBinary(subtype: .generic, data: Data(base64Encoded: s)!).data == bytes)
        let data: [UInt8] = binary.data
        #expect(data.count == 16)
        #expect(BSONBinary.Subtype.binaryOld.rawValue == 2 && BSONBinary.Subtype.uuidOld.rawValue == 3)
        #expect(BSONBinary.Subtype.userDefined(0x80).rawValue == 0x80)
        let doc: BSONDocument = ["at": .datetime(date)]
        #expect(doc["at"]?.dateValue == BSONDatetime(date).date)
        var options = BSONCoderOptions(); options.dateEncodingStrategy = .millisecondsSince1970; let e = BSONEncoder(options: options)
        #expect(try e.encode(["at": date])["at"] == .int64(1500))
    }

    @Test func swiftBSONCodableAndExtendedJSON() throws {
        let doc = try BSONEncoder().encode(x)
        let data = doc.toData()
        #expect(try BSONDecoder().decode(T.self, from: doc) == x)
        #expect(try BSONDecoder().decode(T.self, from: data) == x)
        let options: BSONCoderOptions = BSONCoderOptions()
        #expect(try BSONEncoder(options: options).encode(x) == doc)
        let s = doc.toCanonicalExtendedJSONString()
        #expect(try BSONDocument(fromJSON: s) == doc)
        #expect(doc.toExtendedJSONString() == #"{"a":1}"# && doc.toCanonicalExtendedJSONString() == #"{"a":{"$numberLong":"1"}}"#)
        #expect(Data(try BSONEncoder().encode(x).toExtendedJSONBytes(mode: .relaxed)) == Data(#"{"a":1}"#.utf8))
        #expect(doc.toExtendedJSONBytes(mode: .canonical).count == doc.toExtendedJSONString(mode: .canonical).utf8.count)
        let json = Data(s.utf8)
        do {
            let data = json
            #expect(try BSONDecoder().decode(T.self, from: BSONDocument(fromJSON: data)) == x)
        }
        #expect(try BSONDocument(fromBSON: data) == doc)
        #expect(doc.bytes == [UInt8](data))
        #expect(doc.withUnsafeBytes { $0.count } == data.count)
        let byteBuffer = FakeByteBuffer(readableBytesView: doc.bytes)
        #expect(try BSONDocument(fromBSON: Array(byteBuffer.readableBytesView)) == doc)
    }

    @Test func mongoKittenDocuments() throws {
        do {
            let doc: BSONDocument = ["a": "x", "t": 42.5]
            #expect(doc["a"]?.stringValue == "x")
        }
        var doc = BSONDocument()
        let nums: BSON = [1, 3, 7]
        let array: [BSON] = nums.arrayValue ?? []
        #expect(array.count == 3)
        doc["name"] = .string(name)
        doc["age"] = .int64(Int64(age))
        doc["at"] = .datetime(BSONDatetime(date))
        doc["id"] = .objectID(id)
        #expect(doc["name"]?.stringValue == "Ada" && doc["age"]?.toInt() == 36)
        #expect(doc["id"]?.objectIDValue == id && doc["at"]?.dateValue != nil && doc["age"]?.doubleValue == nil && doc["age"]?.boolValue == nil && doc["age"]?.documentValue == nil)
        doc["n"] = 3
        #expect(doc["n"]?.toInt() == 3)
        doc["users"] = [["profile": ["lastName": "Lovelace"]], ["profile": ["lastName": "Byron"]]]
        #expect(doc["users"]?[1]?["profile"]?["lastName"]?.stringValue == "Byron")
        #expect(doc[path: "users.1.profile.lastName"]?.stringValue == "Byron")
        doc["profile"] = [:]
        doc["profile"]?["city"] = "Utrecht"
        doc[path: "profile.city"] = "Utrecht"
        #expect(doc[path: "profile.city"] == "Utrecht")
        try doc.setValue("Utrecht", forPath: "profile.city")
        #expect(doc.keys.count == doc.count)
        for (key, value) in doc { #expect(doc[key] == value) }
        let values: [BSON] = doc.values
        #expect(values.count == doc.count && doc.hasKey("a") == false)
        #expect(doc.removeValue(forKey: "n") == 3)
        let v: BSON = true
        try doc.append(key: "k", value: v)
        #expect(doc["k"] == true)
    }

    @Test func mongoKittenValuesCodableAndBytes() throws {
        let oid = BSONObjectID()
        #expect(try BSONObjectID("507f1f77bcf86cd799439011").hex == "507f1f77bcf86cd799439011")
        #expect(oid.hex.count == 24 && oid.timestamp.timeIntervalSince1970 > 0)
        let binary = BSONBinary(subtype: .generic, data: bytes)
        #expect(Data(binary.data) == Data(bytes))
        #expect(try BSONRegularExpression(pattern: p, options: o).pattern == "^a")
        let stamp: UInt32 = BSONTimestamp(timestamp: t, increment: i).timestamp
        #expect(stamp == 7)
        let constants: [BSON] = [.null, nil, .minKey, .maxKey]
        #expect(constants[0] == constants[1])
        let doc: BSONDocument = ["a": 1]
        #expect(BSONCode(code: s).code == "code" && BSONCodeWithScope(code: s, scope: doc).scope == doc)
        let decimal: BSONDecimal128 = try BSONDecimal128("1.5")
        #expect(decimal.description == "1.5")
        #expect(BSON.int64(Int64(n)) == .int64(5) && BSON.int32(5).type == .int32)
        let encoded: BSONDocument = try BSONEncoder().encode(x)
        #expect(try BSONDecoder().decode(T.self, from: encoded) == x)
        let bson: BSON = try BSONEncoder().encodeValue(x)
        #expect(try BSONDecoder().decode(T.self, from: bson) == x)
        let context = BSONContext(name: "migration-guide", coderOptions: BSONCoderOptions())
        #expect(context.name == "migration-guide")
        #expect(doc.toData() == Data(doc.bytes))
        #expect(doc.withUnsafeBytes { $0.count } == doc.bytes.count)
        let d = doc.toData(), b = doc.bytes
        #expect(try BSONDocument(fromBSON: d) == doc)
        #expect(try BSONDocument(fromBSON: b) == doc)
        let byteBuffer = FakeByteBuffer(readableBytesView: b)
        #expect(try BSONDocument(fromBSON: Array(byteBuffer.readableBytesView)) == doc)
        #expect(try BSONDocument(fromBSON: b, options: BSONValidationOptions(maxDepth: 20)) == doc)
    }

    @Test func everyEntryOfTheGuideIsHere() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let guide = try String(contentsOf: root.appendingPathComponent("Documentation/Migration.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        func normalised(_ text: String) -> String {
            text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        }
        let haystack = normalised(source)
        var rows = 0, entries = 0, found = 0, elided = 0
        for line in guide.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            guard cells.count == 3 else { continue }
            rows += 1
            let ours = cells[1]
            let column = ours == "same" || ours.hasPrefix("same ") || cells[2].hasPrefix("same") && ours.hasPrefix("same") ? cells[0] : ours
            for span in column.components(separatedBy: "`").enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) {
                entries += 1
                if span.contains("...") || span.hasSuffix(":)") { elided += 1; continue }
                let present = haystack.contains(normalised(span))
                #expect(present, "Migration.md entry not compiled here: `\(span)`")
                if present { found += 1 }
            }
        }
        print("migration guide: \(found)/\(entries - elided) entries of \(rows) rows compiled and run here; \(elided) elided ({ ... }) shown in full nearby")
        #expect(rows >= 70 && found == entries - elided)
    }
}
