/// Computes a dashboard's figures from the store, through the landlord's cache.
struct DashboardService {
    /// How many of the largest balances due the page lists (the CSV has them all).
    static let arrearsShown = 25

    let store: DashboardStore
    let versions: LandlordDataVersions

    /// `landlordDashboard(for:month:)` in the large: the figures of `scope` over `period`, as of `today`.
    func figures(landlord: UserID, scope: DashboardScope, period: DashboardPeriod, today: CalendarDay) throws
        -> DashboardFigures
    {
        try versions.cached("figures:\(scope.key):\(period.key):\(today)", landlord: landlord) {
            try compute(landlord: landlord, scope: scope, period: period, today: today)
        }
    }

    /// The figures straight from the database.
    func compute(landlord: UserID, scope: DashboardScope, period: DashboardPeriod, today: CalendarDay) throws
        -> DashboardFigures
    {
        let chart = (period.to.monthIndex - 11)...period.to.monthIndex
        let leases = try store.leaseStandings(landlord: landlord, scope: scope)
        let groups = LeaseGroup.grouping(leases, today: today)
        let firstMonth = min(chart.lowerBound, period.wholeMonths?.lowerBound ?? chart.lowerBound)
        let byMonth = try store.collectedByMonth(
            landlord: landlord, scope: scope, months: firstMonth...chart.upperBound)
        var collected = period.wholeMonths.map { $0.reduce(0) { $0 + byMonth[$1, default: 0] } } ?? 0
        for span in period.partialSpans {
            collected += try store.collected(landlord: landlord, scope: scope, days: span)
        }
        let charged = try store.chargedByMonth(landlord: landlord, scope: scope, months: firstMonth...chart.upperBound)
        func expected(_ month: Int) -> Int {
            groups.reduce(charged[month, default: 0]) { $0 + ($1.overlaps(month: month) ? $1.rent : 0) }
        }
        var units = 1
        switch scope {
        case .all: units = try store.unitCount(landlord: landlord, property: nil)
        case .property(let id): units = try store.unitCount(landlord: landlord, property: id)
        case .lease: break
        }
        let arrears: [ArrearsLine] =
            if case .lease = scope { [] } else {
                try arrears(leases, landlord: landlord, today: today, limit: Self.arrearsShown)
            }
        var byAge = [0, 0, 0, 0]
        var deposits: [PropertyAmount] = []
        if case .lease = scope {
        } else {
            let charges = try store.recentCharges(landlord: landlord, scope: scope, today: today)
            byAge = ArrearsAgeing.buckets(leases, charges: charges, today: today)
            deposits = try depositsHeld(leases, landlord: landlord)
        }
        return DashboardFigures(
            collected: collected, expected: period.months.reduce(0) { $0 + expected($1) },
            outstanding: groups.reduce(0) { $0 + $1.arrears }, tenantsInArrears: groups.reduce(0) { $0 + $1.inArrears },
            units: units, occupied: groups.reduce(0) { $0 + $1.openLeases },
            months: chart.map { MonthFigures(month: $0, collected: byMonth[$0, default: 0], expected: expected($0)) },
            arrears: arrears, arrearsByAge: byAge, depositsHeld: deposits)
    }

    /// Deposits held per property, by property name; the names are read only when one is held.
    private func depositsHeld(_ leases: [LeaseStanding], landlord: UserID) throws -> [PropertyAmount] {
        var held: [Int64: Int] = [:]
        for lease in leases where lease.depositHeld > 0 { held[lease.propertyID, default: 0] += lease.depositHeld }
        guard !held.isEmpty else { return [] }
        return try store.propertyNames(landlord: landlord).compactMap { property in
            held[property.id.raw].map {
                PropertyAmount(propertyID: property.id.raw, propertyName: property.name, amount: $0)
            }
        }
    }

    /// The scope's open leases with a balance due today, largest first (then by lease); all of them
    /// when `limit` is nil.
    func arrears(landlord: UserID, scope: DashboardScope, today: CalendarDay, limit: Int?) throws -> [ArrearsLine] {
        try arrears(
            store.leaseStandings(landlord: landlord, scope: scope), landlord: landlord, today: today, limit: limit)
    }

    private func arrears(_ leases: [LeaseStanding], landlord: UserID, today: CalendarDay, limit: Int?) throws
        -> [ArrearsLine]
    {
        var owing = leases.compactMap { lease -> (lease: LeaseStanding, balance: Int)? in
            let balance = lease.balance(asOf: today)
            return lease.isOpen && balance > 0 ? (lease, balance) : nil
        }
        owing.sort { $0.balance != $1.balance ? $0.balance > $1.balance : $0.lease.id < $1.lease.id }
        if let limit { owing = Array(owing.prefix(limit)) }
        let names = try store.leaseNames(owing.map(\.lease.id), landlord: landlord)
        return owing.compactMap { lease, balance in
            names[lease.id].map {
                ArrearsLine(
                    leaseID: lease.id, tenantName: $0.tenantName, tenantEmail: $0.tenantEmail, unitLabel: $0.unitLabel,
                    propertyName: $0.propertyName, monthlyRent: lease.schedule.monthlyRent, balance: balance)
            }
        }
    }
}
