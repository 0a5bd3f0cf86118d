import Foundation

/// ISO 8601 date-times: the one formatter and the one parser of the library.
///
/// Used by relaxed Extended JSON (`{"$date": "…"}`, written by `ExtendedJSONWriter` and read by
/// `ExtendedJSONParser` and by BSON values decoded from other coders), by the Codable
/// `.iso8601` date strategies, and by `BSONDatetime.description`. Exact integer arithmetic over
/// ``CivilCalendar``; no Foundation formatter, calendar, time zone or locale.
enum ISO8601 {
    // MARK: Formatter

    /// The years the formatter writes. Both ranges write the same text; outside its range a
    /// caller uses its other form.
    enum Years {
        /// 1970 through 9999: the datetimes relaxed Extended JSON writes as a string (the
        /// Extended JSON spec's rule; the others are written `{"$numberLong": "…"}`). Also
        /// `BSONDatetime.description`, which prints the millisecond count otherwise.
        case relaxedExtendedJSON
        /// 0000 through 9999, every year with four digits: the Codable `.iso8601` strategy
        /// (a `Date` outside them is an encoding error).
        case fourDigit

        var milliseconds: ClosedRange<Int64> {
            switch self {
            case .relaxedExtendedJSON: 0...253_402_300_799_999                     // 1970-01-01T00:00:00Z ... 9999-12-31T23:59:59.999Z
            case .fourDigit: -62_167_219_200_000...253_402_300_799_999             // 0000-01-01T00:00:00Z ... 9999-12-31T23:59:59.999Z
            }
        }
    }

    /// Appends `YYYY-MM-DDTHH:MM:SS[.mmm]Z` (UTC; the milliseconds only when they are not zero,
    /// and then always three digits, as the Extended JSON spec asks) to `out`. Returns false,
    /// appending nothing, when `ms` is outside `years`.
    @inline(__always)
    static func append<Sink: BSONByteSink & ~Copyable>(milliseconds ms: Int64, years: Years, to out: inout Sink) -> Bool {
        guard years.milliseconds.contains(ms) else { return false }
        // Floored division: the millisecond, second and day before `ms`, never negative parts.
        let millis = Int(ms - (ms < 0 ? (ms - 999) / 1000 : ms / 1000) * 1000)
        let seconds = (ms - Int64(millis)) / 1000
        let secondOfDay = Int(seconds - (seconds < 0 ? (seconds - 86_399) / 86_400 : seconds / 86_400) * 86_400)
        let (year, month, day) = CivilCalendar.date(days: Int((seconds - Int64(secondOfDay)) / 86_400))
        @inline(__always) func two(_ v: Int) {
            out.append(UInt8(truncatingIfNeeded: 0x30 + v / 10))
            out.append(UInt8(truncatingIfNeeded: 0x30 + v % 10))
        }
        two(year / 100); two(year % 100); out.append(UInt8(ascii: "-"))
        two(month); out.append(UInt8(ascii: "-"))
        two(day); out.append(UInt8(ascii: "T"))
        two(secondOfDay / 3600); out.append(UInt8(ascii: ":"))
        two(secondOfDay / 60 % 60); out.append(UInt8(ascii: ":"))
        two(secondOfDay % 60)
        if millis != 0 {
            out.append(UInt8(ascii: "."))
            out.append(UInt8(truncatingIfNeeded: 0x30 + millis / 100))
            two(millis % 100)
        }
        out.append(UInt8(ascii: "Z"))
        return true
    }

