import Foundation

// How BSONEncoder and BSONDecoder write and read Foundation's `Decimal`: as a decimal128, exactly
// (a value that one of the two types cannot hold is an error, never rounded).

extension BSONEncodingState {
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

extension BSONDecodingState {
    func decodeDecimal(_ ref: BSONValueRef) throws -> Decimal {
        switch ref.type {
        case BSONType.int32.rawValue, BSONType.int64.rawValue:
            return Decimal(try decodeInteger(Int64.self, ref))
        case BSONType.decimal128.rawValue:
            guard case .decimal128(let d) = materialize(ref.type, ref.at) else { throw mismatch(Decimal.self, ref) }
            let text = d.description
            if text == "NaN" { return .nan }
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN,
                  Self.sameNumber(text, value.description) else {
                throw inexact(Decimal.self, ref)
            }
            return value
        default:
            throw mismatch(Decimal.self, ref, expected: "a decimal128 or an integer")
        }
    }

    /// True when two decimal strings denote the same number (compares digits and exponent).
    static func sameNumber(_ a: String, _ b: String) -> Bool {
        guard let x = normalized(a), let y = normalized(b) else { return false }
        return x == y
    }

    /// (sign, significant digits without leading/trailing zeros, exponent of the last digit).
    private static func normalized(_ s: String) -> (Bool, [UInt8], Int)? {
        var u = Array(s.utf8)
        var negative = false
        if u.first == UInt8(ascii: "-") { negative = true; u.removeFirst() } else if u.first == UInt8(ascii: "+") { u.removeFirst() }
        var exponent = 0
        if let e = u.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) {
            guard let x = Int(String(decoding: u[(e + 1)...], as: UTF8.self)) else { return nil }
            exponent = x
            u.removeSubrange(e...)
        }
        var digits: [UInt8] = []
        var seenPoint = false
        for c in u {
            if c == UInt8(ascii: ".") { seenPoint = true; continue }
            guard c >= 48, c <= 57 else { return nil }
            digits.append(c)
            if seenPoint { exponent -= 1 }
        }
        while let first = digits.first, first == 48 { digits.removeFirst() }
        while let last = digits.last, last == 48 { digits.removeLast(); exponent += 1 }
        if digits.isEmpty { return (false, [], 0) }
        return (negative, digits, exponent)
    }
}
