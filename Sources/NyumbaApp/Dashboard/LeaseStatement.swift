/// A lease's monthly statement: for each month from the start (or the first payment or charge) to now
/// (or the end), the rent that fell due under `RentSchedule` plus the charges less credits due that
/// month, what was paid, and the balance carried.
struct LeaseStatement {
    /// One month, as shown.
    struct Line {
        let month: String
        let due: String
        let paid: String
        let balance: String
        let owes: Bool
    }

    /// The months, newest first.
    let lines: [Line]

    init(
        schedule: RentSchedule, paidByMonth: [Int: Int], chargedByMonth: [Int: Int], today: CalendarDay, say: Wording
    ) {
        let paidMonths = Set(paidByMonth.keys).union(chargedByMonth.keys)
        let first = min(schedule.start.monthIndex, paidMonths.min() ?? .max)
        let last = max(schedule.end.map { min($0, today) }?.monthIndex ?? today.monthIndex, paidMonths.max() ?? .min)
        guard first <= last else {
            lines = []
            return
        }
        func dueBy(_ month: Int) -> Int { schedule.rentDue(asOf: min(MonthMath.last(month), today)) }
        var carried = 0
        var lines: [Line] = []
        for month in first...last {
            let due = dueBy(month) - dueBy(month - 1) + chargedByMonth[month, default: 0]
            let paid = paidByMonth[month, default: 0]
            carried += due - paid
            lines.append(
                Line(
                    month: say.month(month), due: say.money(due), paid: say.money(paid), balance: say.balance(carried),
                    owes: carried > 0))
        }
        self.lines = lines.reversed()
    }
}
