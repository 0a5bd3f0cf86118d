import Foundation

/// Where a value goes: an element of a document or array, or the value of a node itself.
enum BSONEncodingTarget {
    /// An element of `frame` (a document or array node) under `key` (ignored in arrays);
    /// `path` is the coding-path step, nil when the element adds none.
    case element(BSONEncoderNode, key: String, path: BSONPathKey?)
    /// The single value of `node` (a single-value container, or the top level).
    case single(BSONEncoderNode)
}

/// One `BSONEncoder.encode` call: which BSON each Swift value becomes, written through the
/// call's ``BSONEncodingBuffer`` (the splice engine). Mirrors ``BSONDecodingState``.
final class BSONEncodingState: BSONCodingState {
    let buffer = BSONEncodingBuffer()

    // MARK: Top level

    /// Encodes `value` as the top-level document.
    func encodeDocument<T: Encodable>(_ value: T) throws -> BSONDocument {
        defer { buffer.tearDown() }
        let root = BSONEncoderNode(state: self, parent: nil, pathKey: nil, elementKey: "")
        try encode(value, to: .single(root))
        if root.kind == .pending {
            // encode(to:) asked for no container: an empty document.
            buffer.writer.append(contentsOf: [5, 0, 0, 0, 0] as [UInt8])
        }
        return BSONDocument(trusted: try buffer.finishCall())
    }

    /// Encodes `value` as any BSON value (it is written as the one element of a scratch document).
    func encodeValue<T: Encodable>(_ value: T) throws -> BSON {
        defer { buffer.tearDown() }
        let root = BSONEncoderNode(state: self, parent: nil, pathKey: nil, elementKey: "")
        buffer.openRoot(root)
        try encode(value, to: .element(root, key: "v", path: nil))
        let bytes = try buffer.finishCall()
        guard bytes.count > 5 else { return .document(BSONDocument()) }
        return bytes.withUnsafeBytes { p in BSONElementReader.value(p, BSONType(validated: p[4]), 7, owner: bytes) }
    }

    // MARK: Errors

    func codingPath(_ target: BSONEncodingTarget) -> [any CodingKey] {
        switch target {
        case .element(let frame, _, let path):
            guard let path else { return frame.codingPath }
            return frame.codingPath(appending: path)
        case .single(let node):
            return node.codingPath
        }
    }

    func invalidValue(_ value: Any, _ target: BSONEncodingTarget, _ message: String, underlying: (any Error)? = nil) -> EncodingError {
        .invalidValue(value, EncodingError.Context(codingPath: codingPath(target), debugDescription: message,
                                                   underlyingError: underlying))
    }

    // MARK: Keys

    /// The document key for `key` in `node`, after the key strategy (dictionary keys are data: as they are).
    @inline(__always)
    func documentKey<K: CodingKey>(_ key: K, in node: BSONEncoderNode) -> String {
        switch options.keyEncodingStrategy {
        case .useDefaultKeys: key.stringValue
        case .convertToSnakeCase: node.rawKeys ? key.stringValue : snakeCaseKey(key.stringValue)
        case .custom(let convert): node.rawKeys ? key.stringValue : convert(node.codingPath + [key]).stringValue
        }
    }

    // MARK: Writing values

    /// Writes one value of BSON `type` to `target`; `body` writes the value's bytes.
    @inline(__always)
    func write(_ target: BSONEncodingTarget, type: UInt8, _ body: (inout BSONByteWriter) throws -> Void) throws {
        switch target {
        case .element(let frame, let key, _):
            do {
                try buffer.appendElement(to: frame, key: key, type: type, body)
            } catch let error as BSONError {
                throw invalidValue(key, target, error.description, underlying: error)
            }
        case .single(let node):
            try writeSingle(node, type: type, body)
        }
    }

    private func writeSingle(_ node: BSONEncoderNode, type: UInt8, _ body: (inout BSONByteWriter) throws -> Void) throws {
        switch node.kind {
        case .pending:
            guard let parent = node.parent else {
                guard type == BSONType.document.rawValue else {
                    let found = BSONType(rawValue: type).map { "\($0)" } ?? "a value"
                    throw node.misuse("BSONEncoder.encode(_:) needs a value that encodes as a document, not \(found); use encodeValue(_:) for other values")
                }
                try body(&buffer.writer)
                node.kind = .written
                return
            }
            try write(.element(parent, key: node.elementKey, path: node.pathKey), type: type, body)
            node.kind = .written
        case .placeholder:
            try buffer.fill(placeholder: node, type: type, body)
        case .open, .closed, .written:
            throw node.misuse("A single value container can hold one value, and only when no keyed or unkeyed container was requested")
        case .invalid:
            throw buffer.deferredError ?? node.misuse("This encoder cannot be written to")
        }
    }

    /// Ends a value whose `encode(to:)` has returned: closes its document or array, or writes
    /// an empty document when it asked for no container (as `JSONEncoder` writes `{}`).
    func finish(_ node: BSONEncoderNode) throws {
        switch node.kind {
        case .pending:
            guard let parent = node.parent else { return }
            try write(.element(parent, key: node.elementKey, path: node.pathKey), type: BSONType.document.rawValue) {
                $0.append(contentsOf: [5, 0, 0, 0, 0] as [UInt8])
            }
            node.kind = .written
        case .open:
            buffer.close(node)
        default:
            break
        }
    }

