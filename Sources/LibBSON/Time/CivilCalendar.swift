/// The proleptic Gregorian calendar, as day counts from 1970-01-01: the one civil calendar
/// every date API of the library uses (the ISO 8601 formatter and parser, and through them
/// relaxed Extended JSON, the Codable `.iso8601` strategies and `BSONDatetime.description`).
///
/// Exact integer arithmetic (Howard Hinnant's `days_from_civil` / `civil_from_days`), valid
/// for any year whose day count fits in `Int`; no Foundation calendar, time zone or locale.
/// Years are astronomical (year 0 is 1 BCE), as ISO 8601 numbers them.
enum CivilCalendar {
    /// Days from 1970-01-01 to `year-month-day` (negative before 1970). `month` is 1...12 and
    /// `day` is 1...31; a day its month does not have is not checked here (see ``daysIn(month:year:)``).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year                      // years start in March
        let era = (y >= 0 ? y : y - 399) / 400                    // 400-year cycles, floored
        let yearOfEra = y - era * 400                             // 0...399
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1   // 0...365, from March 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear    // 0...146_096
        return era * 146_097 + dayOfEra - 719_468                 // 719_468: 0000-03-01 to 1970-01-01
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097                                                        // 0...146_096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365   // 0...399
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)          // 0...365
        let mp = (5 * dayOfYear + 2) / 153                                                      // 0...11, from March
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The number of days in `month` (1...12) of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }
}
