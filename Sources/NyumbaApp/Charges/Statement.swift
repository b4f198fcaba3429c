import Foundation

/// One line of a lease's statement: rent falling due, a charge, a credit or a payment, with the
/// running balance after it and, for what falls due, how much of it is paid (oldest first).
struct StatementLine: Equatable {
    enum Kind: Equatable {
        case rent
        case charge(ChargeKind)
        case payment
    }

    let day: CalendarDay
    let kind: Kind
    let description: String
    /// What falls due (rent, a charge): positive; 0 otherwise.
    let debit: Int
    /// A payment or a credit: positive; 0 otherwise (a payment's reversal is a negative credit).
    let credit: Int
    /// The stored charge or credit of the line, if it is one, and the charge a credit reverses.
    var chargeID: ChargeID? = nil
    var reverses: ChargeID? = nil
    var balance = 0
    /// Of a debit, how much payments and credits cover (oldest first).
    var paid = 0

    var isDebit: Bool { debit > 0 }
    /// Debits first within a day, then credits, then payments.
    fileprivate var order: Int {
        switch kind {
        case .rent: 0
        case .charge(let kind): kind == .credit ? 2 : 1
        case .payment: 3
        }
    }
}

/// A lease's statement for a period: the balance brought forward, every line in the period with the
/// running balance, and the balance carried. Payments and credits go to the oldest items first (a
/// credit that reverses a charge goes to that charge); the closing balance equals `LeaseAccount`'s.
struct Statement: Equatable {
    let from: CalendarDay
    let to: CalendarDay
    let opening: Int
    let lines: [StatementLine]
    let closing: Int

    /// A payment as the statement needs it.
    struct Payment {
        let day: CalendarDay
        let amount: Int
        let description: String
    }

    init(schedule: RentSchedule, charges: [ChargeLine], payments: [Payment], from: CalendarDay, to: CalendarDay) {
        self.from = from
        self.to = to
        var all = schedule.dueDates(through: to).map {
            StatementLine(day: $0, kind: .rent, description: "Rent", debit: schedule.monthlyRent, credit: 0)
        }
        for charge in charges where charge.dueOn <= to {
            all.append(
                StatementLine(
                    day: charge.dueOn, kind: .charge(charge.kind),
                    description: charge.description + (charge.reason.map { " (\($0))" } ?? ""),
                    debit: max(charge.amount, 0), credit: max(-charge.amount, 0), chargeID: charge.id,
                    reverses: charge.reverses))
        }
        for payment in payments where payment.day <= to {
            all.append(
                StatementLine(
                    day: payment.day, kind: .payment, description: payment.description, debit: 0,
                    credit: payment.amount))
        }
        // Stable: lines of one day and kind keep the order they were given in (charges and payments by id).
        all = all.enumerated().sorted {
            ($0.element.day, $0.element.order, $0.offset) < ($1.element.day, $1.element.order, $1.offset)
        }.map(\.element)
        Self.allocate(&all)
        var balance = 0
        var opening = 0
        for index in all.indices {
            balance += all[index].debit - all[index].credit
            all[index].balance = balance
            if all[index].day < from { opening = balance }
        }
        self.opening = opening
        lines = all.filter { $0.day >= from }
        closing = balance
    }

    /// Covers the debits oldest first with the payments and credits; a credit that reverses a charge
    /// covers that charge first.
    private static func allocate(_ lines: inout [StatementLine]) {
        var pool = 0
        for credit in lines where credit.credit != 0 {
            guard let target = credit.reverses, let index = lines.firstIndex(where: { $0.chargeID == target }) else {
                pool += credit.credit
                continue
            }
            let covered = min(credit.credit, lines[index].debit - lines[index].paid)
            lines[index].paid += covered
            pool += credit.credit - covered
        }
        for index in lines.indices where lines[index].isDebit && pool > 0 {
            let covered = min(pool, lines[index].debit - lines[index].paid)
            lines[index].paid += covered
            pool -= covered
        }
    }
}

extension RentSchedule {
    /// Every due day from the start (inclusive; or from `first`, if later) to `day` (inclusive) and
    /// before the end date: the days `rentDue(asOf:)` counts.
    func dueDates(from first: CalendarDay? = nil, through day: CalendarDay) -> [CalendarDay] {
        let from = max(start, first ?? start)
        var dates: [CalendarDay] = []
        var index = from.monthIndex
        while true {
            let date = CalendarDay.dueDate(monthIndex: index, dueDay: dueDay)
            if date > day || end.map({ date >= $0 }) == true { return dates }
            if date >= from { dates.append(date) }
            index += 1
        }
    }
}
