/// A 128-bit IEEE 754-2008 decimal floating-point value (BSON type 0x13).
///
/// Strings convert exactly through libbson (`bson_decimal128_from_string_w_len` and
/// `bson_decimal128_to_string`), so `BSONDecimal128("0.10").description == "0.10"`.
public struct BSONDecimal128: Sendable, Hashable, CustomStringConvertible {
    /// The low 64 bits of the IEEE 754-2008 BID encoding.
    public var low: UInt64
    /// The high 64 bits of the IEEE 754-2008 BID encoding.
    public var high: UInt64

    /// Creates a value from its two 64-bit halves.
    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Parses a decimal string such as `"1.05E+3"`, `"-0.0"`, `"Infinity"` or `"NaN"`.
    /// - Throws: ``BSONError/Code-swift.struct/invalidString`` when the string is not a valid
    ///   Decimal128 or cannot be represented exactly.
    public init(_ string: String) throws {
        guard let (low, high) = LibBSONC.decimal128(parsing: string) else {
            throw BSONError(.invalidString, "not a valid Decimal128 string: \"\(string)\"")
        }
        self.init(low: low, high: high)
    }

    /// The exact string form, as the Extended JSON `$numberDecimal` uses.
    ///
    /// A non-canonical encoding whose coefficient is above 10^34 - 1 stands for zero (IEEE
    /// 754-2008, BSON spec) and is written as that zero with its sign and exponent (`"0E+3"`),
    /// so every string here reads back as the same value. (libbson 1.23 writes all 35 digits.)
    public var description: String { LibBSONC.decimal128String(low: low, high: high) }
}
