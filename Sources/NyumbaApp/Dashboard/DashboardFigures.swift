/// The computed figures of one dashboard (a scope, a period, a day): what the cache keeps.
struct DashboardFigures: Codable, Sendable, Equatable {
    /// Received in the period.
    var collected: Int
    /// Monthly rent of every lease overlapping each month the period touches, plus the charges
    /// (less credits; deposits are held, not income) falling due in those months.
    var expected: Int
    /// Today's arrears: rent and charges due to date minus credits and payments, over open leases
    /// that owe something.
    var outstanding: Int
    var tenantsInArrears: Int
    var units: Int
    /// Units with an open lease.
    var occupied: Int
    /// Twelve months ending with the period's last month, oldest first.
    var months: [MonthFigures]
    /// The largest balances due, largest first (at most `DashboardService.arrearsShown`).
    var arrears: [ArrearsLine]
    /// Today's arrears by how long they have been due: 0–30, 31–60, 61–90 and over 90 days.
    var arrearsByAge: [Int] = [0, 0, 0, 0]
    /// Deposits held (paid, not yet settled) per property; not income.
    var depositsHeld: [PropertyAmount] = []
}

/// An amount for one property.
struct PropertyAmount: Codable, Sendable, Equatable {
    let propertyID: Int64
    let propertyName: String
    let amount: Int
}

/// Collected and expected in one calendar month.
struct MonthFigures: Codable, Sendable, Equatable {
    /// See `CalendarDay.monthIndex`.
    let month: Int
    let collected: Int
    let expected: Int
}

/// A tenant whose open lease has a balance due.
struct ArrearsLine: Codable, Sendable, Equatable {
    let leaseID: Int64
    let tenantName: String
    let tenantEmail: String
    let unitLabel: String
    let propertyName: String
    let monthlyRent: Int
    let balance: Int
}

/// One lease as the figures need it: its account (rent schedule, charges and payments so far).
struct LeaseStanding: Sendable {
    let id: Int64
    let account: LeaseAccount
    var propertyID: Int64 = 0
    /// The lease's deposit while not settled (0 once settled or without one).
    var unsettledDeposit = 0

    var schedule: RentSchedule { account.schedule }
    var isOpen: Bool { schedule.end == nil }

    /// What the lease owes by `day` (see `LeaseAccount`); negative is credit.
    func balance(asOf day: CalendarDay) -> Int { account.balance(asOf: day) }

    /// The deposit held: as far as paid (it falls due at the start, and payments go to the oldest
    /// items first), until settled.
    var depositHeld: Int { Deposits.held(unsettledDeposit, paid: account.paid) }
}

/// Who and where a lease is, for the arrears list.
struct LeaseNames: Sendable {
    let tenantName: String
    let tenantEmail: String
    let unitLabel: String
    let propertyName: String
}

/// Leases that share a start and end date, summed: enough to know the rent expected in any month
/// and today's arrears without going through the leases one by one again for every month.
struct LeaseGroup: Sendable {
    let start: CalendarDay
    let end: CalendarDay?
    var rent = 0
    var openLeases = 0
    var arrears = 0
    var inArrears = 0

    /// True when the leases overlap the month: they start by its last day and have not ended by its first.
    func overlaps(month index: Int) -> Bool {
        start <= MonthMath.last(index) && (end.map { $0 > MonthMath.first(index) } ?? true)
    }

    /// The leases grouped by start and end date, with today's arrears of the open ones.
    static func grouping(_ leases: [LeaseStanding], today: CalendarDay) -> [LeaseGroup] {
        var groups: [[CalendarDay?]: LeaseGroup] = [:]
        for lease in leases {
            let key = [lease.schedule.start, lease.schedule.end]
            var group = groups[key] ?? LeaseGroup(start: lease.schedule.start, end: lease.schedule.end)
            group.rent += lease.schedule.monthlyRent
            if lease.isOpen {
                group.openLeases += 1
                let balance = lease.balance(asOf: today)
                if balance > 0 {
                    group.arrears += balance
                    group.inArrears += 1
                }
            }
            groups[key] = group
        }
        return Array(groups.values)
    }
}
