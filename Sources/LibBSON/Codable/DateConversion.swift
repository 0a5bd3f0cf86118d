import Foundation

/// Exact conversions between `Date` and BSON's integer milliseconds, and ISO 8601 text.
enum DateConversion {
    /// Milliseconds since 1970, rounded to the nearest; nil for NaN or outside the `Int64` range.
    static func milliseconds(_ date: Date) -> Int64? {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        guard ms.isFinite, ms >= -9.223372036854775808e18, ms < 9.223372036854775808e18 else { return nil }
        return Int64(ms)
    }

    /// The `Date` of a millisecond count (the same rule as ``BSONDatetime/date``).
    static func date(milliseconds ms: Int64) -> Date {
        Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    /// Howard Hinnant's days-from-civil (proleptic Gregorian).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = m > 2 ? m - 3 : m + 9
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DDTHH:MM:SS[.mmm]Z` for years 0000 to 9999; nil outside that range.
    static func iso8601(milliseconds ms: Int64) -> String? {
        // 0000-01-01T00:00:00Z ... 9999-12-31T23:59:59.999Z
        guard ms >= -62_167_219_200_000, ms <= 253_402_300_799_999 else { return nil }
        var seconds = ms / 1000
        var millis = ms % 1000
        if millis < 0 { millis += 1000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (y, m, d) = ISO8601Millis.civilFromDays(Int(days))
        var out = ""
        out.reserveCapacity(24)
        func pad(_ v: Int, _ width: Int) {
            let s = String(v)
            for _ in s.count..<width { out.append("0") }
            out.append(s)
        }
        pad(y, 4); out.append("-"); pad(m, 2); out.append("-"); pad(d, 2); out.append("T")
        let sod = Int(secondOfDay)
        pad(sod / 3600, 2); out.append(":"); pad(sod / 60 % 60, 2); out.append(":"); pad(sod % 60, 2)
        if millis != 0 { out.append("."); pad(Int(millis), 3) }
        out.append("Z")
        return out
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM|+HHMM|-HHMM)`.
    static func parseISO8601(_ text: String) -> Date? {
        let u = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= u.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let c = u[k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < u.count, u[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
              let day = digits(2) else { return nil }
        guard i < u.count, u[i] == UInt8(ascii: "T") || u[i] == UInt8(ascii: "t") else { return nil }
        i += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2), expect(UInt8(ascii: ":")),
              let second = digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        var fraction = 0.0
        if i < u.count, u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: ",") {
            i += 1
            var scale = 0.1
            var any = false
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                fraction += Double(u[i] - 48) * scale
                scale /= 10
                i += 1
                any = true
            }
            guard any else { return nil }
        }
        var offsetSeconds = 0
        guard i < u.count else { return nil }
        if u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") {
            i += 1
        } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
            let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = digits(2) else { return nil }
            _ = expect(UInt8(ascii: ":"))
            guard let om = digits(2), oh <= 23, om <= 59 else { return nil }
            offsetSeconds = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == u.count else { return nil }
        let days = daysFromCivil(year, month, day)
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        // Build the date from whole milliseconds when the fraction has at most millisecond
        // precision, so that text written by `iso8601(milliseconds:)` reads back exactly.
        let millis = (fraction * 1000).rounded()
        if abs(fraction * 1000 - millis) < 1e-6 {
            return date(milliseconds: Int64(whole) * 1000 + Int64(millis))
        }
        return Date(timeIntervalSince1970: Double(whole) + fraction)
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
