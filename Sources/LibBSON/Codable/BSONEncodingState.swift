import Foundation

/// Where a value goes: an element of a document or array, or the value of a node itself.
enum BSONEncodingTarget {
    /// An element of `frame` (a document or array node) under `key` (ignored in arrays);
    /// `path` is the coding-path step, nil when the element adds none.
    case element(BSONEncoderNode, key: String, path: BSONPathKey?)
    /// The single value of `node` (a single-value container, or the top level).
    case single(BSONEncoderNode)
}

/// Marks `Dictionary`, whose keys are data: the key strategy leaves them alone.
protocol BSONDictionaryMarker {}
extension Dictionary: BSONDictionaryMarker {}

/// One `BSONEncoder.encode` call: a single growing buffer that every container appends to.
///
/// Containers normally nest like a stack (a child is finished before its parent writes
/// again), and then every write is an append: a document's length is a placeholder until the
/// document is closed, then patched. `Codable` also allows containers to be used out of order
/// (two nested containers written alternately, a `superEncoder()` used after later keys); a
/// write to an already closed document is then spliced in before its terminator, and every
/// recorded offset after it shifts and every enclosing length is re-patched. Nodes that can
/// no longer be written (no container refers to them) are dropped from that bookkeeping.
final class BSONEncodingState {
    var writer: BSONByteWriter
    let options: BSONCoderOptions
    /// Open documents and arrays, outermost first; the last one is where appends go.
    private var stack: [BSONEncoderNode] = []
    /// Closed frames and `superEncoder` slots that a live container may still write to.
    private var detached: [BSONEncoderNode] = []
    private var pruneAt = 64
    private var deferredError: (any Error)?
    private var finished = false
    private var snakeCache: [String: String] = [:]
    private var userInfoCache: [CodingUserInfoKey: Any]?

    /// The resolved context: custom codecs and the shared key cache.
    let context: BSONContext
    let codecs: BSONCodecRegistry

    init(options: BSONCoderOptions, context: BSONContext) {
        self.options = options
        self.context = context
        self.codecs = context.codecs
        writer = BSONByteWriter(capacity: 256)
        stack.reserveCapacity(16)
    }

    var userInfo: [CodingUserInfoKey: Any] {
        if let cached = userInfoCache { return cached }
        var info: [CodingUserInfoKey: Any] = [:]
        for (key, value) in options.userInfo { info[key] = value }
        userInfoCache = info
        return info
    }

    // MARK: Top level

    /// Encodes `value` as the top-level document.
    func encodeDocument<T: Encodable>(_ value: T) throws -> BSONDocument {
        defer { tearDown() }
        let root = BSONEncoderNode(state: self, parent: nil, pathKey: nil, elementKey: "")
        try encode(value, to: .single(root))
        if root.kind == .pending {
            // encode(to:) asked for no container: an empty document.
            writer.append(contentsOf: [5, 0, 0, 0, 0] as [UInt8])
        }
        while !stack.isEmpty { closeTop() }
        if let error = deferredError { throw error }
        return BSONDocument(trusted: writer.toArray()[...])
    }

    /// Encodes `value` as any BSON value (it is written as the one element of a scratch document).
    func encodeValue<T: Encodable>(_ value: T) throws -> BSON {
        defer { tearDown() }
        let root = BSONEncoderNode(state: self, parent: nil, pathKey: nil, elementKey: "", kind: .open)
        root.start = writer.beginDocument()
        stack.append(root)
        try encode(value, to: .element(root, key: "v", path: nil))
        while !stack.isEmpty { closeTop() }
        if let error = deferredError { throw error }
        let bytes = writer.toArray()[...]
        guard bytes.count > 5 else { return .document(BSONDocument()) }
        return bytes.withUnsafeBytes { p in BSONBytes.value(p, p[4], 7, owner: bytes) }
    }

