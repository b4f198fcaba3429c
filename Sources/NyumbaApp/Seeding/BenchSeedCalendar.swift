/// Calendar arithmetic for the benchmark history, without Foundation in the inner loops:
/// months in Nairobi and instants written as MariaDB UTC DATETIME text.
struct BenchMonth: Hashable, Sendable {
    let year: Int
    let month: Int

    /// The month `offset` months after this one (negative: before).
    func adding(_ offset: Int) -> BenchMonth {
        let index = year * 12 + (month - 1) + offset
        return BenchMonth(year: index / 12, month: index % 12 + 1)
    }

    var dayCount: Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// `YYYY-MM-01`.
    var firstDay: String { BenchTime.date(year, month, 1) }
}

/// A moment in Nairobi time, turned into UTC text for DATETIME columns.
enum BenchTime {
    /// Nairobi is UTC+3 all year.
    static let nairobiOffsetSeconds = 3 * 3600

    /// `YYYY-MM-DD`.
    static func date(_ year: Int, _ month: Int, _ day: Int) -> String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The UTC `YYYY-MM-DD HH:MM:SS` of a Nairobi wall-clock time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> String {
        let seconds = days(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - nairobiOffsetSeconds
        let (y, m, d) = civil(seconds.floorDiv(86_400))
        let time = seconds - seconds.floorDiv(86_400) * 86_400
        return date(y, m, d) + " " + pad(time / 3600, 2) + ":" + pad(time / 60 % 60, 2) + ":" + pad(time % 60, 2)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
    static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDiv(400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int {
    fileprivate func floorDiv(_ divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
