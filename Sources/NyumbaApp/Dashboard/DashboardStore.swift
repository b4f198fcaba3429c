import Foundation
import MariaDB

/// The dashboard's SQL. Figures come from the summary kept with every payment
/// (`lease_month_totals`, `leases.total_paid`) and from the leases; the payments table is read
/// only by index ranges of days (lists, exports, and the odd days of a range that is not whole
/// months). Every query names the landlord.
struct DashboardStore {
    let db: Connection

    /// The scope's leases grouped by start and end date, with today's arrears of the open ones.
    func leaseGroups(landlord: UserID, scope: DashboardScope, today: CalendarDay) throws -> [LeaseGroup] {
        let (condition, parameters) = Self.condition(scope, "l", landlord: landlord, leaseColumn: "id")
        return try db.query(
            """
            SELECT b.start_date, b.end_date, SUM(b.monthly_rent) AS rent, SUM(b.end_date IS NULL) AS open_leases,
                   SUM(IF(b.end_date IS NULL AND b.balance > 0, b.balance, 0)) AS arrears,
                   SUM(b.end_date IS NULL AND b.balance > 0) AS in_arrears
            FROM (SELECT l.start_date, l.end_date, l.monthly_rent, \(Self.balance) AS balance
                  FROM leases l WHERE \(condition)) b
            GROUP BY b.start_date, b.end_date
            """, parameters: Self.today(today) + parameters
        ).map { row in
            LeaseGroup(
                start: CalendarDay(utcMidnight: try row.date("start_date")),
                end: try row.optionalDate("end_date").map(CalendarDay.init(utcMidnight:)),
                rent: try row.int("rent"), openLeases: try row.int("open_leases"), arrears: try row.int("arrears"),
                inArrears: try row.int("in_arrears"))
        }
    }

    /// Collected per calendar month (by month index), from the monthly totals: per property
    /// (one row per property and month) for all properties or one, per lease for a lease.
    func collectedByMonth(landlord: UserID, scope: DashboardScope, months: ClosedRange<Int>) throws -> [Int: Int] {
        let (condition, parameters) = Self.condition(scope, "m", landlord: landlord)
        let table = if case .lease = scope { "lease_month_totals" } else { "property_month_totals" }
        let rows = try db.query(
            """
            SELECT m.month, SUM(m.collected) AS collected FROM \(table) m
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

    /// Collected on the days of `span` (Nairobi), read from the payments by an index range of days.
    func collected(landlord: UserID, scope: DashboardScope, days span: ClosedRange<CalendarDay>) throws -> Int {
        let (condition, parameters) = Self.condition(scope, "p", landlord: landlord)
        return try db.queryOne(
            """
            SELECT COALESCE(SUM(p.amount), 0) AS collected FROM payments p
            WHERE \(condition) AND p.paid_at >= ? AND p.paid_at < ?
            """,
            parameters: parameters + [MonthMath.start(of: span.lowerBound), MonthMath.end(of: span.upperBound)]
        )?.int("collected") ?? 0
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

    /// Open leases with a balance due today, largest first; all of them when `limit` is nil.
    func arrears(landlord: UserID, scope: DashboardScope, today: CalendarDay, limit: Int?) throws -> [ArrearsLine] {
        let (condition, parameters) = Self.condition(scope, "l", landlord: landlord, leaseColumn: "id")
        var bound = Self.today(today) + parameters
        if let limit { bound.append(limit) }
        // Sorted and cut inside the derived table, so that only the rows shown are joined.
        return try db.query(
            """
            SELECT STRAIGHT_JOIN b.id, b.monthly_rent, b.balance, t.name AS tenant_name, t.email, u.label,
                   pr.name AS property_name
            FROM (SELECT l.id, l.tenant_id, l.unit_id, l.property_id, l.monthly_rent, \(Self.balance) AS balance
                  FROM leases l WHERE \(condition) AND l.end_date IS NULL
                  HAVING balance > 0 ORDER BY balance DESC, l.id\(limit == nil ? "" : " LIMIT ?")) b
            JOIN users t ON t.id = b.tenant_id JOIN units u ON u.id = b.unit_id
            JOIN properties pr ON pr.id = b.property_id
            ORDER BY b.balance DESC, b.id
            """, parameters: bound
        ).map { row in
            ArrearsLine(
                leaseID: try row.int64("id"), tenantName: try row.string("tenant_name"),
                tenantEmail: try row.string("email"), unitLabel: try row.string("label"),
                propertyName: try row.string("property_name"), monthlyRent: try row.int("monthly_rent"),
                balance: try row.int("balance"))
        }
    }

    /// The landlord's property names, for the property filter.
    func propertyNames(landlord: UserID) throws -> [(id: PropertyID, name: String)] {
        try db.query("SELECT id, name FROM properties WHERE landlord_id = ? ORDER BY name, id", landlord.raw).map {
            (PropertyID(try $0.int64("id")), try $0.string("name"))
        }
    }

    /// One of the landlord's leases with what has been paid under it (from the running total).
    func lease(_ id: LeaseID, landlord: UserID) throws -> LeaseDetails? {
        try db.queryOne(
            """
            SELECT l.id, l.tenant_id, l.landlord_id, l.property_id, l.unit_id, l.monthly_rent, l.due_day,
                   l.start_date, l.end_date, u.label, p.name AS property_name, p.location, t.name AS tenant_name,
                   t.email AS tenant_email, t.phone AS tenant_phone, o.name AS landlord_name, l.total_paid AS paid
            FROM leases l JOIN units u ON u.id = l.unit_id JOIN properties p ON p.id = l.property_id
            JOIN users t ON t.id = l.tenant_id JOIN users o ON o.id = l.landlord_id
            WHERE l.id = ? AND l.landlord_id = ?
            """, id.raw, landlord.raw
        ).map(LeaseDetails.init)
    }

    /// Today as the balance expression's parameters.
    private static func today(_ day: CalendarDay) -> [(any SQLBindable)?] { [day.monthIndex, day.day, day.monthIndex] }

    /// Rent due to date minus payments for the lease `l`, with parameters (today's month index, today's
    /// day, today's month index again). The SQL twin of `RentSchedule.dueMonths(asOf:)`: due days from the
    /// start (inclusive) to today (inclusive) and before the end date; keep the two in step.
    static let balance = """
        GREATEST(0, LEAST(? - (? < l.due_day),
                          IFNULL(YEAR(l.end_date) * 12 + MONTH(l.end_date) - 1 - (DAY(l.end_date) <= l.due_day), ?))
                    - (YEAR(l.start_date) * 12 + MONTH(l.start_date) - 1 + (DAY(l.start_date) > l.due_day)) + 1)
        * CAST(l.monthly_rent AS SIGNED) - l.total_paid
        """

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