    /// Breaks the node <-> state reference cycles; later writes through escaped containers throw.
    private func tearDown() {
        finished = true
        stack.removeAll()
        detached.removeAll()
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

    /// Keeps the first error found where `Encoder`'s API cannot throw; `encode` throws it at the end.
    func record(_ error: any Error) {
        if deferredError == nil { deferredError = error }
    }

    private func misuse(_ node: BSONEncoderNode, _ message: String) -> EncodingError {
        .invalidValue(message, EncodingError.Context(codingPath: node.codingPath, debugDescription: message))
    }

    // MARK: Keys

    /// The document key for `key` in `node`, after the key strategy.
    @inline(__always)
    func documentKey<K: CodingKey>(_ key: K, in node: BSONEncoderNode) -> String {
        switch options.keyEncodingStrategy {
        case .useDefaultKeys:
            return key.stringValue
        case .convertToSnakeCase:
            let name = key.stringValue
            if node.rawKeys { return name }
            return snakeCaseKey(name, cache: &snakeCache, context: context)
        case .custom(let convert):
            if node.rawKeys { return key.stringValue }
            return convert(node.codingPath + [key]).stringValue
        }
    }

    // MARK: Frames

    struct ElementPosition {
        var typeAt: Int
        var valueAt: Int
    }

    @inline(__always)
    private static func writeElement(_ w: inout BSONByteWriter, _ frame: BSONEncoderNode, _ key: String, _ type: UInt8,
                                     _ body: (inout BSONByteWriter) throws -> Void) throws -> ElementPosition {
        let mark = w.count
        w.append(type)
        do {
            if frame.isArray {
                w.appendIndexKey(frame.count)
            } else {
                try w.appendKey(key)
            }
            let valueAt = w.count
            try body(&w)
            if frame.isArray { frame.count += 1 }
            return ElementPosition(typeAt: mark, valueAt: valueAt)
        } catch {
            w.removeSubrange(mark...)
            throw error
        }
    }

    /// Writes one element (type byte, key, value) at the current end of `frame`.
    @inline(__always) @discardableResult
    func appendElement(to frame: BSONEncoderNode, key: String, type: UInt8,
                       _ body: (inout BSONByteWriter) throws -> Void) throws -> ElementPosition {
        if frame === stack.last {
            return try Self.writeElement(&writer, frame, key, type, body)
        }
        return try appendElementOutOfOrder(to: frame, key: key, type: type, body)
    }

    private func appendElementOutOfOrder(to frame: BSONEncoderNode, key: String, type: UInt8,
                                         _ body: (inout BSONByteWriter) throws -> Void) throws -> ElementPosition {
        if finished { throw misuse(frame, "A container was used after BSONEncoder finished encoding") }
        switch frame.kind {
        case .open:
            // A child document is still open above this one: it is finished.
            closeFrames(above: frame)
            return try Self.writeElement(&writer, frame, key, type, body)
        case .closed:
            var scratch = BSONByteWriter(capacity: 32)
            let relative = try Self.writeElement(&scratch, frame, key, type, body)
            let at = frame.end
            scratch.withUnsafeBytes { splice($0, at: at) }
            return ElementPosition(typeAt: at + relative.typeAt, valueAt: at + relative.valueAt)
        default:
            throw deferredError ?? misuse(frame, "This container cannot be written to (the value was already encoded)")
        }
    }

    private func closeFrames(above frame: BSONEncoderNode) {
        while let top = stack.last, top !== frame { closeTop() }
    }

    private func closeTop() {
        guard let top = stack.popLast() else { return }
        writer.append(0)
        top.end = writer.count - 1
        top.kind = .closed
        patchLength(top)
        track(top)
    }

    private func patchLength(_ node: BSONEncoderNode) {
        do {
            try writer.patchLength(at: node.start, length: node.end + 1 - node.start)
        } catch {
            record(misuse(node, "\(error)"))
        }
    }

    /// Makes `node` a document or array, as its first keyed or unkeyed container asks.
    func prepareFrame(_ node: BSONEncoderNode, isArray: Bool) {
        let type: UInt8 = isArray ? 0x04 : 0x03
        switch node.kind {
        case .pending:
            node.isArray = isArray
            guard let parent = node.parent else {
                if isArray {
                    record(misuse(node, "BSONEncoder.encode(_:) needs a value that encodes as a document, not an array; use encodeValue(_:) for other values"))
                    node.kind = .invalid
                    return
                }
                node.start = writer.beginDocument()
                node.kind = .open
                stack.append(node)
                return
            }
            do {
                if parent.kind == .open {
                    let position = try appendElement(to: parent, key: node.elementKey, type: type) {
                        $0.append(contentsOf: [0, 0, 0, 0] as [UInt8])
                    }
                    node.start = position.valueAt
                    node.kind = .open
                    stack.append(node)
                } else {
                    let position = try appendElement(to: parent, key: node.elementKey, type: type) {
                        $0.append(contentsOf: [5, 0, 0, 0, 0] as [UInt8])
                    }
                    node.start = position.valueAt
                    node.end = position.valueAt + 4
                    node.kind = .closed
                    track(node)
                }
            } catch let error as BSONError {
                record(misuse(node, error.description))
                node.kind = .invalid
            } catch {
                record(error)
                node.kind = .invalid
            }
        case .open, .closed:
            if node.isArray != isArray {
                record(misuse(node, "A keyed and an unkeyed container were both requested for one value"))
            }
        case .placeholder:
            node.isArray = isArray
            writer[node.start] = type
            let at = node.end
            if let parent = node.parent, parent.kind == .open {
                closeFrames(above: parent)
                if writer.count == at {
                    writer.append(contentsOf: [0, 0, 0, 0] as [UInt8])
                    node.start = at
                    node.kind = .open
                    stack.append(node)
                    return
                }
            }
            ([5, 0, 0, 0, 0] as [UInt8]).withUnsafeBytes { splice($0, at: at) }
            node.start = at
            node.end = at + 4
            node.kind = .closed
        case .written:
            record(misuse(node, "A container was requested for a value that was already encoded"))
            node.kind = .invalid
        case .invalid:
            break
        }
    }

    /// A `superEncoder()` slot: writes a null element now (keeping its place among the
    /// elements) that the returned encoder's value replaces.
    func makeSuperEncoder(in frame: BSONEncoderNode, key: String, path: BSONPathKey) -> BSONEncoderNode {
        let node = BSONEncoderNode(state: self, parent: frame, pathKey: path, elementKey: key, kind: .placeholder)
        do {
            let position = try appendElement(to: frame, key: key, type: BSONType.null.rawValue) { _ in }
            node.start = position.typeAt
            node.end = position.valueAt
            track(node)
        } catch {
            record((error as? BSONError).map { misuse(node, $0.description) } ?? error)
            node.kind = .invalid
        }
        return node
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
            while let top = stack.last {
                closeTop()
                if top === node { break }
            }
        default:
            break
        }
    }

