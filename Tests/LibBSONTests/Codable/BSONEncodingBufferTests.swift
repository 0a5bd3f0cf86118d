import Foundation
import Testing
@testable import LibBSON
import LibBSONTestSupport

/// Random out-of-order use of many containers at once (legal in Codable), checked against a
/// model of what each container was asked to hold, in the order it was asked.
@Suite struct BSONEncodingBufferTests {
    final class ModelNode {
        let isArray: Bool
        var elements: [(key: String, value: ModelValue)] = []
        init(isArray: Bool) { self.isArray = isArray }
        var bson: BSON {
            let values = elements.map { ($0.key, $0.value.bson) }
            if isArray { return .array(values.map(\.1)) }
            return .document((try? BSONDocument(elements: values.map { (key: $0.0, value: $0.1) })) ?? BSONDocument())
        }
    }

    enum ModelValue {
        case int(Int64)
        case node(ModelNode)
        var bson: BSON {
            switch self {
            case .int(let v): .int64(v)
            case .node(let n): n.bson
            }
        }
    }

    struct Script: Encodable {
        let seed: UInt64
        let steps: Int
        let model = ModelNode(isArray: false)

        func encode(to encoder: any Encoder) throws {
            var rng = SeededRandom(seed: seed)
            var keyed: [(container: KeyedEncodingContainer<BSONCodingKey>, model: ModelNode)] = [
                (encoder.container(keyedBy: BSONCodingKey.self), model),
            ]
            var unkeyed: [(container: any UnkeyedEncodingContainer, model: ModelNode)] = []
            var counter = 0
            func nextKey() -> String { counter += 1; return "k\(counter)" }
            for _ in 0..<steps {
                let useUnkeyed = !unkeyed.isEmpty && Bool.random(using: &rng)
                let op = Int.random(in: 0..<10, using: &rng)
                if useUnkeyed {
                    let i = Int.random(in: 0..<unkeyed.count, using: &rng)
                    let m = unkeyed[i].model
                    let index = String(m.elements.count)
                    switch op {
                    case 0..<5:
                        let v = Int64.random(in: -1000...1000, using: &rng)
                        try unkeyed[i].container.encode(v)
                        m.elements.append((index, .int(v)))
                    case 5..<7:
                        let child = ModelNode(isArray: false)
                        keyed.append((unkeyed[i].container.nestedContainer(keyedBy: BSONCodingKey.self), child))
                        m.elements.append((index, .node(child)))
                    case 7..<9:
                        let child = ModelNode(isArray: true)
                        unkeyed.append((unkeyed[i].container.nestedUnkeyedContainer(), child))
                        m.elements.append((index, .node(child)))
                    default:
                        let child = ModelNode(isArray: false)
                        let sup = unkeyed[i].container.superEncoder()
                        m.elements.append((index, .node(child)))
                        keyed.append((sup.container(keyedBy: BSONCodingKey.self), child))
                    }
                } else {
                    let i = Int.random(in: 0..<keyed.count, using: &rng)
                    let m = keyed[i].model
                    let key = nextKey()
                    switch op {
                    case 0..<5:
                        let v = Int64.random(in: -1000...1000, using: &rng)
                        try keyed[i].container.encode(v, forKey: BSONCodingKey(stringValue: key))
                        m.elements.append((key, .int(v)))
                    case 5..<7:
                        let child = ModelNode(isArray: false)
                        keyed.append((keyed[i].container.nestedContainer(keyedBy: BSONCodingKey.self, forKey: BSONCodingKey(stringValue: key)), child))
                        m.elements.append((key, .node(child)))
                    case 7..<9:
                        let child = ModelNode(isArray: true)
                        unkeyed.append((keyed[i].container.nestedUnkeyedContainer(forKey: BSONCodingKey(stringValue: key)), child))
                        m.elements.append((key, .node(child)))
                    default:
                        let child = ModelNode(isArray: true)
                        let sup = keyed[i].container.superEncoder(forKey: BSONCodingKey(stringValue: key))
                        m.elements.append((key, .node(child)))
                        unkeyed.append((sup.unkeyedContainer(), child))
                    }
                }
                // Forget some containers now and then, so that finished ones are dropped.
                if keyed.count > 3, Int.random(in: 0..<4, using: &rng) == 0 { keyed.remove(at: Int.random(in: 1..<keyed.count, using: &rng)) }
                if unkeyed.count > 3, Int.random(in: 0..<4, using: &rng) == 0 { unkeyed.remove(at: Int.random(in: 0..<unkeyed.count, using: &rng)) }
            }
        }
    }

    @Test(arguments: 0..<40)
    func randomInterleavingsMatchTheModel(seed: Int) throws {
        let script = Script(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15, steps: 50 + seed * 10)
        let doc = try BSONEncoder().encode(script)
        _ = try BSONDocument(fromBSON: doc.bytes)
        #expect(BSON.document(doc) == script.model.bson)
    }
}