    /// Calls `body` with an encoder for `target` (for custom strategies), then finishes it.
    func withEncoder(_ target: BSONEncodingTarget, _ body: (BSONEncoderNode) throws -> Void) throws {
        switch target {
        case .single(let node):
            try body(node)
        case .element(let frame, let key, let path):
            let node = BSONEncoderNode(state: self, parent: frame, pathKey: path, elementKey: key)
            try body(node)
            try finish(node)
        }
    }

    // MARK: Primitives

    @inline(__always)
    func encodeNil(_ target: BSONEncodingTarget) throws {
        try write(target, type: BSONType.null.rawValue) { _ in }
    }

    @inline(__always)
    func encodeBool(_ value: Bool, _ target: BSONEncodingTarget) throws {
        try write(target, type: BSONType.bool.rawValue) { $0.append(value ? 1 : 0) }
    }

    @inline(__always)
    func encodeString(_ value: String, _ target: BSONEncodingTarget) throws {
        try write(target, type: BSONType.string.rawValue) { try $0.appendString(value) }
    }

    @inline(__always)
    func encodeDouble(_ value: Double, _ target: BSONEncodingTarget) throws {
        try write(target, type: BSONType.double.rawValue) { $0.appendUInt64(value.bitPattern) }
    }

    func encodeBSON(_ value: BSON, to target: BSONEncodingTarget) throws {
        try write(target, type: value.type.rawValue) { try $0.appendValue(value) }
    }

    // MARK: Any value

    /// Writes `value` to `target`: a value of a type with a codec in the context through the
    /// codec; primitives, Foundation types (with their strategies) and BSON types natively;
    /// anything else through its `encode(to:)`. Every container method, primitive or generic,
    /// comes here, so each rule is applied the same way wherever the value stands.
    ///
    /// Inlined: for a primitive `T` the specialisation folds to one line of ``encodeKnown(_:to:)``.
    @inline(__always)
    func encode<T: Encodable>(_ value: T, to target: BSONEncodingTarget) throws {
        if hasCodecs, let codec = codecs.codec(for: T.self) {
            return try encodeWithCodec(codec, value, to: target)
        }
        if try encodeKnown(value, to: target) { return }
        try encodeOther(value, to: target)
    }

    /// A value of a type with no row in ``encodeKnown(_:to:)``: a BSON type, or its `encode(to:)`.
    private func encodeOther<T: Encodable>(_ value: T, to target: BSONEncodingTarget) throws {
        if let native = value as? any BSONNativeValue {
            return try encodeBSON(native.bsonValue, to: target)
        }
        switch target {
        case .single(let node):
            if options.keyConversionNeeded, value is any BSONDictionaryMarker { node.rawKeys = true }
            try value.encode(to: node)
        case .element(let frame, let key, let path):
            let node = BSONEncoderNode(state: self, parent: frame, pathKey: path, elementKey: key)
            if options.keyConversionNeeded, value is any BSONDictionaryMarker { node.rawKeys = true }
            try value.encode(to: node)
            try finish(node)
        }
    }

    /// A value of a type with a codec registered in the context: the codec decides its BSON.
    private func encodeWithCodec<T>(_ codec: BSONTypeCodec, _ value: T, to target: BSONEncodingTarget) throws {
        let bson: BSON
        do {
            bson = try codec.encode(value)
        } catch {
            throw invalidValue(value, target, "The \(T.self) codec of context \(context.name) failed: \(error)", underlying: error)
        }
        try encodeBSON(bson, to: target)
    }

    /// The standard-library and Foundation types, recognised by their metatype. False when `T`
    /// is none of them.
    @inline(__always)
    private func encodeKnown<T: Encodable>(_ value: T, to target: BSONEncodingTarget) throws -> Bool {
        if T.self == String.self { try encodeString(Self.identity(value, as: String.self), target); return true }
        if T.self == Int.self { try encodeInteger(Self.identity(value, as: Int.self), target); return true }
        if T.self == Double.self { try encodeDouble(Self.identity(value, as: Double.self), target); return true }
        if T.self == Bool.self { try encodeBool(Self.identity(value, as: Bool.self), target); return true }
        if T.self == Int64.self { try encodeInteger(Self.identity(value, as: Int64.self), target); return true }
        if T.self == Int32.self { try encodeInteger(Self.identity(value, as: Int32.self), target); return true }
        if T.self == Date.self { try encodeDate(Self.identity(value, as: Date.self), target); return true }
        if T.self == Data.self { try encodeData(Self.identity(value, as: Data.self), target); return true }
        if T.self == UUID.self { try encodeUUID(Self.identity(value, as: UUID.self), target); return true }
        if T.self == Float.self { try encodeDouble(Double(Self.identity(value, as: Float.self)), target); return true }
        if T.self == Int8.self { try encodeInteger(Self.identity(value, as: Int8.self), target); return true }
        if T.self == Int16.self { try encodeInteger(Self.identity(value, as: Int16.self), target); return true }
        if T.self == UInt8.self { try encodeInteger(Self.identity(value, as: UInt8.self), target); return true }
        if T.self == UInt16.self { try encodeInteger(Self.identity(value, as: UInt16.self), target); return true }
        if T.self == UInt32.self { try encodeInteger(Self.identity(value, as: UInt32.self), target); return true }
        if T.self == UInt64.self { try encodeInteger(Self.identity(value, as: UInt64.self), target); return true }
        if T.self == UInt.self { try encodeInteger(Self.identity(value, as: UInt.self), target); return true }
        if T.self == URL.self { try encodeURL(Self.identity(value, as: URL.self), target); return true }
        if T.self == Decimal.self { try encodeDecimal(Self.identity(value, as: Decimal.self), target); return true }
        return false
    }
}