    /// The text ``append(milliseconds:years:to:)`` writes, or nil outside `years`.
    static func string(milliseconds ms: Int64, years: Years) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        guard append(milliseconds: ms, years: years, to: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Parser

    /// A parsed date-time: whole seconds since 1970-01-01T00:00:00Z plus a fraction.
    struct Instant: Equatable {
        var seconds: Int64
        /// The first nine digits of the fraction, as nanoseconds (0..<1_000_000_000).
        var nanoseconds: Int
        /// Whether the fraction has a nonzero digit after the ninth.
        var moreDigits: Bool

        /// The nearest millisecond (``DateConversion``'s rule, on the exact decimal value).
        var milliseconds: Int64 {
            DateConversion.milliseconds(seconds: seconds, nanoseconds: nanoseconds, moreDigits: moreDigits)
        }

        /// The `Date` of ``milliseconds``: a `Date` read from text is rounded to the millisecond
        /// like every `Date` the library stores, so text gives the same milliseconds whether it
        /// is read as a `$date` or as a `Date` that is then encoded (a `Date` cannot keep the
        /// exact fraction anyway: it counts seconds from 2001 in a `Double`, about 10^-7 s
        /// apart around 1970, which would break halfway ties one way or the other).
        var date: Date { DateConversion.date(milliseconds: milliseconds) }
    }

    /// Parses an ISO 8601 date-time with its zone. One grammar for every entry point: the
    /// Extended JSON parser's `{"$date": "…"}`, the same wrapper decoded from other coders,
    /// and the Codable `.iso8601` decoding strategy.
    ///
    /// Accepted, and nothing else (no surrounding space, no `,` before the fraction, no space
    /// for `T`, no week or ordinal dates, no basic `YYYYMMDD` form, no local time):
    ///
    ///     YYYY-MM-DD ( T | t ) HH:MM [ :SS [ . 1*DIGIT ] ] ( Z | z | ( + | - ) HH [:] MM )
    ///
    /// That is RFC 3339 §5.6 `date-time`, which the Extended JSON spec names for `$date`
    /// (lower-case `t` and `z` included, which its §5.6 note allows), plus two forms libbson
    /// 1.23's `bson_new_from_json` reads and RFC 3339 does not: seconds left out
    /// (`1970-01-01T00:00Z`) and a zone offset without its colon (`+0100`).
    ///
    /// - Years 0000 to 9999 (four digits; astronomical, year 0 is 1 BCE); months 01 to 12;
    ///   days that their month has in the proleptic Gregorian calendar (`1970-02-30` is
    ///   refused, where libbson rolls it over into March); hours 00 to 23; minutes 00 to 59.
    /// - **Second 60 is accepted**, in any minute, and reads as second 0 of the next minute
    ///   (`2016-12-31T23:59:60Z` is `2017-01-01T00:00:00Z`, 1483228800000 ms). RFC 3339 §5.6
    ///   allows 60 for a leap second; BSON datetimes, like POSIX time, count no leap seconds,
    ///   so the instant after 23:59:59 is the only reading; libbson 1.23 reads it the same way
    ///   (also in any minute, as it cannot know the leap-second table either).
    /// - **Fractional seconds of any length** (RFC 3339 `1*DIGIT`; libbson reads 1 to 3),
    ///   rounded to the nearest millisecond from their exact decimal value, halfway away from
    ///   zero (``Instant/milliseconds``, the rule ``DateConversion`` applies to `Date`s), for a
    ///   BSON datetime and for a `Date` alike (``Instant/date``).
    /// - Zone offsets `+HH:MM`, `-HH:MM` (RFC 3339), `+HHMM`, `-HHMM` (libbson), hours 00 to
    ///   23, minutes 00 to 59; `-00:00` is UTC. A zone is required.
    static func parse(_ s: UnsafeBufferPointer<UInt8>) -> Instant? {
        let n = s.count
        var i = 0
        @inline(__always) func digits(_ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var value = 0
            for k in i..<(i + count) {
                let d = s[k] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                value = value * 10 + Int(d)
            }
            i += count
            return value
        }
        @inline(__always) func skip(_ c: UInt8, or other: UInt8? = nil) -> Bool {
            guard i < n, s[i] == c || s[i] == other else { return false }
            i += 1
            return true
        }

        guard let year = digits(4), skip(UInt8(ascii: "-")), let month = digits(2), skip(UInt8(ascii: "-")),
              let day = digits(2), skip(UInt8(ascii: "T"), or: UInt8(ascii: "t")),
              let hour = digits(2), skip(UInt8(ascii: ":")), let minute = digits(2)
        else { return nil }
        var second = 0
        var nanoseconds = 0
        var moreDigits = false
        if skip(UInt8(ascii: ":")) {
            guard let s2 = digits(2) else { return nil }
            second = s2
            if skip(UInt8(ascii: ".")) {
                var count = 0
                while i < n {
                    let d = s[i] &- UInt8(ascii: "0")
                    if d >= 10 { break }
                    if count < 9 { nanoseconds = nanoseconds * 10 + Int(d) } else if d != 0 { moreDigits = true }
                    count += 1
                    i += 1
                }
                guard count > 0 else { return nil }
                for _ in min(count, 9)..<9 { nanoseconds *= 10 }
            }
        }
        var offset = 0
        if !skip(UInt8(ascii: "Z"), or: UInt8(ascii: "z")) {
            guard i < n, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") else { return nil }
            let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let offsetHour = digits(2) else { return nil }
            _ = skip(UInt8(ascii: ":"))
            guard let offsetMinute = digits(2), offsetHour <= 23, offsetMinute <= 59 else { return nil }
            offset = sign * (offsetHour * 3600 + offsetMinute * 60)
        }
        guard i == n, (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Instant(seconds: Int64(seconds), nanoseconds: nanoseconds, moreDigits: moreDigits)
    }

    static func parse(_ bytes: [UInt8]) -> Instant? {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    static func parse(_ text: String) -> Instant? {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}