    // MARK: Out-of-order writes

    private func track(_ node: BSONEncoderNode) {
        guard !node.tracked else { return }
        node.tracked = true
        detached.append(node)
        if detached.count >= pruneAt { prune() }
    }

    /// Drops the nodes that nothing but this list refers to: no container can write to them.
    private func prune() {
        var survivors: [BSONEncoderNode] = []
        survivors.reserveCapacity(detached.count)
        // Oldest first, so a dropped child releases its parent before the parent is looked at.
        detached.reverse()
        while var node = detached.popLast() {
            if isKnownUniquelyReferenced(&node) {
                node.tracked = false
            } else {
                survivors.append(node)
            }
        }
        detached = survivors
        pruneAt = max(64, survivors.count * 2)
    }

    /// Inserts `bytes` at offset `at`, shifting every recorded offset after it and
    /// re-patching the length of every closed document that contains it.
    private func splice(_ bytes: UnsafeRawBufferPointer, at: Int) {
        writer.insert(contentsOf: bytes, at: at)
        let n = bytes.count
        for node in stack where node.start >= at {
            node.start += n
        }
        for node in detached {
            switch node.kind {
            case .closed:
                if node.start >= at {
                    node.start += n
                    node.end += n
                } else if node.end >= at {
                    node.end += n
                    patchLength(node)
                }
            case .placeholder:
                if node.start >= at {
                    node.start += n
                    node.end += n
                }
            default:
                break
            }
        }
    }

    // MARK: Writing values

