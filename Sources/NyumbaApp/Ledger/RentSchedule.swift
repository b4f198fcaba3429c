import Foundation

/// When rent falls due under a lease. Rent for a month is due in full on the lease's due
/// day; the due days that count are those from the start date (inclusive) to today
/// (inclusive) and, once the lease has ended, before its end date (the tenant has left
/// by then, so a due day on the move-out day is not charged).
struct RentSchedule: Sendable {
    let monthlyRent: Int
    /// 1–28.
    let dueDay: Int
    let start: CalendarDay
    let end: CalendarDay?

    /// How many monthly due days have come by `today`.
    func dueMonths(asOf today: CalendarDay) -> Int {
        let first = start.monthIndex + (start.day > dueDay ? 1 : 0)
        var last = today.monthIndex - (today.day < dueDay ? 1 : 0)
        if let end { last = min(last, end.monthIndex - (end.day <= dueDay ? 1 : 0)) }
        return max(0, last - first + 1)
    }

    /// The rent owed under the lease by `today`, before any payment.
    func rentDue(asOf today: CalendarDay) -> Int { dueMonths(asOf: today) * monthlyRent }

    /// The next due day after `today`; nil once the lease has ended by then.
    func nextDueDate(after today: CalendarDay) -> CalendarDay? {
        var index = max(today, start).monthIndex
        var candidate = CalendarDay.dueDate(monthIndex: index, dueDay: dueDay)
        while candidate <= today || candidate < start {
            index += 1
            candidate = CalendarDay.dueDate(monthIndex: index, dueDay: dueDay)
        }
        if let end, candidate >= end { return nil }
        return candidate
    }
}
