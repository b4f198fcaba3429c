import Foundation
import MariaDB

/// The dashboard's SQL. Figures come from the summary kept with every payment
/// (`lease_month_totals`, `leases.total_paid`) and from the leases; the payments table is read
/// only by index ranges of days (lists, exports, and the odd days of a range that is not whole
/// months). Every query names the landlord.
struct DashboardStore {
    let db: Connection

    /// Every lease of the scope with what its balance needs, from the covering index `leases_dashboard`
    /// (a landlord with thousands of leases is one index range; balances are computed by the caller).
    func leaseStandings(landlord: UserID, scope: DashboardScope) throws -> [LeaseStanding] {
        let (condition, parameters) = Self.condition(scope, "l", landlord: landlord, leaseColumn: "id")
        // Dates as YYYYMMDD numbers and columns by position: this runs over thousands of rows.
        return try db.query(
            """
            SELECT l.id, l.monthly_rent, l.due_day, l.start_date + 0, l.end_date + 0, l.total_paid, l.total_charged,
                   l.property_id, IF(l.deposit_settled, 0, l.deposit)
            FROM leases l WHERE \(condition)
            """, parameters: parameters
        ).map { row in
            let schedule = RentSchedule(
                monthlyRent: Int(try row.int64(at: 1)), dueDay: Int(try row.int64(at: 2)),
                start: CalendarDay(number: Int(try row.int64(at: 3))),
                end: try row.optionalInt64(at: 4).map { CalendarDay(number: Int($0)) })
            let account = LeaseAccount(
                schedule: schedule, charged: Int(try row.int64(at: 6)), paid: Int(try row.int64(at: 5)))
            return LeaseStanding(
                id: try row.int64(at: 0), account: account, propertyID: try row.int64(at: 7),
                unsettledDeposit: Int(try row.int64(at: 8)))
        }
    }

    /// Who and where each of the landlord's leases in `ids` is, by lease id (another landlord's are left out).
    func leaseNames(_ ids: [Int64], landlord: UserID) throws -> [Int64: LeaseNames] {
        var names: [Int64: LeaseNames] = [:]
        // A fixed number of placeholders (the last id repeated), so that one prepared statement serves.
        let chunk = DashboardService.arrearsShown
        let placeholders = sqlPlaceholders(chunk)
        for start in stride(from: 0, to: ids.count, by: chunk) {
            let slice = Array(ids[start..<min(start + chunk, ids.count)])
            let padded = slice + Array(repeating: slice[slice.count - 1], count: chunk - slice.count)
            let rows = try db.query(
                """
                SELECT l.id, t.name AS tenant_name, t.email, u.label, pr.name AS property_name
                FROM leases l JOIN users t ON t.id = l.tenant_id JOIN units u ON u.id = l.unit_id
                JOIN properties pr ON pr.id = l.property_id
                WHERE l.id IN (\(placeholders)) AND l.landlord_id = ?
                """, parameters: padded.map { $0 as (any SQLBindable)? } + [landlord.raw])
            for row in rows {
                names[try row.int64("id")] = LeaseNames(
                    tenantName: try row.string("tenant_name"), tenantEmail: try row.string("email"),
                    unitLabel: try row.string("label"), propertyName: try row.string("property_name"))
            }
        }
        return names
    }

    /// Collected per calendar month (by month index), deposits left out (held, not income), from the
    /// monthly totals: per property (one row per property and month) for all properties or one, per
    /// lease for a lease.
    func collectedByMonth(landlord: UserID, scope: DashboardScope, months: ClosedRange<Int>) throws -> [Int: Int] {
        let (condition, parameters) = Self.condition(scope, "m", landlord: landlord)
        let table = if case .lease = scope { "lease_month_totals" } else { "property_month_totals" }
        let rows = try db.query(
            """
            SELECT m.month, SUM(m.collected - m.deposit_collected) AS collected FROM \(table) m
            WHERE \(condition) AND m.month BETWEEN ? AND ? GROUP BY m.month
            """,
            parameters: parameters + [
                MonthMath.first(months.lowerBound).description, MonthMath.first(months.upperBound).description,
            ])
        var totals: [Int: Int] = [:]
        for row in rows {
            totals[CalendarDay(utcMidnight: try row.date("month")).monthIndex] = try row.int("collected")
        }
        return totals
    }

    /// Charges minus credits falling due per calendar month (by month index), deposits left out (a
    /// deposit is held, not income): from the monthly summary per property (`property_month_charges`),
    /// or a lease's own charges.
    func chargedByMonth(landlord: UserID, scope: DashboardScope, months: ClosedRange<Int>) throws -> [Int: Int] {
        let (first, last) = (MonthMath.first(months.lowerBound), MonthMath.last(months.upperBound))
        let rows: [Row]
        if case .lease = scope {
            let (condition, parameters) = Self.condition(scope, "c", landlord: landlord)
            rows = try db.query(
                """
                SELECT DATE_FORMAT(c.due_on, '%Y-%m-01') AS month, SUM(c.amount) AS charged FROM charges c
                WHERE \(condition) AND c.due_on BETWEEN ? AND ? AND c.kind <> 'deposit'
                GROUP BY DATE_FORMAT(c.due_on, '%Y-%m-01')
                """, parameters: parameters + [first.description, last.description])
        } else {
            let (condition, parameters) = Self.condition(scope, "m", landlord: landlord)
            rows = try db.query(
                """
                SELECT m.month, SUM(m.charged) AS charged FROM property_month_charges m
                WHERE \(condition) AND m.month BETWEEN ? AND ? GROUP BY m.month
                """, parameters: parameters + [first.description, last.description])
        }
        var totals: [Int: Int] = [:]
        for row in rows { totals[try row.day("month").monthIndex] = try row.int("charged") }
        return totals
    }

