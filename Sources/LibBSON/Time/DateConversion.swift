import Foundation

/// The one rule between Foundation's `Date` (a `Double` of seconds) and BSON's datetime (an
/// `Int64` of milliseconds since 1970-01-01T00:00:00Z), used by every API: `BSONDatetime(_:)`
/// and ``BSONDatetime/init(validating:)``, ``BSONDatetime/date``, the Codable date strategies
/// (`.bsonDatetime`, `.millisecondsSince1970`, `.iso8601`) and the ISO 8601 text the Extended
/// JSON readers parse (``ISO8601/Instant/milliseconds``).
///
/// **Date to milliseconds: the nearest millisecond**, halfway cases away from zero (Swift's
/// `rounded()`). Not rounded down: a `Date` made from a whole number of milliseconds is often a
/// hair below it in binary floating point (1.001 s × 1000 is 1000.9999999999999), so
/// rounding down would turn `date(milliseconds: 1001)` into 1000 ms; the nearest gives back
/// exactly the milliseconds every `Date` made by ``date(milliseconds:)-(Int64)`` came from
/// (for |ms| < 2^51, about 71,000 years either side of 1970; beyond, a `Date` is too coarse).
/// C and Python clients truncate, but they start from integers (libbson's `timeval`, Python's
/// `datetime` microseconds), where nothing is lost; MongoDB's Swift driver (swift-bson) rounds
/// `timeIntervalSince1970 * 1000` to the nearest as well.
///
/// **Out of range:** NaN, infinities and dates beyond the `Int64` range of milliseconds (about
/// 292 million years either side of 1970) have no BSON datetime: ``milliseconds(_:)`` returns
/// nil, the Codable strategies throw `EncodingError.invalidValue`, ``BSONDatetime/init(validating:)``
/// returns nil, and only the non-failing ``BSONDatetime/init(_:)`` clamps (see ``clampedMilliseconds(_:)``).
///
/// **Milliseconds to Date:** `Date(timeIntervalSince1970: ms / 1000)`, the nearest `Date`.
enum DateConversion {
    /// The nearest millisecond since 1970 (halfway away from zero); nil for NaN, infinities
    /// and dates outside the `Int64` range of milliseconds.
    @inline(__always)
    static func milliseconds(_ date: Date) -> Int64? {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        // NaN fails both comparisons; 0x1p63 is Int64.max + 1, the first value out of range.
        guard ms >= -0x1p63, ms < 0x1p63 else { return nil }
        return Int64(ms)
    }

    /// ``milliseconds(_:)``, with what has no BSON datetime clamped: `Int64.max` and `Int64.min`
    /// for dates beyond the range on either side, 0 for NaN.
    static func clampedMilliseconds(_ date: Date) -> Int64 {
        if let ms = milliseconds(date) { return ms }
        let seconds = date.timeIntervalSince1970
        return seconds.isNaN ? 0 : seconds > 0 ? .max : .min
    }

    /// The `Date` of a millisecond count.
    @inline(__always)
    static func date(milliseconds ms: Int64) -> Date {
        date(milliseconds: Double(ms))
    }

    /// The `Date` of a millisecond count held as a double (the `.millisecondsSince1970`
    /// decoding strategy reads int32, int64 and double).
    @inline(__always)
    static func date(milliseconds ms: Double) -> Date {
        Date(timeIntervalSince1970: ms / 1000)
    }

    /// The nearest millisecond to `seconds` + `nanoseconds` / 10^9 (+ a little more when
    /// `moreDigits`: nonzero digits after the ninth of a decimal fraction), by the rule of
    /// ``milliseconds(_:)`` applied to the exact decimal value: nearest, halfway away from zero.
    /// `nanoseconds` is 0..<1_000_000_000; `seconds` is within ±2^53 / 1000.
    static func milliseconds(seconds: Int64, nanoseconds: Int, moreDigits: Bool) -> Int64 {
        let below = seconds * 1000 + Int64(nanoseconds / 1_000_000)
        let rest = nanoseconds % 1_000_000
        // Halfway (rest == 500_000 with nothing after): up when the value is positive, i.e.
        // away from zero; a negative value's "away from zero" is `below` itself.
        if rest > 500_000 || rest == 500_000 && (moreDigits || below >= 0) { return below + 1 }
        return below
    }
}
