import LibBSON
import LibBSONTestSupport

/// The same lines as the C peer's `peer_walk` (see `CInteropPeer.h`), produced through the
/// library's public API (iterating a `BSONDocument`, switching on `BSON`): the reader that
/// libbson's `bson_iter_t` walk must agree with.
enum SwiftWalk {
    static func lines(_ document: BSONDocument) -> String {
        var out = ""
        walk(document, prefix: "", separator: ".", into: &out)
        return out
    }

    private static func walk(_ document: BSONDocument, prefix: String, separator: String, into out: inout String) {
        for (key, value) in document {
            element(path(prefix, separator, key), value, into: &out)
        }
    }

    private static func path(_ prefix: String, _ separator: String, _ key: String) -> String {
        let hexKey = Hex.encode(Array(key.utf8))
        return prefix.isEmpty ? hexKey : prefix + separator + hexKey
    }

    private static func hex<T: FixedWidthInteger>(_ value: T) -> String {
        withUnsafeBytes(of: value.bigEndian) { Hex.encode(Array($0)) }
    }

    private static func element(_ path: String, _ value: BSON, into out: inout String) {
        out += path + "\t" + hex(value.type.rawValue) + "\t"
        switch value {
        case .double(let d): out += hex(d.bitPattern) + "\n"
        case .string(let s): out += Hex.encode(Array(s.utf8)) + "\n"
        case .document(let d):
            out += "\(d.count)\n"
            walk(d, prefix: path, separator: ".", into: &out)
        case .array(let a):
            out += "\(a.count)\n"
            for (index, item) in a.enumerated() {
                element(Self.path(path, ".", String(index)), item, into: &out)
            }
        case .binary(let b): out += hex(b.subtype.rawValue) + ":" + Hex.encode(b.data) + "\n"
        case .undefined, .null, .minKey, .maxKey: out += "\n"
        case .objectID(let o): out += Hex.encode(o.byteArray) + "\n"
        case .bool(let b): out += (b ? "1" : "0") + "\n"
        case .datetime(let d): out += "\(d.millisecondsSinceEpoch)\n"
        case .regex(let r): out += Hex.encode(Array(r.pattern.utf8)) + ":" + Hex.encode(Array(r.options.utf8)) + "\n"
        case .dbPointer(let p): out += Hex.encode(Array(p.ref.utf8)) + ":" + Hex.encode(p.id.byteArray) + "\n"
        case .code(let c): out += Hex.encode(Array(c.code.utf8)) + "\n"
        case .symbol(let s): out += Hex.encode(Array(s.stringValue.utf8)) + "\n"
        case .codeWithScope(let c):
            out += Hex.encode(Array(c.code.utf8)) + ":\(c.scope.count)\n"
            walk(c.scope, prefix: path, separator: "/", into: &out)
        case .int32(let i): out += "\(i)\n"
        case .timestamp(let t): out += "\(t.timestamp):\(t.increment)\n"
        case .int64(let i): out += "\(i)\n"
        case .decimal128(let d): out += hex(d.high) + ":" + hex(d.low) + "\n"
        }
    }

    /// Every embedded document of `document` (documents, documents in arrays, code-with-scope
    /// scopes), depth first in document order: the order of `peer_embedded_addresses`.
    static func embeddedDocuments(_ document: BSONDocument) -> [BSONDocument] {
        var found: [BSONDocument] = []
        func visit(_ value: BSON) {
            switch value {
            case .document(let d):
                found.append(d)
                d.forEach { visit($0.value) }
            case .array(let a): a.forEach(visit)
            case .codeWithScope(let c):
                found.append(c.scope)
                c.scope.forEach { visit($0.value) }
            default: break
            }
        }
        document.forEach { visit($0.value) }
        return found
    }

    /// The BSON types anywhere in `document` (nested levels and scopes included).
    static func types(_ document: BSONDocument) -> Set<BSONType> {
        var types: Set<BSONType> = []
        func visit(_ value: BSON) {
            types.insert(value.type)
            switch value {
            case .document(let d): d.forEach { visit($0.value) }
            case .array(let a): a.forEach(visit)
            case .codeWithScope(let c): c.scope.forEach { visit($0.value) }
            default: break
            }
        }
        document.forEach { visit($0.value) }
        return types
    }
}