    /// Per lease, the charges (not credits) that fell due in each of the arrears ages' first three
    /// buckets (`ArrearsAgeing`); one grouped index range of days.
    func recentCharges(landlord: UserID, scope: DashboardScope, today: CalendarDay) throws -> [Int64: [Int]] {
        let (condition, parameters) = Self.condition(scope, "c", landlord: landlord)
        let starts = ArrearsAgeing.bucketStarts(today: today).map(\.description)
        let rows = try db.query(
            """
            SELECT c.lease_id, SUM(IF(c.due_on >= ?, c.amount, 0)), SUM(IF(c.due_on >= ? AND c.due_on < ?, c.amount, 0)),
                   SUM(IF(c.due_on < ?, c.amount, 0))
            FROM charges c WHERE \(condition) AND c.due_on BETWEEN ? AND ? AND c.amount > 0 GROUP BY c.lease_id
            """,
            parameters: [starts[0], starts[1], starts[0], starts[1]] + parameters + [starts[2], today.description])
        var charges: [Int64: [Int]] = [:]
        for row in rows {
            charges[try row.int64(at: 0)] = try (1...3).map { Int(try row.int64(at: $0)) }
        }
        return charges
    }

    /// Collected on the days of `span` (Nairobi), deposits left out, read from the payments by an index
    /// range of days.
    func collected(landlord: UserID, scope: DashboardScope, days span: ClosedRange<CalendarDay>) throws -> Int {
        let (condition, parameters) = Self.condition(scope, "p", landlord: landlord)
        let paid =
            try db.queryOne(
                """
                SELECT COALESCE(SUM(p.amount), 0) AS collected FROM payments p
                WHERE \(condition) AND p.paid_at >= ? AND p.paid_at < ?
                """,
                parameters: parameters + [MonthMath.start(of: span.lowerBound), MonthMath.end(of: span.upperBound)]
            )?.int("collected") ?? 0
        let months = span.lowerBound.monthIndex...span.upperBound.monthIndex
        return try months.reduce(paid) {
            $0 - (try depositPart(landlord: landlord, scope: scope, month: $1, days: span))
        }
    }

    /// What of the payments on the days of `span` in `month` went to deposits: each lease's deposit part
    /// of the month (`deposit_collected`) taken by its payments in the order they were paid. Only the
    /// leases that paid some of a deposit that month are read.
    private func depositPart(landlord: UserID, scope: DashboardScope, month: Int, days span: ClosedRange<CalendarDay>)
        throws -> Int
    {
        let (condition, parameters) = Self.condition(scope, "m", landlord: landlord)
        let (monthStart, monthEnd) = (
            MonthMath.start(of: MonthMath.first(month)), MonthMath.end(of: MonthMath.last(month))
        )
        return try db.queryOne(
            """
            SELECT COALESCE(SUM(part), 0) AS part FROM (
                SELECT p.paid_at, LEAST(p.amount, GREATEST(0, m.deposit_collected
                    - (SUM(p.amount) OVER (PARTITION BY p.lease_id ORDER BY p.paid_at, p.id) - p.amount))) AS part
                FROM lease_month_totals m
                JOIN payments p ON p.lease_id = m.lease_id AND p.paid_at >= ? AND p.paid_at < ?
                WHERE \(condition) AND m.month = ? AND m.deposit_collected > 0
            ) parts WHERE parts.paid_at >= ? AND parts.paid_at < ?
            """,
            parameters: [monthStart, monthEnd] + parameters + [
                MonthMath.first(month).description, MonthMath.start(of: span.lowerBound),
                MonthMath.end(of: span.upperBound),
            ]
        )?.int("part") ?? 0
    }

    /// How many units the landlord has, in one property or in all.
    func unitCount(landlord: UserID, property: PropertyID?) throws -> Int {
        let filter = property == nil ? "" : " AND pr.id = ?"
        var parameters: [(any SQLBindable)?] = [landlord.raw]
        if let property { parameters.append(property.raw) }
        return try db.queryOne(
            """
            SELECT COUNT(*) AS units FROM properties pr JOIN units u ON u.property_id = pr.id
            WHERE pr.landlord_id = ?\(filter)
            """, parameters: parameters
        )?.int("units") ?? 0
    }

    /// The landlord's property names, for the property filter.
    func propertyNames(landlord: UserID) throws -> [(id: PropertyID, name: String)] {
        try db.query("SELECT id, name FROM properties WHERE landlord_id = ? ORDER BY name, id", landlord.raw).map {
            (PropertyID(try $0.int64("id")), try $0.string("name"))
        }
    }

    /// The scope as a condition on a table with `landlord_id`, `property_id` and a lease column, most
    /// selective index column first; the landlord is always part of it.
    static func condition(
        _ scope: DashboardScope, _ alias: String, landlord: UserID, leaseColumn: String = "lease_id"
    ) -> (String, [(any SQLBindable)?]) {
        switch scope {
        case .all: ("\(alias).landlord_id = ?", [landlord.raw])
        case .property(let id): ("\(alias).property_id = ? AND \(alias).landlord_id = ?", [id.raw, landlord.raw])
        case .lease(let id): ("\(alias).\(leaseColumn) = ? AND \(alias).landlord_id = ?", [id.raw, landlord.raw])
        }
    }
}
