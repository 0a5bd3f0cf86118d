import Foundation

/// A BSON UTC datetime: signed milliseconds since the Unix epoch.
///
/// Every `Int64` value round-trips exactly, which Foundation's `Date` (a `Double` of seconds)
/// cannot promise for values far from 1970. Convert with ``init(_:)`` and ``date``.
public struct BSONDatetime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64

    /// Creates a datetime from milliseconds since the epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Creates a datetime from a `Date`, rounding down to the millisecond and clamping to the `Int64` range.
    public init(_ date: Date) {
        let ms = (date.timeIntervalSince1970 * 1000).rounded(.down)
        if ms >= 9.223372036854775807e18 {
            millisecondsSinceEpoch = .max
        } else if ms <= -9.223372036854775808e18 {
            millisecondsSinceEpoch = .min
        } else if ms.isNaN {
            millisecondsSinceEpoch = 0
        } else {
            millisecondsSinceEpoch = Int64(ms)
        }
    }

    /// The nearest `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

    public static func < (lhs: BSONDatetime, rhs: BSONDatetime) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// ISO 8601 with milliseconds (`2012-12-24T12:15:30.501Z`) for years 1970 to 9999,
    /// else the millisecond count.
    public var description: String {
        ISO8601Millis.format(millisecondsSinceEpoch) ?? "\(millisecondsSinceEpoch) ms since epoch"
    }
}

/// Exact integer formatting of datetimes as ISO 8601 (no floating point, no Foundation formatter).
enum ISO8601Millis {
    /// The form relaxed Extended JSON uses: `YYYY-MM-DDTHH:MM:SS[.mmm]Z`, for years 1970 to 9999;
    /// nil outside that range. Milliseconds are written only when they are not zero.
    static func format(_ ms: Int64) -> String? {
        guard ms >= 0, ms <= 253_402_300_799_999 else { return nil }
        let millis = Int(ms % 1000)
        var seconds = Int(ms / 1000)
        let days = seconds / 86_400
        seconds %= 86_400
        let (y, m, d) = civilFromDays(days)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var out = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if millis != 0 { out += ".\(pad(millis, 3))" }
        out += "Z"
        return out
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
