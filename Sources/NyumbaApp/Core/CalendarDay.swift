import Foundation

/// A calendar date with no time of day (a DATE column, or a day in Nairobi).
struct CalendarDay: Comparable, Hashable, Sendable, CustomStringConvertible {
    let year: Int
    let month: Int
    let day: Int

    init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`; nil if it is not a real date.
    init?(iso text: String) {
        guard let valid = NairobiTime.parseISODate(text) else { return nil }
        let parts = valid.split(separator: "-").compactMap { Int($0) }
        self.init(parts[0], parts[1], parts[2])
    }

    /// A DATE column's text, `YYYY-MM-DD`, read without a calendar (lists read thousands of them);
    /// nil unless it has that shape.
    init?(sqlDate text: String) {
        var fields = [0, 0, 0]
        var field = 0
        for byte in text.utf8.prefix(10) {
            if byte == UInt8(ascii: "-") {
                field += 1
                guard field < 3 else { return nil }
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                fields[field] = fields[field] * 10 + Int(byte - UInt8(ascii: "0"))
            } else {
                return nil
            }
        }
        guard field == 2, (1...12).contains(fields[1]), (1...31).contains(fields[2]) else { return nil }
        self.init(fields[0], fields[1], fields[2])
    }

    /// A date as the number SQL gives for `date_column + 0`: `20260131`.
    init(number: Int) {
        self.init(number / 10_000, number / 100 % 100, number % 100)
    }

    /// A DATE column as read by the database layer (UTC midnight of that day).
    init(utcMidnight date: Date) {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        self.init(parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// Today, or the day of `now`, in Nairobi.
    static func nairobi(_ now: Date = Date()) -> CalendarDay {
        CalendarDay(iso: NairobiTime.today(now: now)) ?? CalendarDay(1970, 1, 1)
    }

    /// Months since year 0, so that months can be counted by subtraction.
    var monthIndex: Int { year * 12 + month - 1 }

    /// The date as `YYYY-MM-DD` (for SQL and form fields).
    var description: String {
        "\(year)-" + (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
    }

    /// Midnight UTC of this day, the way DATE columns are read.
    var utcMidnight: Date { SQLDay.date(self) }

    static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// The day `dueDay` (1–28, so that every month has it) of the month `index`.
    static func dueDate(monthIndex index: Int, dueDay: Int) -> CalendarDay {
        CalendarDay(index / 12, index % 12 + 1, dueDay)
    }
}

/// Converts a `CalendarDay` to a `Date` at UTC midnight.
private enum SQLDay {
    static func date(_ day: CalendarDay) -> Date {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        return utc.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            ?? Date(timeIntervalSince1970: 0)
    }
}
