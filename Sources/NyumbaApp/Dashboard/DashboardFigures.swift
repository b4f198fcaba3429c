/// The computed figures of one dashboard (a scope, a period, a day): what the cache keeps.
struct DashboardFigures: Codable, Sendable, Equatable {
    /// Received in the period.
    var collected: Int
    /// Monthly rent of every lease overlapping each month the period touches.
    var expected: Int
    /// Today's arrears: rent due to date minus payments, over open leases that owe something.
    var outstanding: Int
    var tenantsInArrears: Int
    var units: Int
    /// Units with an open lease.
    var occupied: Int
    /// Twelve months ending with the period's last month, oldest first.
    var months: [MonthFigures]
    /// The largest balances due, largest first (at most `DashboardService.arrearsShown`).
    var arrears: [ArrearsLine]
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

/// Leases that share a start and end date, summed: enough to know the rent expected in any month
/// and today's arrears without reading the leases one by one.
struct LeaseGroup: Sendable {
    let start: CalendarDay
    let end: CalendarDay?
    let rent: Int
    let openLeases: Int
    let arrears: Int
    let inArrears: Int

    /// True when the leases overlap the month: they start by its last day and have not ended by its first.
    func overlaps(month index: Int) -> Bool {
        start <= MonthMath.last(index) && (end.map { $0 > MonthMath.first(index) } ?? true)
    }
}
