import LibBSON

/// A document as a plain Swift value tree, the input of the encode workload: what a service
/// holds before it builds BSON (nested documents are trees too, not prebuilt bytes).
indirect enum Tree {
    case scalar(BSON)
    case document([(String, Tree)])
    case array([Tree])

    init(_ doc: BSONDocument) {
        self = .document(doc.map { ($0.key, Tree($0.value)) })
    }

    init(_ value: BSON) {
        switch value {
        case .document(let d): self.init(d)
        case .array(let a): self = .array(a.map(Tree.init))
        default: self = .scalar(value)
        }
    }

    /// Writes the tree as a document with ``BSONDocumentBuilder``, nested levels in place:
    /// the same shape of work as the C baseline's `bson_append_*_begin` walk over its tree.
    func document() throws -> BSONDocument {
        guard case .document(let elements) = self else { throw BenchError("not a document") }
        return try BSONDocument(capacity: 512) { try Tree.write(elements, into: &$0) }
    }

    static func write(_ elements: [(String, Tree)], into b: inout BSONDocumentBuilder) throws {
        for (key, value) in elements {
            switch value {
            case .scalar(let v): try b.append(key, v)
            case .document(let children): try b.appendDocument(key) { try write(children, into: &$0) }
            case .array(let items): try b.appendArray(key) { try write(items, into: &$0) }
            }
        }
    }

    static func write(_ items: [Tree], into b: inout BSONArrayBuilder) throws {
        for value in items {
            switch value {
            case .scalar(let v): try b.append(v)
            case .document(let children): try b.appendDocument { try write(children, into: &$0) }
            case .array(let nested): try b.appendArray { try write(nested, into: &$0) }
            }
        }
    }

    /// Builds the document the way a new user first does: `doc[key] = value` for every key,
    /// starting from an empty document, at every level (a nested document is built the same
    /// way, then assigned to its key; an array is a Swift `[BSON]`).
    func subscripted() throws -> BSONDocument {
        guard case .document = self, case .document(let doc) = subscriptedValue() else { throw BenchError("not a document") }
        return doc
    }

    private func subscriptedValue() -> BSON {
        switch self {
        case .scalar(let v): return v
        case .array(let items): return .array(items.map { $0.subscriptedValue() })
        case .document(let elements):
            var doc = BSONDocument()
            for (key, value) in elements { doc[key] = value.subscriptedValue() }
            return .document(doc)
        }
    }

    /// Builds the BSON value bottom-up with `BSONDocument(elements:)`: every nested level is
    /// a document of its own, copied into its parent (the simple way, kept as a second row).
    func bson() throws -> BSON {
        switch self {
        case .scalar(let v): return v
        case .array(let items): return .array(try items.map { try $0.bson() })
        case .document(let elements): return .document(try BSONDocument(elements: elements.map { (key: $0.0, value: try $0.1.bson()) }))
        }
    }
}

/// Reads every value of a document, recursively, into a checksum.
enum Materialise {
    static func document(_ doc: BSONDocument) -> Int64 {
        var sum: Int64 = 0
        for (key, value) in doc {
            sum &+= Int64(key.utf8.count)
            sum &+= self.value(value)
        }
        return sum
    }

    static func value(_ value: BSON) -> Int64 {
        switch value {
        case .string(let s): return Int64(s.utf8.count)
        case .document(let d): return document(d)
        case .array(let a): return a.reduce(0) { $0 &+ self.value($1) }
        case .int32(let i): return Int64(i)
        case .int64(let i): return i & 0xFF
        case .double(let d): return d.isFinite ? Int64(d.magnitude.truncatingRemainder(dividingBy: 1000)) : 1
        case .bool(let b): return b ? 1 : 0
        case .code(let c): return Int64(c.code.utf8.count)
        case .codeWithScope(let c): return Int64(c.code.utf8.count) &+ document(c.scope)
        case .regex(let r): return Int64(r.pattern.utf8.count + r.options.utf8.count)
        case .binary(let b): return Int64(b.data.count)
        case .symbol(let s): return Int64(s.stringValue.utf8.count)
        case .objectID(let o): return Int64(o.bytes.11)
        case .decimal128(let d): return Int64(d.low & 0xFF)
        case .datetime(let d): return d.millisecondsSinceEpoch & 0xFF
        case .timestamp(let t): return Int64(t.increment)
        default: return 1
        }
    }
}
