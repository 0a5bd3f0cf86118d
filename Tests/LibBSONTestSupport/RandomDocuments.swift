import LibBSON

/// Random documents covering every BSON type, awkward strings and nesting.
public enum RandomDocuments {
    public static let strings = ["", "a", "héllo", "\u{2606}", "tab\there", "quote\"back\\slash", "nul\u{0}inside",
                          "\u{1}\u{1f}", "emoji 😀", "/slash/", "$dollar", "a.b", "\u{7f}"]
    public static let doubles: [Double] = [0, -0.0, 1, -1, 0.1, 1e300, -1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                    1.2345678921232e18, 1e16, 123456789.125, .infinity, -.infinity, .nan]

    public static func document(_ rng: inout SeededRandom, depth: Int = 0) -> BSONDocument {
        let n = Int.random(in: 0...6, using: &rng)
        var elements: [(key: String, value: BSON)] = []
        for i in 0..<n {
            var key = strings.randomElement(using: &rng) ?? "k"
            key = key.replacingOccurrences(of: "\u{0}", with: "0") + String(i)
            elements.append((key, value(&rng, depth: depth)))
        }
        return (try? BSONDocument(elements: elements)) ?? BSONDocument()
    }

    public static func value(_ rng: inout SeededRandom, depth: Int) -> BSON {
        let choice = Int.random(in: 0..<(depth < 3 ? 24 : 21), using: &rng)
        switch choice {
        case 0: return .double(doubles.randomElement(using: &rng) ?? 0)
        case 1: return .double(Double(bitPattern: rng.next()))
        case 2: return .string(strings.randomElement(using: &rng) ?? "")
        case 3: return .binary(BSONBinary(subtype: .init(rawValue: [0, 1, 2, 3, 4, 5, 0x80, 0xFF].randomElement(using: &rng) ?? 0),
                                          data: (0..<Int.random(in: 0...20, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }))
        case 4: return .undefined
        case 5: return .objectID(BSONObjectID())
        case 6: return .bool(Bool.random(using: &rng))
        case 7: return .datetime(BSONDatetime(millisecondsSinceEpoch: [Int64.min, -1, 0, 1_356_351_330_501, 253_402_300_799_999, 253_402_300_800_000, .max, Int64.random(in: -1_000_000_000_000...300_000_000_000_000, using: &rng)].randomElement(using: &rng) ?? 0))
        case 8: return .null
        case 9: return .regex((try? BSONRegularExpression(pattern: (strings.randomElement(using: &rng) ?? "").replacingOccurrences(of: "\u{0}", with: ""), options: ["", "i", "imsx", "xi"].randomElement(using: &rng) ?? "")) ?? (try! BSONRegularExpression(pattern: "")))
        case 10: return .dbPointer(BSONDBPointer(ref: strings.randomElement(using: &rng) ?? "", id: BSONObjectID()))
        case 11: return .code(BSONCode(code: strings.randomElement(using: &rng) ?? ""))
        case 12: return .symbol(BSONSymbol(strings.randomElement(using: &rng) ?? ""))
        case 13: return .int32(Int32(truncatingIfNeeded: rng.next()))
        case 14: return .timestamp(BSONTimestamp(timestamp: UInt32(truncatingIfNeeded: rng.next()), increment: UInt32(truncatingIfNeeded: rng.next())))
        case 15: return .int64(Int64(truncatingIfNeeded: rng.next()))
        case 16:
            // Canonical encodings only: a NaN payload or an out-of-range coefficient is lossy in Extended JSON.
            let text = ["0", "-0", "1.5", "NaN", "Infinity", "-Infinity", "1E+6144", "-1.234E-6176",
                        "1234567890123456789012345678901234", "\(Int64.random(in: .min ... .max, using: &rng))E\(Int.random(in: -6000...6000, using: &rng))"]
                .randomElement(using: &rng) ?? "0"
            return .decimal128((try? BSONDecimal128(text)) ?? BSONDecimal128(low: 0, high: 0x3040_0000_0000_0000))
        case 17: return .minKey
        case 18: return .maxKey
        case 19: return .int32([.min, .max, 0, -1].randomElement(using: &rng) ?? 0)
        case 20: return .int64([.min, .max, 0, -1, 1 << 53].randomElement(using: &rng) ?? 0)
        case 21: return .document(document(&rng, depth: depth + 1))
        case 22: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(&rng, depth: depth + 1) })
        default: return .codeWithScope(BSONCodeWithScope(code: strings.randomElement(using: &rng) ?? "", scope: document(&rng, depth: depth + 1)))
        }
    }
}
