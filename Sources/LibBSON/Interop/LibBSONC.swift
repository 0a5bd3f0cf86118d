import CLibBSON

/// Every call into libbson goes through this namespace (the rest of the library speaks Swift).
///
/// Ownership rule: each function that receives memory from libbson (`bson_t`, `char *`) frees
/// it before returning, so no libbson allocation outlives the call that made it. Long-lived
/// C handles (`bson_context_t`) are owned by exactly one Swift object (``ObjectIDGenerator``).
enum LibBSONC {
    /// libbson's version string, e.g. "1.23.1".
    static var version: String { String(cString: bson_get_version()) }

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

    // MARK: Extended JSON (libbson's parser and reference writer)

    /// Parses Extended JSON (canonical, relaxed and the legacy forms libbson accepts) into BSON bytes.
    static func bsonBytes(fromJSON text: String) throws -> [UInt8] {
        var error = bson_error_t()
        let utf8 = Array(text.utf8)
        let doc: OpaquePointer? = utf8.withUnsafeBufferPointer { p in
            // A zero-length buffer still needs a valid pointer for libbson.
            guard let base = p.baseAddress else { return nil }
            return bson_new_from_json(base, p.count, &error)
        }
        guard let doc else {
            let message = utf8.isEmpty ? "empty input" : errorMessage(&error)
            throw BSONError(.invalidJSON, "invalid Extended JSON: \(message)")
        }
        defer { bson_destroy(doc) }
        return copyBytes(of: doc)
    }

    /// libbson's own Extended JSON writer, kept as the reference our writer is tested against.
    static func referenceExtendedJSON(_ bytes: [UInt8], canonical: Bool) -> String? {
        bytes.withUnsafeBufferPointer { p -> String? in
            guard let base = p.baseAddress else { return nil }
            // bson_t is over-aligned, so Swift sees it only through pointers: let libbson
            // allocate one (a copy of the bytes) and free it here.
            guard let doc = bson_new_from_data(base, p.count) else { return nil }
            defer { bson_destroy(doc) }
            var length = 0
            guard let json = canonical
                ? bson_as_canonical_extended_json(doc, &length)
                : bson_as_relaxed_extended_json(doc, &length)
            else { return nil }
            defer { bson_free(json) }
            return String(decoding: UnsafeRawBufferPointer(start: json, count: length), as: UTF8.self)
        }
    }

    /// Copies the bytes of a libbson document (its length is its first four bytes).
    private static func copyBytes(of doc: OpaquePointer) -> [UInt8] {
        guard let data = bson_get_data(doc) else { return [] }
        let raw = UnsafeRawPointer(data)
        let len = Int(Int32(littleEndian: raw.loadUnaligned(as: Int32.self)))
        return Array(UnsafeRawBufferPointer(start: raw, count: len))
    }

    private static func errorMessage(_ error: inout bson_error_t) -> String {
        withUnsafeBytes(of: &error.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
