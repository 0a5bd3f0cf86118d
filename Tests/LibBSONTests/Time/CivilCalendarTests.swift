import Testing
@testable import LibBSON

/// The one civil calendar (`CivilCalendar`), against day numbers from Python's `datetime`
/// (proleptic Gregorian, like ours) and then exhaustively over the years 0000 to 9999.
@Suite struct CivilCalendarTests {
    /// `datetime.date(y, m, d).toordinal() - datetime.date(1970, 1, 1).toordinal()`, computed
    /// with Python 3's `datetime` (years 1 to 9999); 0000-01-01 by hand: year 0 is a leap year
    /// (divisible by 400), so it is 366 days before 0001-01-01: -719162 - 366 = -719528.
    static let anchors: [(year: Int, month: Int, day: Int, days: Int)] = [
        (0, 1, 1, -719_528), (1, 1, 1, -719_162), (1, 3, 1, -719_103), (4, 2, 29, -718_008),
        (100, 3, 1, -682_944), (400, 2, 29, -573_372), (1582, 10, 15, -141_427), (1600, 2, 29, -135_081),
        (1700, 3, 1, -98_556), (1900, 3, 1, -25_508), (1969, 12, 31, -1), (1970, 1, 1, 0),
        (2000, 2, 29, 11_016), (2000, 3, 1, 11_017), (2016, 12, 31, 17_166), (2017, 1, 1, 17_167),
        (2024, 2, 29, 19_782), (2100, 3, 1, 47_541), (5000, 7, 4, 1_106_869), (9999, 12, 31, 2_932_896),
    ]

    @Test func anchorsMatchPythonsDatetime() {
        for a in Self.anchors {
            #expect(CivilCalendar.days(year: a.year, month: a.month, day: a.day) == a.days, "\(a)")
            let date = CivilCalendar.date(days: a.days)
            #expect(date.year == a.year && date.month == a.month && date.day == a.day, "\(a) -> \(date)")
        }
    }

    /// Every day from 0000-01-01 to 9999-12-31, walked one at a time with the month lengths
    /// written out here (Gregorian leap rule), is the next day number, both ways.
    @Test func everyDayOfTheFourDigitYearsIsConsecutive() {
        var expected = -719_528
        var failures = 0
        for year in 0...9999 {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            for month in 1...12 {
                if CivilCalendar.daysIn(month: month, year: year) != lengths[month - 1] { failures += 1 }
                for day in 1...lengths[month - 1] {
                    let date = CivilCalendar.date(days: expected)
                    if CivilCalendar.days(year: year, month: month, day: day) != expected
                        || date.year != year || date.month != month || date.day != day {
                        failures += 1
                    }
                    expected += 1
                }
            }
        }
        #expect(failures == 0)
        #expect(expected == 2_932_897)
    }
}