    /// Writes one value of BSON `type` to `target`; `body` writes the value's bytes.
    @inline(__always)
    func write(_ target: BSONEncodingTarget, type: UInt8, _ body: (inout BSONByteWriter) throws -> Void) throws {
        switch target {
        case .element(let frame, let key, _):
            do {
                try appendElement(to: frame, key: key, type: type, body)
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
                    throw misuse(node, "BSONEncoder.encode(_:) needs a value that encodes as a document, not \(found); use encodeValue(_:) for other values")
                }
                try body(&writer)
                node.kind = .written
                return
            }
            try write(.element(parent, key: node.elementKey, path: node.pathKey), type: type, body)
            node.kind = .written
        case .placeholder:
            var scratch = BSONByteWriter(capacity: 16)
            do {
                try body(&scratch)
            } catch let error as BSONError {
                throw misuse(node, error.description)
            }
            writer[node.start] = type
            let at = node.end
            if let parent = node.parent, parent.kind == .open {
                closeFrames(above: parent)
                if writer.count == at {
                    scratch.withUnsafeBytes { writer.append(contentsOf: $0) }
                    node.kind = .written
                    return
                }
            }
            scratch.withUnsafeBytes { splice($0, at: at) }
            node.kind = .written
        case .open, .closed, .written:
            throw misuse(node, "A single value container can hold one value, and only when no keyed or unkeyed container was requested")
        case .invalid:
            throw deferredError ?? misuse(node, "This encoder cannot be written to")
        }
    }

    /// Calls `body` with an encoder for `target` (for custom strategies), then finishes it.
    private func withEncoder(_ target: BSONEncodingTarget, _ body: (BSONEncoderNode) throws -> Void) throws {
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

    /// Int8, Int16, Int32, UInt8 and UInt16: always int32.
    @inline(__always)
    func encodeInt32(_ value: Int32, _ target: BSONEncodingTarget) throws {
        try write(target, type: BSONType.int32.rawValue) { $0.appendInt32(value) }
    }

    /// Int, Int64 and UInt32: int64, or int32 when it fits and the strategy asks for the smallest.
    @inline(__always)
    func encodeInt64(_ value: Int64, _ target: BSONEncodingTarget) throws {
        if options.integerEncodingStrategy == .smallestThatFits, let small = Int32(exactly: value) {
            try encodeInt32(small, target)
        } else {
            try write(target, type: BSONType.int64.rawValue) { $0.appendInt64(value) }
        }
    }

    func encodeUInt64(_ value: UInt64, _ target: BSONEncodingTarget) throws {
        if let signed = Int64(exactly: value) {
            return try encodeInt64(signed, target)
        }
        switch options.unsignedIntegerStrategy {
        case .throwError:
            throw invalidValue(value, target, "\(value) does not fit in a BSON int64 (the largest is \(Int64.max)); set BSONCoderOptions.unsignedIntegerStrategy to store it as .int64BitPattern or .decimal128")
        case .int64BitPattern:
            try write(target, type: BSONType.int64.rawValue) { $0.appendInt64(Int64(bitPattern: value)) }
        case .decimal128:
            guard let decimal = try? BSONDecimal128(String(value)) else {
                throw invalidValue(value, target, "\(value) cannot be written as a decimal128")
            }
            try encodeBSON(.decimal128(decimal), to: target)
        }
    }

    func encodeBSON(_ value: BSON, to target: BSONEncodingTarget) throws {
        try write(target, type: value.type.rawValue) { try $0.appendValue(value) }
    }

    // MARK: Any value

    /// Writes `value` to `target`: primitives, Foundation types with strategies and BSON types
    /// natively, anything else through its `encode(to:)`.
    func encode<T: Encodable>(_ value: T, to target: BSONEncodingTarget) throws {
        if !codecs.isEmpty, let codec = codecs.codec(for: T.self) {
            return try encodeWithCodec(codec, value, to: target)
        }
        if try encodeKnown(value, to: target) { return }
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
            let path: [any CodingKey]
            switch target {
            case .single(let node): path = node.codingPath
            case .element(let frame, _, let key): path = frame.codingPath + (key.map { [$0.codingKey] } ?? [])
            }
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: path, debugDescription: "The \(T.self) codec of context \(context.name) failed: \(error)",
                underlyingError: error))
        }
        try encodeBSON(bson, to: target)
    }

    /// Standard-library and Foundation types, recognised by their metatype. Nil when `T` is none of them.
    @inline(__always)
    private func encodeKnown<T: Encodable>(_ value: T, to target: BSONEncodingTarget) throws -> Bool {
        if T.self == String.self, let v = value as? String { try encodeString(v, target); return true }
        if T.self == Int.self, let v = value as? Int { try encodeInt64(Int64(v), target); return true }
        if T.self == Double.self, let v = value as? Double { try encodeDouble(v, target); return true }
        if T.self == Bool.self, let v = value as? Bool { try encodeBool(v, target); return true }
        if T.self == Int64.self, let v = value as? Int64 { try encodeInt64(v, target); return true }
        if T.self == Int32.self, let v = value as? Int32 { try encodeInt32(v, target); return true }
        if T.self == Date.self, let v = value as? Date { try encodeDate(v, target); return true }
        if T.self == Data.self, let v = value as? Data { try encodeData(v, target); return true }
        if T.self == UUID.self, let v = value as? UUID { try encodeUUID(v, target); return true }
        if T.self == Float.self, let v = value as? Float { try encodeDouble(Double(v), target); return true }
        if T.self == Int8.self, let v = value as? Int8 { try encodeInt32(Int32(v), target); return true }
        if T.self == Int16.self, let v = value as? Int16 { try encodeInt32(Int32(v), target); return true }
        if T.self == UInt8.self, let v = value as? UInt8 { try encodeInt32(Int32(v), target); return true }
        if T.self == UInt16.self, let v = value as? UInt16 { try encodeInt32(Int32(v), target); return true }
        if T.self == UInt32.self, let v = value as? UInt32 { try encodeInt64(Int64(v), target); return true }
        if T.self == UInt64.self, let v = value as? UInt64 { try encodeUInt64(v, target); return true }
        if T.self == UInt.self, let v = value as? UInt { try encodeUInt64(UInt64(v), target); return true }
        if T.self == URL.self, let v = value as? URL { try encodeString(v.absoluteString, target); return true }
        if T.self == Decimal.self, let v = value as? Decimal { try encodeDecimal(v, target); return true }
        return false
    }

    // MARK: Foundation types

    func encodeDate(_ date: Date, _ target: BSONEncodingTarget) throws {
        /// The error for a `Date` with no text or datetime. A NaN `Date` is reported by its
        /// `Double`: Foundation's `Date.description` traps on NaN, so printing an error holding
        /// it would crash.
        func unrepresentable(_ what: String) -> EncodingError {
            let seconds = date.timeIntervalSince1970
            return invalidValue(seconds.isNaN ? seconds : date, target, "\(seconds) seconds since 1970 is outside \(what)")
        }
        switch options.dateEncodingStrategy {
        case .bsonDatetime, .millisecondsSince1970:
            guard let ms = DateConversion.milliseconds(date) else { throw unrepresentable("the range of BSON datetimes") }
            if case .bsonDatetime = options.dateEncodingStrategy {
                try write(target, type: BSONType.datetime.rawValue) { $0.appendInt64(ms) }
            } else {
                try write(target, type: BSONType.int64.rawValue) { $0.appendInt64(ms) }
            }
        case .secondsSince1970:
            try encodeDouble(date.timeIntervalSince1970, target)
        case .iso8601:
            guard let ms = DateConversion.milliseconds(date), let text = ISO8601.string(milliseconds: ms, years: .fourDigit) else {
                throw unrepresentable("the years 0000 to 9999 that ISO 8601 text can hold")
            }
            try encodeString(text, target)
        case .custom(let closure):
            try withEncoder(target) { try closure(date, $0) }
        }
    }

    func encodeData(_ data: Data, _ target: BSONEncodingTarget) throws {
        switch options.dataEncodingStrategy {
        case .binary:
            guard let length = Int32(exactly: data.count) else {
                throw invalidValue(data, target, "binary data cannot exceed 2 GiB")
            }
            try write(target, type: BSONType.binary.rawValue) { w in
                w.appendInt32(length)
                w.append(BSONBinary.Subtype.generic.rawValue)
                data.withUnsafeBytes { w.append(contentsOf: $0) }
            }
        case .base64:
            try encodeString(data.base64EncodedString(), target)
        case .custom(let closure):
            try withEncoder(target) { try closure(data, $0) }
        }
    }

    func encodeUUID(_ uuid: UUID, _ target: BSONEncodingTarget) throws {
        switch options.uuidEncodingStrategy {
        case .binary:
            try write(target, type: BSONType.binary.rawValue) { w in
                w.appendInt32(16)
                w.append(BSONBinary.Subtype.uuid.rawValue)
                withUnsafeBytes(of: uuid.uuid) { w.append(contentsOf: $0) }
            }
        case .string:
            try encodeString(uuid.uuidString, target)
        }
    }

    func encodeDecimal(_ decimal: Decimal, _ target: BSONEncodingTarget) throws {
        guard !decimal.isNaN else {
            return try encodeBSON(.decimal128(BSONDecimal128(low: 0, high: 0x7C00_0000_0000_0000)), to: target)
        }
        let text = decimal.description
        guard let value = try? BSONDecimal128(text) else {
            throw invalidValue(decimal, target, "\(text) cannot be written exactly as a decimal128")
        }
        try encodeBSON(.decimal128(value), to: target)
    }
}
