import LibBSON

/// Prints a document's structure the way `bsondump --type debug` lays it out: each
/// document's size, then each element's key, type number and size (type byte, key and
/// value), recursing into embedded documents and arrays with three more tabs of indentation.
///
/// ```text
/// --- new object ---
/// 	size : 27
/// 		name
/// 			type:    2 size: 15
/// ```
///
/// Keys are copied byte for byte (a document read with `validateUTF8: false` keeps its bytes);
/// the type number is the type byte as a signed 8-bit number (minKey is -1).
enum BSONDebugPrinter {
    static func print(_ document: BSONDocument, into out: inout [UInt8]) {
        printDocument(document, level: 0, into: &out)
    }

    /// The recursion is bounded by the validator's depth limit.
    private static func printDocument(_ document: BSONDocument, level: Int, into out: inout [UInt8]) {
        tabs(level, &out)
        out.append(contentsOf: "--- new object ---\n".utf8)
        tabs(level + 1, &out)
        out.append(contentsOf: "size : ".utf8)
        decimal(document.byteCount, width: 0, &out)
        out.append(UInt8(ascii: "\n"))
        for element in document.elementLayouts {
            tabs(level + 2, &out)
            document.withUnsafeBytes { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[element.keyRange])) }
            out.append(UInt8(ascii: "\n"))
            tabs(level + 3, &out)
            out.append(contentsOf: "type: ".utf8)
            decimal(Int(Int8(bitPattern: element.type.rawValue)), width: 4, &out)
            out.append(contentsOf: " size: ".utf8)
            decimal(element.elementRange.count, width: 0, &out)
            out.append(UInt8(ascii: "\n"))
            if let embedded = element.embeddedDocument {
                printDocument(embedded, level: level + 3, into: &out)
            }
        }
    }

    private static func tabs(_ n: Int, _ out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: "\t"), count: n))
    }

    /// `value` in decimal, right-aligned with spaces in `width` columns (as `%*d` would).
    private static func decimal(_ value: Int, width: Int, _ out: inout [UInt8]) {
        var digits = 1
        var rest = value.magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let sign = value < 0 ? 1 : 0
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, width - digits - sign)))
        if value < 0 { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        rest = value.magnitude
        var at = out.count - 1
        while rest > 0 {
            out[at] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            at -= 1
        }
    }
}
