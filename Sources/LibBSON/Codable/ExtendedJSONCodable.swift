import Foundation

/// How BSON values go through coders other than ``BSONEncoder``/``BSONDecoder`` (such as
/// `JSONEncoder`): as the structure of canonical Extended JSON v2, which is exact, so values
/// round-trip. Decoding also accepts relaxed Extended JSON (plain numbers, ISO dates) and the
/// legacy `$binary`/`$type` and `$regex`/`$options` forms.
enum ExtendedJSONCodable {
    typealias Key = BSONCodingKey

    // MARK: Encoding

    static func encode(_ value: BSON, to encoder: any Encoder) throws {
        switch value {
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .document(let doc):
            var c = encoder.container(keyedBy: Key.self)
            for (key, v) in doc {
                try c.encode(v, forKey: Key(stringValue: key))
            }
        case .array(let values):
            var c = encoder.unkeyedContainer()
            for v in values { try c.encode(v) }
        case .int32(let v):
            try wrapper(encoder, "$numberInt", String(v))
        case .int64(let v):
            try wrapper(encoder, "$numberLong", String(v))
        case .double(let v):
            try wrapper(encoder, "$numberDouble", doubleString(v))
        case .decimal128(let v):
            try wrapper(encoder, "$numberDecimal", v.description)
        case .objectID(let oid):
            try wrapper(encoder, "$oid", oid.hex)
        case .symbol(let s):
            try wrapper(encoder, "$symbol", s.stringValue)
        case .code(let code):
            try wrapper(encoder, "$code", code.code)
        case .codeWithScope(let cws):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(cws.code, forKey: Key(stringValue: "$code"))
            try c.encode(cws.scope, forKey: Key(stringValue: "$scope"))
        case .binary(let bin):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$binary"))
            try inner.encode(Data(bin.data).base64EncodedString(), forKey: Key(stringValue: "base64"))
            try inner.encode(HexDigits.encode([bin.subtype.rawValue]), forKey: Key(stringValue: "subType"))
        case .datetime(let dt):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$date"))
            try inner.encode(String(dt.millisecondsSinceEpoch), forKey: Key(stringValue: "$numberLong"))
        case .timestamp(let ts):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$timestamp"))
            try inner.encode(ts.timestamp, forKey: Key(stringValue: "t"))
            try inner.encode(ts.increment, forKey: Key(stringValue: "i"))
        case .regex(let re):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$regularExpression"))
            try inner.encode(re.pattern, forKey: Key(stringValue: "pattern"))
            try inner.encode(re.options, forKey: Key(stringValue: "options"))
        case .dbPointer(let ptr):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$dbPointer"))
            try inner.encode(ptr.ref, forKey: Key(stringValue: "$ref"))
            var id = inner.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$id"))
            try id.encode(ptr.id.hex, forKey: Key(stringValue: "$oid"))
        case .undefined:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(true, forKey: Key(stringValue: "$undefined"))
        case .minKey:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(1, forKey: Key(stringValue: "$minKey"))
        case .maxKey:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(1, forKey: Key(stringValue: "$maxKey"))
        }
    }

