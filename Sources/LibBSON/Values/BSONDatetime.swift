import Foundation

/// A BSON UTC datetime: signed milliseconds since the Unix epoch.
///
/// Every `Int64` value round-trips exactly, which Foundation's `Date` (a `Double` of seconds)
/// cannot promise for values far from 1970. Convert with ``init(_:)``, ``init(validating:)``
/// and ``date``, which follow the same rule as the Codable date strategies and the Extended
/// JSON readers: a `Date` is stored as its nearest millisecond.
public struct BSONDatetime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64

    /// Creates a datetime from milliseconds since the epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Creates a datetime from a `Date`, rounded to the nearest millisecond (halfway cases away
    /// from zero), as `BSONEncoder` stores a `Date`: `BSONDatetime(Date(timeIntervalSince1970: 1.0006))`
    /// is 1001 ms, and `BSONDatetime(dt.date) == dt` for every datetime within 2^51 ms (about
    /// 71,000 years) of 1970.
    ///
    /// A `Date` that has no BSON datetime is clamped: beyond the `Int64` range of milliseconds
    /// (about 292 million years either side of 1970) it becomes `Int64.max` or `Int64.min`, and
    /// NaN becomes 0. Use ``init(validating:)`` to get nil instead.
    ///
    /// Earlier versions rounded down, so a `Date` made from milliseconds could come back one
    /// millisecond early, and `BSONEncoder` stored the same `Date` differently.
    public init(_ date: Date) {
        millisecondsSinceEpoch = DateConversion.clampedMilliseconds(date)
    }

    /// Creates a datetime from a `Date`, rounded to the nearest millisecond as ``init(_:)`` does,
    /// or nil when the `Date` is NaN or infinite or beyond the `Int64` range of milliseconds
    /// (where `BSONEncoder` throws `EncodingError.invalidValue`).
    public init?(validating date: Date) {
        guard let ms = DateConversion.milliseconds(date) else { return nil }
        millisecondsSinceEpoch = ms
    }

    /// The nearest `Date` (see ``init(_:)`` for the way back).
    public var date: Date { DateConversion.date(milliseconds: millisecondsSinceEpoch) }

    public static func < (lhs: BSONDatetime, rhs: BSONDatetime) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// ISO 8601 with milliseconds (`2012-12-24T12:15:30.501Z`) for years 1970 to 9999 (the
    /// datetimes relaxed Extended JSON writes as text), else the millisecond count.
    public var description: String {
        ISO8601.string(milliseconds: millisecondsSinceEpoch, years: .relaxedExtendedJSON)
            ?? "\(millisecondsSinceEpoch) ms since epoch"
    }
}
