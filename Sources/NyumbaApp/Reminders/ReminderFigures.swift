import Foundation

/// What a reminder tells the tenant: how much to pay, and by when.
struct ReminderFigures: Equatable {
    /// Shillings owed by `dueDate` (or now, when that has passed); 0 or less is nothing due.
    let amountDue: Int
    /// The due day the amount belongs to; nil once the lease has no due day left.
    let dueDate: CalendarDay?

    /// A reminder sent by hand today: what is owed now and the due day it fell due on, or,
    /// when nothing is owed, the next rent and its due day.
    static func manual(_ lease: LeaseDetails, today: CalendarDay) -> ReminderFigures {
        manual(lease.account, today: today)
    }

    static func manual(_ account: LeaseAccount, today: CalendarDay) -> ReminderFigures {
        let schedule = account.schedule
        let owing = account.balance(asOf: today)
        if owing > 0, let last = schedule.lastDueDate(onOrBefore: today) {
            return ReminderFigures(amountDue: owing, dueDate: last)
        }
        guard let next = schedule.nextDueDate(after: today) else {
            return ReminderFigures(amountDue: owing, dueDate: nil)
        }
        return ReminderFigures(amountDue: account.balance(asOf: next), dueDate: next)
    }

    /// An automatic reminder about the rent due on `dueDate`: what will be owed by then
    /// (before the due day) or is owed now (on or after it).
    static func automatic(_ lease: LeaseDetails, dueDate: CalendarDay, today: CalendarDay) -> ReminderFigures {
        automatic(lease.account, dueDate: dueDate, today: today)
    }

    static func automatic(_ account: LeaseAccount, dueDate: CalendarDay, today: CalendarDay) -> ReminderFigures {
        ReminderFigures(amountDue: account.balance(asOf: max(today, dueDate)), dueDate: dueDate)
    }
}

extension RentSchedule {
    /// The latest due day on or before `today` since the lease started; nil before the first.
    func lastDueDate(onOrBefore today: CalendarDay) -> CalendarDay? {
        let index = today.monthIndex - (today.day < dueDay ? 1 : 0)
        let candidate = CalendarDay.dueDate(monthIndex: index, dueDay: dueDay)
        return candidate >= start ? candidate : nil
    }
}

extension CalendarDay {
    /// The day `days` after this one (before it when negative).
    func adding(days: Int) -> CalendarDay {
        CalendarDay(utcMidnight: utcMidnight.addingTimeInterval(Double(days) * 86_400))
    }

    /// The first day of this day's month.
    var firstOfMonth: CalendarDay { CalendarDay(year, month, 1) }
}
