import Foundation

/// A value to decode: its type byte and offset, and where it is for error messages.
struct BSONValueRef {
    let type: UInt8
    let at: Int
    /// The container node holding the value, or the value's own node when `key` is nil.
    let owner: BSONDecoderNode
    let key: BSONPathKey?

    var codingPath: [any CodingKey] {
        guard let key else { return owner.codingPath }
        return owner.codingPath + [key.codingKey]
    }
}

/// One `BSONDecoder.decode` call over one validated document's bytes.
final class BSONDecodingState {
    /// The validated top-level document; every offset is relative to its first byte.
    let storage: ArraySlice<UInt8>
    let options: BSONCoderOptions
    private var snakeCache: [String: String] = [:]
    private var userInfoCache: [CodingUserInfoKey: Any]?

    /// The resolved context: custom codecs and the shared key cache.
    let context: BSONContext
    let codecs: BSONCodecRegistry

    init(storage: ArraySlice<UInt8>, options: BSONCoderOptions, context: BSONContext) {
        self.storage = storage
        self.options = options
        self.context = context
        self.codecs = context.codecs
    }

    var userInfo: [CodingUserInfoKey: Any] {
        if let cached = userInfoCache { return cached }
        var info: [CodingUserInfoKey: Any] = [:]
        for (key, value) in options.userInfo { info[key] = value }
        userInfoCache = info
        return info
    }

    /// Decodes the whole document as `T`.
    func decodeDocument<T: Decodable>(_ type: T.Type) throws -> T {
        let root = BSONDecoderNode(state: self, parent: nil, pathKey: nil, type: BSONType.document.rawValue, at: 0)
        return try decode(T.self, root.ref)
    }

    /// Decodes the value of the only element of the document (see `BSONDecoder.decode(_:from: BSON)`).
    func decodeOnlyElement<T: Decodable>(_ type: T.Type) throws -> T {
        let (t, valueAt): (UInt8, Int) = storage.withUnsafeBytes { p in
            (p[4], BSONBytes.cstringEnd(p, 5) + 1)
        }
        let node = BSONDecoderNode(state: self, parent: nil, pathKey: nil, type: t, at: valueAt)
        return try decode(T.self, node.ref)
    }

    // MARK: Keys

    /// The document key to look for, for property key `key` of `node`.
    @inline(__always)
    func documentKey<K: CodingKey>(_ key: K, in node: BSONDecoderNode) -> String {
        switch options.keyDecodingStrategy {
        case .useDefaultKeys:
            return key.stringValue
        case .convertFromSnakeCase:
            let name = key.stringValue
            if node.rawKeys { return name }
            return snakeCaseKey(name, cache: &snakeCache, context: context)
        case .custom(let convert):
            if !node.rawKeys {
                let path = node.codingPath
                node.installCustomKeys { convert(path + [BSONCodingKey(stringValue: $0)]).stringValue }
            }
            return key.stringValue
        }
    }

    /// A document key as the property key it stands for, for `allKeys`.
    func propertyKey(_ documentKey: String, in node: BSONDecoderNode) -> String {
        if node.rawKeys { return documentKey }
        switch options.keyDecodingStrategy {
        case .useDefaultKeys: return documentKey
        case .convertFromSnakeCase:
            return context.keyCache.converted(documentKey, .fromSnakeCase, counters: context.counters,
                                              convert: SnakeCaseConversion.fromSnakeCase)
        case .custom(let convert): return convert(node.codingPath + [BSONCodingKey(stringValue: documentKey)]).stringValue
        }
    }

    // MARK: Errors

    /// A short description of the value found: its type and a preview, for error messages.
    func describe(_ ref: BSONValueRef) -> String {
        guard let bsonType = BSONType(rawValue: ref.type) else { return "an unknown value" }
        switch bsonType {
        case .null, .undefined, .minKey, .maxKey:
            return "\(bsonType)"
        case .document, .array, .codeWithScope:
            return "\(bsonType)"
        default:
            var preview = materialize(ref.type, ref.at).description
            if preview.count > 60 { preview = String(preview.prefix(57)) + "..." }
            return "\(bsonType) \(preview)"
        }
    }

