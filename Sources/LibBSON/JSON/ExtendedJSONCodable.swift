import Foundation

/// How BSON values go through coders other than ``BSONEncoder``/``BSONDecoder`` (such as
/// `JSONEncoder`): as the structure of canonical Extended JSON v2, which is exact, so values
/// round-trip. Decoding also accepts relaxed Extended JSON (plain numbers, ISO dates) and the
/// legacy forms ``ExtendedJSONParser`` reads (`$binary`/`$type`, `$regex` with or without
/// `$options`, `$uuid`).
///
/// The Codable-facing side of the parser: the same keys (``ExtendedJSONKey``), the same
/// readers for a wrapper's strings (``ExtendedJSONScalars``: integers, doubles, base64,
/// subtypes, UUIDs), the same date grammar (``ISO8601``) and regular expression options rule
/// (``RegexOptions/readExtendedJSON(_:form:)``), so a wrapper decodes to the value
/// `BSONDocument(fromJSON:)` gives, or is refused by both. A keyed container does not keep
/// the order of its keys, so here every key of an object decides (all wrapper keys of one
/// wrapper: a wrapper; anything else: a document) where the parser looks at the first key.
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
            try wrapper(encoder, .numberInt, String(v))
        case .int64(let v):
            try wrapper(encoder, .numberLong, String(v))
        case .double(let v):
            try wrapper(encoder, .numberDouble, ExtendedJSONWriter.doubleString(v))
        case .decimal128(let v):
            try wrapper(encoder, .numberDecimal, v.description)
        case .objectID(let oid):
            try wrapper(encoder, .oid, oid.hex)
        case .symbol(let s):
            try wrapper(encoder, .symbol, s.stringValue)
        case .code(let code):
            try wrapper(encoder, .code, code.code)
        case .codeWithScope(let cws):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(cws.code, forKey: key(.code))
            try c.encode(cws.scope, forKey: key(.scope))
        case .binary(let bin):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: key(.binary))
            try inner.encode(Data(bin.data).base64EncodedString(), forKey: key(.base64))
            try inner.encode(HexDigits.encode([bin.subtype.rawValue]), forKey: key(.subType))
        case .datetime(let dt):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: key(.date))
            try inner.encode(String(dt.millisecondsSinceEpoch), forKey: key(.numberLong))
        case .timestamp(let ts):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: key(.timestamp))
            try inner.encode(ts.timestamp, forKey: key(.t))
            try inner.encode(ts.increment, forKey: key(.i))
        case .regex(let re):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: key(.regularExpression))
            try inner.encode(re.pattern, forKey: key(.pattern))
            try inner.encode(re.options, forKey: key(ExtendedJSONKey.Field.options))
        case .dbPointer(let ptr):
            var c = encoder.container(keyedBy: Key.self)
            var inner = c.nestedContainer(keyedBy: Key.self, forKey: key(.dbPointer))
            try inner.encode(ptr.ref, forKey: key(.ref))
            var id = inner.nestedContainer(keyedBy: Key.self, forKey: key(.id))
            try id.encode(ptr.id.hex, forKey: key(.oid))
        case .undefined:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(true, forKey: key(.undefined))
        case .minKey:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(1, forKey: key(.minKey))
        case .maxKey:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(1, forKey: key(.maxKey))
        }
    }

    static func key(_ key: ExtendedJSONKey) -> Key { Key(stringValue: key.name) }
    static func key(_ field: ExtendedJSONKey.Field) -> Key { Key(stringValue: field.name) }

    private static func wrapper(_ encoder: any Encoder, _ wrapperKey: ExtendedJSONKey, _ text: String) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(text, forKey: key(wrapperKey))
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
        // A wrapper has only wrapper keys: one, or a legacy or code-with-scope pair.
        var wrapperKeys: Set<ExtendedJSONKey> = []
        if keys.count <= 2 {
            for k in keys {
                guard let wrapperKey = ExtendedJSONKey(k.stringValue) else { wrapperKeys = []; break }
                wrapperKeys.insert(wrapperKey)
            }
        }
        func string(_ wrapperKey: ExtendedJSONKey) throws -> String { try c.decode(String.self, forKey: key(wrapperKey)) }
        func corrupt(_ what: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Invalid Extended JSON \(what)"))
        }
        switch wrapperKeys {
        case [.oid]:
            let hex = try string(.oid)
            guard let oid = try? BSONObjectID(hex) else { throw corrupt("$oid \"\(hex)\"") }
            return .objectID(oid)
        case [.numberInt]:
            guard let v = ExtendedJSONScalars.int64(Array(try string(.numberInt).utf8)), let v32 = Int32(exactly: v) else {
                throw corrupt("$numberInt")
            }
            return .int32(v32)
        case [.numberLong]:
            guard let v = ExtendedJSONScalars.int64(Array(try string(.numberLong).utf8)) else { throw corrupt("$numberLong") }
            return .int64(v)
        case [.numberDouble]:
            let text = try string(.numberDouble)
            guard let v = ExtendedJSONScalars.double(Array(text.utf8)) else { throw corrupt("$numberDouble \"\(text)\"") }
            return .double(v)
        case [.numberDecimal]:
            guard let v = try? BSONDecimal128(try string(.numberDecimal)) else { throw corrupt("$numberDecimal") }
            return .decimal128(v)
        case [.symbol]:
            return .symbol(BSONSymbol(try string(.symbol)))
        case [.code]:
            return .code(BSONCode(code: try string(.code)))
        case [.code, .scope]:
            let scope = try c.decode(BSONDocument.self, forKey: key(.scope))
            return .codeWithScope(BSONCodeWithScope(code: try string(.code), scope: scope))
        case [.binary]:
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: key(.binary))
            return try binary(base64: inner.decode(String.self, forKey: key(.base64)),
                              subtype: inner.decode(String.self, forKey: key(.subType)), corrupt)
        case [.binary, .type]:
            return try binary(base64: string(.binary), subtype: string(.type), corrupt)
        case [.uuid]:
            let text = try string(.uuid)
            guard let bytes = ExtendedJSONScalars.uuid(Array(text.utf8)) else { throw corrupt("$uuid \"\(text)\"") }
            return .binary(BSONBinary(subtype: .uuid, data: bytes))
        case [.date]:
            let dateKey = key(.date)
            if let iso = try? c.decode(String.self, forKey: dateKey) {
                guard let ms = ISO8601.parse(iso)?.milliseconds else {
                    throw corrupt("$date \"\(iso)\"")
                }
                return .datetime(BSONDatetime(millisecondsSinceEpoch: ms))
            }
            if let ms = try? c.decode(Int64.self, forKey: dateKey) {
                return .datetime(BSONDatetime(millisecondsSinceEpoch: ms))
            }
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: dateKey)
            guard let ms = ExtendedJSONScalars.int64(Array(try inner.decode(String.self, forKey: key(.numberLong)).utf8)) else {
                throw corrupt("$date")
            }
            return .datetime(BSONDatetime(millisecondsSinceEpoch: ms))
        case [.timestamp]:
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: key(.timestamp))
            return .timestamp(BSONTimestamp(timestamp: try inner.decode(UInt32.self, forKey: key(.t)),
                                            increment: try inner.decode(UInt32.self, forKey: key(.i))))
        case [.regularExpression]:
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: key(.regularExpression))
            return try regex(inner.decode(String.self, forKey: key(.pattern)),
                             inner.decode(String.self, forKey: key(ExtendedJSONKey.Field.options)), .regularExpression, corrupt)
        case [.regex, .options] where (try? string(.regex)) != nil:
            return try regex(string(.regex), string(.options), .legacy, corrupt)
        case [.regex] where (try? string(.regex)) != nil:
            return try regex(string(.regex), "", .legacy, corrupt)
        case [.dbPointer]:
            let inner = try c.nestedContainer(keyedBy: Key.self, forKey: key(.dbPointer))
            let ref = try inner.decode(String.self, forKey: key(.ref))
            let id = try inner.decode(BSONObjectID.self, forKey: key(.id))
            return .dbPointer(BSONDBPointer(ref: ref, id: id))
        case [.undefined]:
            guard try c.decode(Bool.self, forKey: key(.undefined)) else { throw corrupt("$undefined: must be true") }
            return .undefined
        case [.minKey]:
            guard try c.decode(Int64.self, forKey: key(.minKey)) == 1 else { throw corrupt("$minKey: must be 1") }
            return .minKey
        case [.maxKey]:
            guard try c.decode(Int64.self, forKey: key(.maxKey)) == 1 else { throw corrupt("$maxKey: must be 1") }
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
        var data: [UInt8] = []
        guard ExtendedJSONScalars.appendBase64(Array(base64.utf8), to: &data) else { throw corrupt("$binary base64") }
        guard let byte = ExtendedJSONScalars.subtype(Array(subtype.utf8)) else { throw corrupt("$binary subType \"\(subtype)\"") }
        return .binary(BSONBinary(subtype: .init(rawValue: byte), data: data))
    }

    /// A regular expression whose options are read by `form`'s rule
    /// (``RegexOptions/readExtendedJSON(_:form:)``), as ``ExtendedJSONParser`` reads them.
    private static func regex(_ pattern: String, _ options: String, _ form: RegexOptions.ExtendedJSONForm,
                              _ corrupt: (String) -> DecodingError) throws -> BSON {
        var letters = Array(options.utf8)
        if let bad = RegexOptions.readExtendedJSON(&letters, form: form) {
            throw corrupt("regular expression: \(bad.reason)")
        }
        do {
            return .regex(try BSONRegularExpression(pattern: pattern, options: String(decoding: letters, as: UTF8.self)))
        } catch let error as BSONError {
            throw corrupt("regular expression: \(error.reason)")
        }
    }
}
