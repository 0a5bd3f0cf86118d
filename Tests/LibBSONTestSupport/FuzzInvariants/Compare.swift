import LibBSON

/// Value comparisons for round trips. `BSON`'s own `==` is not enough: `.double(.nan)` is not
/// equal to itself, and Extended JSON loses a few bits on purpose.
public enum Compare {
    /// How much a round trip may lose.
    public enum Loss: Sendable {
        /// Nothing: same types, same bits (doubles by bit pattern, NaN payloads included).
        case none
        /// Canonical Extended JSON: a NaN's sign and payload (it is written `"NaN"`) and a
        /// Decimal128's encoding (values are compared by their `$numberDecimal` string, which
        /// is how non-canonical encodings, NaN payloads and out-of-range coefficients read).
        case canonicalJSON
        /// Relaxed Extended JSON: as canonical, and an int64 that fits in 32 bits comes back
        /// as an int32 (relaxed numbers carry no type; the parser picks the smallest).
        case relaxedJSON
    }

    /// Documents: the same keys in the same order, values equal under `loss`. Equal bytes
    /// are equal documents; the converse fails only for arrays with keys other than "0", "1"….
    public static func documents(_ a: BSONDocument, _ b: BSONDocument, _ loss: Loss) -> Bool {
        if a == b { return true }
        var ia = a.makeIterator(), ib = b.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil):
                return true
            case let (x?, y?):
                guard x.key == y.key, values(x.value, y.value, loss) else { return false }
            default:
                return false
            }
        }
    }

    /// Values equal under `loss` (array keys are not part of a value: arrays compare by elements).
    public static func values(_ a: BSON, _ b: BSON, _ loss: Loss) -> Bool {
        switch (a, b) {
        case let (.double(x), .double(y)):
            if x.bitPattern == y.bitPattern { return true }
            return loss != .none && x.isNaN && y.isNaN
        case let (.decimal128(x), .decimal128(y)):
            if x == y { return true }
            return loss != .none && x.description == y.description
        case let (.int64(x), .int32(y)):
            return loss == .relaxedJSON && x == Int64(y)
        case let (.document(x), .document(y)):
            return documents(x, y, loss)
        case let (.array(x), .array(y)):
            return x.count == y.count && zip(x, y).allSatisfy { values($0, $1, loss) }
        case let (.codeWithScope(x), .codeWithScope(y)):
            return x.code == y.code && documents(x.scope, y.scope, loss)
        default:
            // Every other case holds no doubles or documents: Equatable is exact.
            return a.type == b.type && a == b
        }
    }
}
