/// Prints a validated document's structure the way `bsondump --type debug` lays it out:
/// each document's size, then each element's key, type number and size (type byte, key and
/// value), recursing into embedded documents and arrays with three more tabs of indentation.
///
/// ```text
/// --- new object ---
/// 	size : 27
/// 		name
/// 			type:    2 size: 15
/// ```
enum BSONDebugPrinter {
    static func print(_ document: BSONDocument, into out: inout [UInt8]) {
        document.withUnsafeBytes { p in
            printDocument(p, at: 0, level: 0, into: &out)
        }
    }

    /// `p` holds a validated document, so every length inside it is in range; the recursion
    /// is bounded by the validator's depth limit.
    private static func printDocument(_ p: UnsafeRawBufferPointer, at start: Int, level: Int, into out: inout [UInt8]) {
        let size = Int(BSONBytes.int32(p, start))
        let end = start + size - 1
        tabs(level, &out)
        text("--- new object ---\n", &out)
        tabs(level + 1, &out)
        text("size : \(size)\n", &out)
        var pos = start + 4
        while pos < end {
            let type = p[pos]
            let keyEnd = BSONBytes.cstringEnd(p, pos + 1)
            let valueAt = keyEnd + 1
            let valueEnd = valueAt + BSONBytes.valueSize(p, type, valueAt)
            tabs(level + 2, &out)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[(pos + 1)..<keyEnd]))
            out.append(UInt8(ascii: "\n"))
            tabs(level + 3, &out)
            let number = String(Int8(bitPattern: type))
            text("type: " + String(repeating: " ", count: max(0, 4 - number.count)) + number, &out)
            text(" size: \(valueEnd - pos)\n", &out)
            if type == BSONType.document.rawValue || type == BSONType.array.rawValue {
                printDocument(p, at: valueAt, level: level + 3, into: &out)
            }
            pos = valueEnd
        }
    }

    private static func tabs(_ n: Int, _ out: inout [UInt8]) {
        for _ in 0..<n { out.append(UInt8(ascii: "\t")) }
    }

    private static func text(_ s: String, _ out: inout [UInt8]) {
        out.append(contentsOf: s.utf8)
    }
}
