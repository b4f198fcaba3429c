import Foundation
import Web

/// The period a dashboard shows: one calendar month (`?month=YYYY-MM`, the default being the
/// current month in Nairobi) or a range of days (`?from=YYYY-MM-DD&to=YYYY-MM-DD`), both ends included.
struct DashboardPeriod: Hashable, Sendable {
    let from: CalendarDay
    let to: CalendarDay
    /// True when the period is exactly one calendar month, chosen as such.
    let isMonth: Bool

    /// The longest range accepted, so that one request cannot ask for decades of rows.
    static let longestRangeInMonths = 60

    /// The calendar month `index` (see `CalendarDay.monthIndex`).
    static func month(_ index: Int) -> DashboardPeriod {
        DashboardPeriod(from: MonthMath.first(index), to: MonthMath.last(index), isMonth: true)
    }

    /// Reads the period from the query; a malformed one is a 400 whose words say what to type.
    static func read(_ query: FormData, today: CalendarDay) throws(HTTPError) -> DashboardPeriod {
        let from = query["from"] ?? ""
        let to = query["to"] ?? ""
        if !from.isEmpty || !to.isEmpty {
            guard let start = CalendarDay(iso: from), let end = CalendarDay(iso: to), start <= end,
                end.monthIndex - start.monthIndex < longestRangeInMonths
            else {
                throw .badRequest("dashboard.bad_range")
            }
            return DashboardPeriod(from: start, to: end, isMonth: false)
        }
        guard let text = query["month"], !text.isEmpty else { return month(today.monthIndex) }
        guard let day = CalendarDay(iso: text + "-01") else {
            throw .badRequest("dashboard.bad_month", ["example": MonthMath.iso(today.monthIndex)])
        }
        return month(day.monthIndex)
    }

    /// The calendar months the period touches, in order.
    var months: ClosedRange<Int> { from.monthIndex...to.monthIndex }

    /// The months wholly inside the period, if any.
    var wholeMonths: ClosedRange<Int>? {
        let first = from.day == 1 ? from.monthIndex : from.monthIndex + 1
        let last = to == MonthMath.last(to.monthIndex) ? to.monthIndex : to.monthIndex - 1
        return first <= last ? first...last : nil
    }

    /// The parts of the period outside its whole months (at most two runs of days).
    var partialSpans: [ClosedRange<CalendarDay>] {
        guard let whole = wholeMonths else { return [from...to] }
        var spans: [ClosedRange<CalendarDay>] = []
        if from.monthIndex < whole.lowerBound { spans.append(from...MonthMath.last(from.monthIndex)) }
        if to.monthIndex > whole.upperBound { spans.append(MonthMath.first(to.monthIndex)...to) }
        return spans
    }

    /// The address form of the period, for links.
    var query: String {
        isMonth ? "month=\(MonthMath.iso(from.monthIndex))" : "from=\(from)&to=\(to)"
    }

    /// `March 2025`, or `5 Mar 2025 – 20 Apr 2025`.
    var label: String {
        isMonth
            ? MonthMath.longName(from.monthIndex)
            : "\(NairobiTime.day(from.utcMidnight)) – \(NairobiTime.day(to.utcMidnight))"
    }

    /// Part of a cache key: the period exactly.
    var key: String { "\(from)..\(to)\(isMonth ? "m" : "")" }
}

/// Arithmetic on month indexes (`year * 12 + month - 1`).
enum MonthMath {
    static let names = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    static func first(_ index: Int) -> CalendarDay { CalendarDay(index / 12, index % 12 + 1, 1) }

    static func last(_ index: Int) -> CalendarDay {
        let year = index / 12
        let month = index % 12 + 1
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return CalendarDay(year, month, lengths[month - 1])
    }

    /// `2025-03`.
    static func iso(_ index: Int) -> String {
        let month = index % 12 + 1
        return "\(index / 12)-" + (month < 10 ? "0" : "") + "\(month)"
    }

    /// `March 2025`.
    static func longName(_ index: Int) -> String { "\(names[index % 12]) \(index / 12)" }

    /// `Mar`.
    static func shortName(_ index: Int) -> String { String(names[index % 12].prefix(3)) }

    /// The instant a Nairobi day begins, for comparisons with UTC timestamps (EAT is UTC+3 all year).
    static func start(of day: CalendarDay) -> Date { day.utcMidnight.addingTimeInterval(-3 * 3600) }

    /// The instant just after a Nairobi day ends.
    static func end(of day: CalendarDay) -> Date { start(of: day).addingTimeInterval(24 * 3600) }
}