    /// The wrong BSON type was found (`valueNotFound` when it is null).
    func mismatch(_ type: Any.Type, _ ref: BSONValueRef, expected: String? = nil) -> DecodingError {
        let wanted = expected ?? "\(type)"
        if ref.type == BSONType.null.rawValue {
            return .valueNotFound(type, DecodingError.Context(codingPath: ref.codingPath,
                                                              debugDescription: "Expected \(wanted) but found null"))
        }
        return .typeMismatch(type, DecodingError.Context(codingPath: ref.codingPath,
                                                         debugDescription: "Expected \(wanted) but found \(describe(ref))"))
    }

    /// A number was found that does not convert exactly.
    func inexact(_ type: Any.Type, _ ref: BSONValueRef) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: ref.codingPath,
                                             debugDescription: "Expected \(type) but found \(describe(ref)), which does not convert to \(type) exactly"))
    }

    func corrupted(_ ref: BSONValueRef, _ message: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: ref.codingPath, debugDescription: message))
    }

    // MARK: Reading values

    func materialize(_ type: UInt8, _ at: Int) -> BSON {
        let storage = self.storage
        return storage.withUnsafeBytes { p in BSONBytes.value(p, type, at, owner: storage) }
    }

    @inline(__always)
    func decodeNil(_ ref: BSONValueRef) -> Bool {
        ref.type == BSONType.null.rawValue
    }

    @inline(__always)
    func decodeBool(_ ref: BSONValueRef) throws -> Bool {
        guard ref.type == BSONType.bool.rawValue else { throw mismatch(Bool.self, ref) }
        return storage.withUnsafeBytes { $0[ref.at] != 0 }
    }

    @inline(__always)
    func decodeString(_ ref: BSONValueRef) throws -> String {
        guard ref.type == BSONType.string.rawValue || ref.type == BSONType.symbol.rawValue else {
            throw mismatch(String.self, ref)
        }
        return storage.withUnsafeBytes { p in
            BSONBytes.string(p, ref.at + 4, ref.at + 3 + Int(BSONBytes.int32(p, ref.at)))
        }
    }

    @inline(__always)
    func decodeDouble(_ ref: BSONValueRef) throws -> Double {
        switch ref.type {
        case BSONType.double.rawValue:
            return storage.withUnsafeBytes { Double(bitPattern: BSONBytes.uint64($0, ref.at)) }
        case BSONType.int32.rawValue:
            return Double(storage.withUnsafeBytes { BSONBytes.int32($0, ref.at) })
        case BSONType.int64.rawValue:
            guard let v = Double(exactly: storage.withUnsafeBytes({ BSONBytes.int64($0, ref.at) })) else {
                throw inexact(Double.self, ref)
            }
            return v
        default:
            throw mismatch(Double.self, ref, expected: "a number (double, int32 or int64)")
        }
    }

    func decodeFloat(_ ref: BSONValueRef) throws -> Float {
        let d = try decodeDouble(ref)
        if d.isNaN { return .nan }
        guard let f = Float(exactly: d) else { throw inexact(Float.self, ref) }
        return f
    }

    /// Any BSON number that converts to `T` exactly: int32, int64, an integral double, or a
    /// decimal128 holding a plain integer.
    @inline(__always)
    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type, _ ref: BSONValueRef) throws -> T {
        switch ref.type {
        case BSONType.int32.rawValue:
            if let v = T(exactly: storage.withUnsafeBytes { BSONBytes.int32($0, ref.at) }) { return v }
        case BSONType.int64.rawValue:
            let raw = storage.withUnsafeBytes { BSONBytes.int64($0, ref.at) }
            if let v = T(exactly: raw) { return v }
            if raw < 0, !T.isSigned, T.bitWidth == 64, options.unsignedIntegerStrategy == .int64BitPattern {
                return T(truncatingIfNeeded: UInt64(bitPattern: raw))
            }
        case BSONType.double.rawValue:
            if let v = T(exactly: storage.withUnsafeBytes { Double(bitPattern: BSONBytes.uint64($0, ref.at)) }) { return v }
        case BSONType.decimal128.rawValue:
            if case .decimal128(let d) = materialize(ref.type, ref.at), let v = T(d.description) { return v }
        default:
            throw mismatch(T.self, ref, expected: "an integer (int32, int64, double or decimal128)")
        }
        throw inexact(T.self, ref)
    }

    // MARK: Any value

    /// Decodes `T` from `ref`: primitives, Foundation types with strategies and BSON types
    /// natively, anything else through its `init(from:)`.
    func decode<T: Decodable>(_ type: T.Type, _ ref: BSONValueRef) throws -> T {
        if !codecs.isEmpty, let codec = codecs.codec(for: T.self) {
            do {
                return try codec.decode(T.self, from: materialize(ref.type, ref.at))
            } catch {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: ref.codingPath,
                    debugDescription: "The \(T.self) codec of context \(context.name) failed: \(error)",
                    underlyingError: error))
            }
        }
        if let v = try decodeKnown(T.self, ref) { return v }
        if let native = T.self as? any BSONNativeValue.Type {
            if ref.type == BSONType.document.rawValue, T.self == BSONDocument.self {
                // Zero-copy: a slice of the parent's bytes.
                if let doc = materialize(ref.type, ref.at).documentValue as? T { return doc }
            }
            let bson = materialize(ref.type, ref.at)
            guard let value = native.fromBSON(bson) as? T else {
                throw mismatch(T.self, ref, expected: native.expectedBSON)
            }
            return value
        }
        let node = ref.key == nil
            ? ref.owner
            : BSONDecoderNode(state: self, parent: ref.owner, pathKey: ref.key, type: ref.type, at: ref.at)
        if options.keyMatchingNeeded, T.self is any BSONDictionaryMarker.Type { node.rawKeys = true }
        return try T(from: node)
    }

    @inline(__always)
    private func decodeKnown<T: Decodable>(_ type: T.Type, _ ref: BSONValueRef) throws -> T? {
        if T.self == String.self { return try decodeString(ref) as? T }
        if T.self == Int.self { return try decodeInteger(Int.self, ref) as? T }
        if T.self == Double.self { return try decodeDouble(ref) as? T }
        if T.self == Bool.self { return try decodeBool(ref) as? T }
        if T.self == Int64.self { return try decodeInteger(Int64.self, ref) as? T }
        if T.self == Int32.self { return try decodeInteger(Int32.self, ref) as? T }
        if T.self == Date.self { return try decodeDate(ref) as? T }
        if T.self == Data.self { return try decodeData(ref) as? T }
        if T.self == UUID.self { return try decodeUUID(ref) as? T }
        if T.self == Float.self { return try decodeFloat(ref) as? T }
        if T.self == Int8.self { return try decodeInteger(Int8.self, ref) as? T }
        if T.self == Int16.self { return try decodeInteger(Int16.self, ref) as? T }
        if T.self == UInt8.self { return try decodeInteger(UInt8.self, ref) as? T }
        if T.self == UInt16.self { return try decodeInteger(UInt16.self, ref) as? T }
        if T.self == UInt32.self { return try decodeInteger(UInt32.self, ref) as? T }
        if T.self == UInt64.self { return try decodeInteger(UInt64.self, ref) as? T }
        if T.self == UInt.self { return try decodeInteger(UInt.self, ref) as? T }
        if T.self == URL.self { return try decodeURL(ref) as? T }
        if T.self == Decimal.self { return try decodeDecimal(ref) as? T }
        return nil
    }

    // MARK: Foundation types

    /// A decoder for `ref` (for custom strategies).
    private func decoder(for ref: BSONValueRef) -> BSONDecoderNode {
        ref.key == nil ? ref.owner : BSONDecoderNode(state: self, parent: ref.owner, pathKey: ref.key, type: ref.type, at: ref.at)
    }

    func decodeDate(_ ref: BSONValueRef) throws -> Date {
        switch options.dateDecodingStrategy {
        case .bsonDatetime:
            guard ref.type == BSONType.datetime.rawValue else { throw mismatch(Date.self, ref, expected: "a UTC datetime") }
            return DateConversion.date(milliseconds: storage.withUnsafeBytes { BSONBytes.int64($0, ref.at) })
        case .millisecondsSince1970:
            if ref.type == BSONType.int64.rawValue {
                return DateConversion.date(milliseconds: storage.withUnsafeBytes { BSONBytes.int64($0, ref.at) })
            }
            return DateConversion.date(milliseconds: try numberForDate(ref))
        case .secondsSince1970:
            return Date(timeIntervalSince1970: try numberForDate(ref))
        case .iso8601:
            let text = try decodeString(ref)
            guard let date = ISO8601.parse(text)?.date else {
                throw corrupted(ref, "Expected an ISO 8601 date but found \"\(text)\"")
            }
            return date
        case .custom(let closure):
            return try closure(decoder(for: ref))
        }
    }

    private func numberForDate(_ ref: BSONValueRef) throws -> Double {
        switch ref.type {
        case BSONType.double.rawValue, BSONType.int32.rawValue:
            return try decodeDouble(ref)
        case BSONType.int64.rawValue:
            return Double(storage.withUnsafeBytes { BSONBytes.int64($0, ref.at) })
        default:
            throw mismatch(Date.self, ref, expected: "a number (double, int32 or int64)")
        }
    }

    func decodeData(_ ref: BSONValueRef) throws -> Data {
        switch options.dataDecodingStrategy {
        case .binary:
            guard ref.type == BSONType.binary.rawValue else { throw mismatch(Data.self, ref, expected: "binary data") }
            return storage.withUnsafeBytes { p in
                var length = Int(BSONBytes.int32(p, ref.at))
                var from = ref.at + 5
                if p[ref.at + 4] == BSONBinary.Subtype.binaryOld.rawValue {
                    from += 4
                    length -= 4
                }
                return Data(UnsafeRawBufferPointer(rebasing: p[from..<(from + length)]))
            }
        case .base64:
            let text = try decodeString(ref)
            guard let data = Data(base64Encoded: text) else {
                throw corrupted(ref, "Expected base64 data but found a string that is not base64")
            }
            return data
        case .custom(let closure):
            return try closure(decoder(for: ref))
        }
    }

    func decodeUUID(_ ref: BSONValueRef) throws -> UUID {
        switch options.uuidDecodingStrategy {
        case .binary:
            guard case .binary(let bin) = materialize(ref.type, ref.at) else {
                throw mismatch(UUID.self, ref, expected: "a UUID (binary subtype 04)")
            }
            guard bin.subtype == .uuid || bin.subtype == .uuidOld else {
                throw mismatch(UUID.self, ref, expected: "a UUID (binary subtype 04, or legacy 03)")
            }
            guard let uuid = try? bin.toUUID() else {
                throw corrupted(ref, "Expected a UUID (16 bytes) but found binary subtype \(bin.subtype) of \(bin.data.count) bytes")
            }
            return uuid
        case .string:
            let text = try decodeString(ref)
            guard let uuid = UUID(uuidString: text) else {
                throw corrupted(ref, "Expected a UUID string but found \"\(text)\"")
            }
            return uuid
        }
    }

    func decodeURL(_ ref: BSONValueRef) throws -> URL {
        let text = try decodeString(ref)
        guard let url = URL(string: text) else { throw corrupted(ref, "Expected a URL but found \"\(text)\"") }
        return url
    }

    func decodeDecimal(_ ref: BSONValueRef) throws -> Decimal {
        switch ref.type {
        case BSONType.int32.rawValue, BSONType.int64.rawValue:
            return Decimal(try decodeInteger(Int64.self, ref))
        case BSONType.decimal128.rawValue:
            guard case .decimal128(let d) = materialize(ref.type, ref.at) else { throw mismatch(Decimal.self, ref) }
            let text = d.description
            if text == "NaN" { return .nan }
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN,
                  Self.sameNumber(text, value.description) else {
                throw inexact(Decimal.self, ref)
            }
            return value
        default:
            throw mismatch(Decimal.self, ref, expected: "a decimal128 or an integer")
        }
    }

    /// True when two decimal strings denote the same number (compares digits and exponent).
    static func sameNumber(_ a: String, _ b: String) -> Bool {
        guard let x = normalized(a), let y = normalized(b) else { return false }
        return x == y
    }

    /// (sign, significant digits without leading/trailing zeros, exponent of the last digit).
    private static func normalized(_ s: String) -> (Bool, [UInt8], Int)? {
        var u = Array(s.utf8)
        var negative = false
        if u.first == UInt8(ascii: "-") { negative = true; u.removeFirst() } else if u.first == UInt8(ascii: "+") { u.removeFirst() }
        var exponent = 0
        if let e = u.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) {
            guard let x = Int(String(decoding: u[(e + 1)...], as: UTF8.self)) else { return nil }
            exponent = x
            u.removeSubrange(e...)
        }
        var digits: [UInt8] = []
        var seenPoint = false
        for c in u {
            if c == UInt8(ascii: ".") { seenPoint = true; continue }
            guard c >= 48, c <= 57 else { return nil }
            digits.append(c)
            if seenPoint { exponent -= 1 }
        }
        while let first = digits.first, first == 48 { digits.removeFirst() }
        while let last = digits.last, last == 48 { digits.removeLast(); exponent += 1 }
        if digits.isEmpty { return (false, [], 0) }
        return (negative, digits, exponent)
    }
}