    private static func wrapper(_ encoder: any Encoder, _ key: String, _ text: String) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(text, forKey: Key(stringValue: key))
    }

    static func doubleString(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v == .infinity { return "Infinity" }
        if v == -.infinity { return "-Infinity" }
        return v.description.replacingOccurrences(of: "e", with: "E")
    }

    // MARK: Decoding

    static func decode(from decoder: any Decoder) throws -> BSON {
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() { return .null }
            if let b = try? single.decode(Bool.self) { return .bool(b) }
            if let s = try? single.decode(String.self) { return .string(s) }
            if let i = try? single.decode(Int32.self) { return .int32(i) }
            if let i = try? single.decode(Int64.self) { return .int64(i) }
            if let d = try? single.decode(Double.self) { return .double(d) }
        }
        if var array = try? decoder.unkeyedContainer() {
            var values: [BSON] = []
            while !array.isAtEnd { values.append(try array.decode(BSON.self)) }
            return .array(values)
        }
        let c = try decoder.container(keyedBy: Key.self)
        let keys = c.allKeys
        let names = Set(keys.map(\.stringValue))
        func string(_ name: String) throws -> String { try c.decode(String.self, forKey: Key(stringValue: name)) }
        func corrupt(_ what: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Invalid Extended JSON \(what)"))
        }
        switch names {
        case ["$oid"]:
            let hex = try string("$oid")
            guard let oid = try? BSONObjectID(hex) else { throw corrupt("$oid \"\(hex)\"") }
            return .objectID(oid)
        case ["$numberInt"]:
            guard let v = Int32(try string("$numberInt")) else { throw corrupt("$numberInt") }
            return .int32(v)
        case ["$numberLong"]:
            guard let v = Int64(try string("$numberLong")) else { throw corrupt("$numberLong") }
            return .int64(v)
        case ["$numberDouble"]:
            let text = try string("$numberDouble")
            switch text {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default:
                guard let v = Double(text), v.isFinite else { throw corrupt("$numberDouble \"\(text)\"") }
                return .double(v)
            }
        case ["$numberDecimal"]:
            guard let v = try? BSONDecimal128(try string("$numberDecimal")) else { throw corrupt("$numberDecimal") }
            return .decimal128(v)
        case ["$symbol"]:
            return .symbol(BSONSymbol(try string("$symbol")))
        case ["$code"]:
            return .code(BSONCode(code: try string("$code")))
        case ["$code", "$scope"]:
            let scope = try c.decode(BSONDocument.self, forKey: Key(stringValue: "$scope"))
            return .codeWithScope(BSONCodeWithScope(code: try string("$code"), scope: scope))
        case ["$binary"]:
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$binary"))
            return try binary(base64: inner.decode(String.self, forKey: Key(stringValue: "base64")),
                              subtype: inner.decode(String.self, forKey: Key(stringValue: "subType")), corrupt)
        case ["$binary", "$type"]:
            return try binary(base64: string("$binary"), subtype: string("$type"), corrupt)
        case ["$date"]:
            let key = Key(stringValue: "$date")
            if let iso = try? c.decode(String.self, forKey: key) {
                guard let ms = ISO8601.parse(iso)?.milliseconds else {
                    throw corrupt("$date \"\(iso)\"")
                }
                return .datetime(BSONDatetime(millisecondsSinceEpoch: ms))
            }
            if let ms = try? c.decode(Int64.self, forKey: key) {
                return .datetime(BSONDatetime(millisecondsSinceEpoch: ms))
            }
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: key)
            guard let ms = Int64(try inner.decode(String.self, forKey: Key(stringValue: "$numberLong"))) else {
                throw corrupt("$date")
            }
            return .datetime(BSONDatetime(millisecondsSinceEpoch: ms))
        case ["$timestamp"]:
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$timestamp"))
            return .timestamp(BSONTimestamp(timestamp: try inner.decode(UInt32.self, forKey: Key(stringValue: "t")),
                                            increment: try inner.decode(UInt32.self, forKey: Key(stringValue: "i"))))
        case ["$regularExpression"]:
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$regularExpression"))
            return try regex(inner.decode(String.self, forKey: Key(stringValue: "pattern")),
                             inner.decode(String.self, forKey: Key(stringValue: "options")), corrupt)
        case ["$regex", "$options"]:
            // Legacy form: repeated letters dropped, as ExtendedJSONParser reads it.
            let options = String(decoding: RegexOptions.droppingRepeats(Array(try string("$options").utf8)), as: UTF8.self)
            return try regex(string("$regex"), options, corrupt)
        case ["$dbPointer"]:
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "$dbPointer"))
            let ref = try inner.decode(String.self, forKey: Key(stringValue: "$ref"))
            let id = try inner.decode(BSONObjectID.self, forKey: Key(stringValue: "$id"))
            return .dbPointer(BSONDBPointer(ref: ref, id: id))
        case ["$undefined"]:
            return .undefined
        case ["$minKey"]:
            return .minKey
        case ["$maxKey"]:
            return .maxKey
        default:
            var elements: [(key: String, value: BSON)] = []
            elements.reserveCapacity(keys.count)
            for key in keys {
                elements.append((key.stringValue, try c.decode(BSON.self, forKey: key)))
            }
            do {
                return .document(try BSONDocument(elements: elements))
            } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "Cannot build a BSON document: \(error)",
                                                        underlyingError: error))
            }
        }
    }

    private static func binary(base64: String, subtype: String, _ corrupt: (String) -> DecodingError) throws -> BSON {
        guard let data = Data(base64Encoded: base64) else { throw corrupt("$binary base64") }
        let hex = Array(subtype.utf8)
        guard (1...2).contains(hex.count) else { throw corrupt("$binary subType \"\(subtype)\"") }
        var byte: UInt8 = 0
        for c in hex {
            guard let v = HexDigits.value(c) else { throw corrupt("$binary subType \"\(subtype)\"") }
            byte = byte << 4 | v
        }
        return .binary(BSONBinary(subtype: .init(rawValue: byte), data: data))
    }

    private static func regex(_ pattern: String, _ options: String, _ corrupt: (String) -> DecodingError) throws -> BSON {
        do {
            return .regex(try BSONRegularExpression(pattern: pattern, options: options))
        } catch let error as BSONError {
            throw corrupt("regular expression: \(error.reason)")
        }
    }
}
