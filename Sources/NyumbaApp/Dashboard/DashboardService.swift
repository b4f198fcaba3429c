/// Computes a dashboard's figures from the store, through the landlord's cache.
struct DashboardService {
    /// How many of the largest balances due the page lists (the CSV has them all).
    static let arrearsShown = 25

    let store: DashboardStore
    var cache = DashboardCache.shared

    /// `landlordDashboard(for:month:)` in the large: the figures of `scope` over `period`, as of `today`.
    func figures(landlord: UserID, scope: DashboardScope, period: DashboardPeriod, today: CalendarDay) throws
        -> DashboardFigures
    {
        try cache.figures(landlord: landlord, key: "\(scope.key):\(period.key):\(today)") {
            try compute(landlord: landlord, scope: scope, period: period, today: today)
        }
    }

    /// The figures straight from the database.
    func compute(landlord: UserID, scope: DashboardScope, period: DashboardPeriod, today: CalendarDay) throws
        -> DashboardFigures
    {
        let chart = (period.to.monthIndex - 11)...period.to.monthIndex
        let groups = try store.leaseGroups(landlord: landlord, scope: scope, today: today)
        let firstMonth = min(chart.lowerBound, period.wholeMonths?.lowerBound ?? chart.lowerBound)
        let byMonth = try store.collectedByMonth(
            landlord: landlord, scope: scope, months: firstMonth...chart.upperBound)
        var collected = period.wholeMonths.map { $0.reduce(0) { $0 + byMonth[$1, default: 0] } } ?? 0
        for span in period.partialSpans {
            collected += try store.collected(landlord: landlord, scope: scope, days: span)
        }
        func expected(_ month: Int) -> Int { groups.reduce(0) { $0 + ($1.overlaps(month: month) ? $1.rent : 0) } }
        var units = 1
        switch scope {
        case .all: units = try store.unitCount(landlord: landlord, property: nil)
        case .property(let id): units = try store.unitCount(landlord: landlord, property: id)
        case .lease: break
        }
        let arrears: [ArrearsLine] =
            if case .lease = scope { [] } else {
                try store.arrears(landlord: landlord, scope: scope, today: today, limit: Self.arrearsShown)
            }
        return DashboardFigures(
            collected: collected, expected: period.months.reduce(0) { $0 + expected($1) },
            outstanding: groups.reduce(0) { $0 + $1.arrears }, tenantsInArrears: groups.reduce(0) { $0 + $1.inArrears },
            units: units, occupied: groups.reduce(0) { $0 + $1.openLeases },
            months: chart.map { MonthFigures(month: $0, collected: byMonth[$0, default: 0], expected: expected($0)) },
            arrears: arrears)
    }
}
