/// Reads the date strings of relaxed Extended JSON (`{"$date": "1970-01-01T00:00:00Z"}`) as
/// milliseconds since the Unix epoch.
///
/// Accepted: `YYYY-MM-DDTHH:MM[:SS[.f{1,3}]]` followed by `Z`, `±HHMM` or `±HH:MM` — the
/// forms libbson 1.23 reads (it requires `T` and the zone, makes seconds optional, and allows
/// second 60), plus the RFC 3339 `±HH:MM` offset that libbson refuses. Unlike libbson, a day
/// that its month does not have (`1970-02-30`) is refused rather than rolled over.
enum ISO8601DateParser {
    static func milliseconds(_ s: [UInt8]) -> Int64? {
        var j = 0
        let n = s.count

        func digits(_ count: Int) -> Int? {
            guard j + count <= n else { return nil }
            var value = 0
            for k in j..<(j + count) {
                let d = s[k] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                value = value * 10 + Int(d)
            }
            j += count
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard j < n, let ascii = c.asciiValue, s[j] == ascii else { return false }
            j += 1
            return true
        }

        guard let year = digits(4), expect("-"),
              let month = digits(2), expect("-"),
              let day = digits(2), expect("T"),
              let hour = digits(2), expect(":"),
              let minute = digits(2)
        else { return nil }
        var second = 0
        var millis = 0
        if j < n, s[j] == UInt8(ascii: ":") {
            j += 1
            guard let sec = digits(2) else { return nil }
            second = sec
            if j < n, s[j] == UInt8(ascii: ".") {
                j += 1
                var count = 0
                while j < n, s[j] &- UInt8(ascii: "0") < 10, count < 4 {
                    millis = millis * 10 + Int(s[j] &- UInt8(ascii: "0"))
                    count += 1
                    j += 1
                }
                guard (1...3).contains(count) else { return nil }
                for _ in count..<3 { millis *= 10 }
            }
        }
        var offsetSeconds = 0
        guard j < n else { return nil }
        switch s[j] {
        case UInt8(ascii: "Z"):
            j += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = s[j] == UInt8(ascii: "-") ? -1 : 1
            j += 1
            guard let zoneHour = digits(2) else { return nil }
            _ = expect(":")
            guard let zoneMinute = digits(2), zoneHour <= 23, zoneMinute <= 59 else { return nil }
            offsetSeconds = sign * (zoneHour * 3600 + zoneMinute * 60)
        default:
            return nil
        }
        guard j == n else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
        return Int64(seconds) * 1_000 + Int64(millis)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
