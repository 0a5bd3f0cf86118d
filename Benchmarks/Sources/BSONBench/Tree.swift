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

    /// Builds the BSON value with the library's public API, children first.
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
