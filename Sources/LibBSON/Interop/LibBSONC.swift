import CLibBSON

/// The library's own uses of libbson (Decimal128 text); the public bridge is in the
/// `BSONDocument+C*` files beside this one, and the test oracles (libbson's Extended JSON parser
/// and writer) live with the tests, in `LibBSONTestSupport`.
///
/// Ownership rule: each function that receives memory from libbson (`bson_t`, `char *`) frees
/// it before returning, so no libbson allocation outlives the call that made it. Long-lived
/// C handles (`bson_context_t`) are owned by exactly one Swift object (``ObjectIDGenerator``).
enum LibBSONC {
    // MARK: Decimal128

    /// The longest decimal string handed to libbson (see ``decimal128(parsing:)``).
    static let maxDecimal128StringLength = 6_300

    static func decimal128String(low: UInt64, high: UInt64) -> String {
        let (low, high) = canonicalDecimal128(low: low, high: high)
        var dec = bson_decimal128_t(low: low, high: high)
        // BSON_DECIMAL128_STRING is 43: the longest string libbson writes, NUL included.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 48) { buf in
            bson_decimal128_to_string(&dec, buf.baseAddress)
            return String(cString: buf.baseAddress!)
        }
    }

    /// The high 64 bits of 10^34 (its low 64 bits are ``tenToThe34Low``).
    static let tenToThe34High: UInt64 = 0x1_ED09_BEAD_87C0
    static let tenToThe34Low: UInt64 = 0x378D_8E64_0000_0000

    /// A Decimal128 whose coefficient is above 10^34 - 1 as the zero it stands for.
    ///
    /// In the usual BID form (combination bits not `11`) the coefficient is the low 113 bits,
    /// which can hold up to 2^113 - 1; IEEE 754-2008 and the BSON Decimal128 spec read a
    /// coefficient above 10^34 - 1 as zero, keeping the sign and exponent. libbson 1.23's
    /// `bson_decimal128_to_string` prints all 35 digits of such a value instead, text that
    /// `bson_decimal128_from_string` refuses (or, with a trailing 0, reads as another value).
    /// (The `11` form's coefficients are all above 10^34 - 1; libbson already prints them as zero.)
    static func canonicalDecimal128(low: UInt64, high: UInt64) -> (low: UInt64, high: UInt64) {
        guard (high >> 61) & 0b11 != 0b11 else { return (low, high) }
        let coefficientMask: UInt64 = (1 << 49) - 1
        let coefficientHigh = high & coefficientMask
        guard coefficientHigh > tenToThe34High || (coefficientHigh == tenToThe34High && low >= tenToThe34Low) else {
            return (low, high)
        }
        return (0, high & ~coefficientMask)
    }

    static func decimal128(parsing string: String) -> (low: UInt64, high: UInt64)? {
        var dec = bson_decimal128_t()
        var utf8 = Array(string.utf8)
        if utf8.contains(0) { return nil }
        // libbson 1.23 counts digits in a 16-bit exponent: "0." followed by 65,530 zeros and a
        // 5 comes back as 5E-6176 instead of an error. No exact Decimal128 needs more than
        // 6,176 + 34 digits plus a sign, point and exponent, so longer strings are refused.
        guard utf8.count <= maxDecimal128StringLength else { return nil }
        utf8.append(0)
        let ok = utf8.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) {
                bson_decimal128_from_string_w_len($0, Int32(truncatingIfNeeded: p.count - 1), &dec)
            }
        }
        return ok ? (dec.low, dec.high) : nil
    }
}
