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
        return owner.codingPath(appending: key)
    }
}

/// One `BSONDecoder.decode` call over one validated document's bytes: which Swift value each
/// BSON value becomes, read in place. Mirrors ``BSONEncodingState``.
final class BSONDecodingState: BSONCodingState {
    /// The validated top-level document; every offset is relative to its first byte.
    let storage: ArraySlice<UInt8>

    init(storage: ArraySlice<UInt8>, options: BSONCoderOptions, context: BSONContext) {
        self.storage = storage
        super.init(options: options, context: context)
    }

    /// Decodes the whole document as `T`.
    func decodeDocument<T: Decodable>(_ type: T.Type) throws -> T {
        let root = BSONDecoderNode(state: self, parent: nil, pathKey: nil, type: BSONType.document.rawValue, at: 0)
        return try decode(T.self, root.ref)
    }

    /// Decodes the value of the only element of the document (see `BSONDecoder.decode(_:from: BSON)`).
    func decodeOnlyElement<T: Decodable>(_ type: T.Type) throws -> T {
        let (t, valueAt): (UInt8, Int) = storage.withUnsafeBytes { p in
            (p[4], ByteScan.cstringEnd(p, 5) + 1)
        }
        let node = BSONDecoderNode(state: self, parent: nil, pathKey: nil, type: t, at: valueAt)
        return try decode(T.self, node.ref)
    }

    // MARK: Keys

    /// The document key to look for, for property key `key` of `node` (dictionary keys are data:
    /// as they are). A custom strategy converts the document's keys instead, once per node.
    @inline(__always)
    func documentKey<K: CodingKey>(_ key: K, in node: BSONDecoderNode) -> String {
        switch options.keyDecodingStrategy {
        case .useDefaultKeys:
            return key.stringValue
        case .convertFromSnakeCase:
            return node.rawKeys ? key.stringValue : snakeCaseKey(key.stringValue)
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
        return storage.withUnsafeBytes { p in BSONElementReader.value(p, BSONType(validated: type), at, owner: storage) }
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
            BSONElementReader.string(p, ref.at + 4, ref.at + 3 + Int(p.int32(at: ref.at)))
        }
    }

    @inline(__always)
    func decodeDouble(_ ref: BSONValueRef) throws -> Double {
        switch ref.type {
        case BSONType.double.rawValue:
            return storage.withUnsafeBytes { Double(bitPattern: $0.uint64(at: ref.at)) }
        case BSONType.int32.rawValue:
            return Double(storage.withUnsafeBytes { $0.int32(at: ref.at) })
        case BSONType.int64.rawValue:
            guard let v = Double(exactly: storage.withUnsafeBytes({ $0.int64(at: ref.at) })) else {
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

    // MARK: Any value

    /// Decodes `T` from `ref`: a type with a codec in the context through the codec;
    /// primitives, Foundation types (with their strategies) and BSON types natively; anything
    /// else through its `init(from:)`. Every container method, primitive or generic, comes
    /// here, so each rule is applied the same way wherever the value stands.
    ///
    /// Inlined: for a primitive `T` the specialisation folds to one line of the table below;
    /// for an unknown `T` (array elements, generic properties) the table costs a metadata
    /// comparison a row, and only ``decodeOther(_:_:)`` looks up `Optional<T>`'s metadata.
    @inline(__always)
    func decode<T: Decodable>(_ type: T.Type, _ ref: BSONValueRef) throws -> T {
        if hasCodecs, let codec = codecs.codec(for: T.self) {
            return try decodeWithCodec(codec, T.self, ref)
        }
        // The standard-library and Foundation types, recognised by their metatype.
        if T.self == String.self { return Self.identity(try decodeString(ref), as: T.self) }
        if T.self == Int.self { return Self.identity(try decodeInteger(Int.self, ref), as: T.self) }
        if T.self == Double.self { return Self.identity(try decodeDouble(ref), as: T.self) }
        if T.self == Bool.self { return Self.identity(try decodeBool(ref), as: T.self) }
        if T.self == Int64.self { return Self.identity(try decodeInteger(Int64.self, ref), as: T.self) }
        if T.self == Int32.self { return Self.identity(try decodeInteger(Int32.self, ref), as: T.self) }
        if T.self == Date.self { return Self.identity(try decodeDate(ref), as: T.self) }
        if T.self == Data.self { return Self.identity(try decodeData(ref), as: T.self) }
        if T.self == UUID.self { return Self.identity(try decodeUUID(ref), as: T.self) }
        if T.self == Float.self { return Self.identity(try decodeFloat(ref), as: T.self) }
        if T.self == Int8.self { return Self.identity(try decodeInteger(Int8.self, ref), as: T.self) }
        if T.self == Int16.self { return Self.identity(try decodeInteger(Int16.self, ref), as: T.self) }
        if T.self == UInt8.self { return Self.identity(try decodeInteger(UInt8.self, ref), as: T.self) }
        if T.self == UInt16.self { return Self.identity(try decodeInteger(UInt16.self, ref), as: T.self) }
        if T.self == UInt32.self { return Self.identity(try decodeInteger(UInt32.self, ref), as: T.self) }
        if T.self == UInt64.self { return Self.identity(try decodeInteger(UInt64.self, ref), as: T.self) }
        if T.self == UInt.self { return Self.identity(try decodeInteger(UInt.self, ref), as: T.self) }
        if T.self == URL.self { return Self.identity(try decodeURL(ref), as: T.self) }
        if T.self == Decimal.self { return Self.identity(try decodeDecimal(ref), as: T.self) }
        return try decodeOther(T.self, ref)
    }

    /// A value of a type with no row in ``decode(_:_:)``'s table: a BSON type, or its `init(from:)`.
    private func decodeOther<T: Decodable>(_ type: T.Type, _ ref: BSONValueRef) throws -> T {
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
        let node = decoder(for: ref)
        if options.keyMatchingNeeded, T.self is any BSONDictionaryMarker.Type { node.rawKeys = true }
        return try T(from: node)
    }

    /// A value of a type with a codec registered in the context: the codec reads its BSON.
    private func decodeWithCodec<T>(_ codec: BSONTypeCodec, _ type: T.Type, _ ref: BSONValueRef) throws -> T {
        do {
            return try codec.decode(T.self, from: materialize(ref.type, ref.at))
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: ref.codingPath,
                debugDescription: "The \(T.self) codec of context \(context.name) failed: \(error)",
                underlyingError: error))
        }
    }

    // MARK: Nested decoders

    /// A decoder for `ref`: its own node, or a new node for an element.
    func decoder(for ref: BSONValueRef) -> BSONDecoderNode {
        ref.key == nil ? ref.owner : BSONDecoderNode(state: self, parent: ref.owner, pathKey: ref.key, type: ref.type, at: ref.at)
    }
}
