import Foundation
import MariaDB

/// The payments of a dashboard, newest first, by an index range of days
/// (`payments_landlord`, `payments_property` or `payments_lease`).
extension DashboardStore {
    /// One page; fetches one row more than the page so the caller knows whether another follows.
    func payments(landlord: UserID, scope: DashboardScope, filter: PaymentsFilter) throws -> [PaymentLine] {
        let (sql, parameters) = Self.paymentsQuery(landlord: landlord, scope: filter.scope(within: scope), filter)
        return try db.query(
            sql + " ORDER BY p.paid_at DESC, p.id DESC LIMIT ? OFFSET ?",
            parameters: parameters + [PaymentsFilter.pageSize + 1, (filter.page - 1) * PaymentsFilter.pageSize]
        ).map(PaymentLine.init)
    }

    /// Every payment the filter matches (all pages), newest first, handed over in batches so
    /// that a long export never holds more than one batch of rows.
    func eachPayment(
        landlord: UserID, scope: DashboardScope, filter: PaymentsFilter, batch: Int = 2000,
        _ body: ([PaymentLine]) throws -> Void
    ) throws {
        let (sql, parameters) = Self.paymentsQuery(landlord: landlord, scope: filter.scope(within: scope), filter)
        var after: PaymentLine?
        repeat {
            var bound = parameters
            var keyset = ""
            if let after {
                keyset = " AND (p.paid_at < ? OR (p.paid_at = ? AND p.id < ?))"
                bound += [after.paidAt, after.paidAt, after.id.raw]
            }
            let lines = try db.query(
                sql + keyset + " ORDER BY p.paid_at DESC, p.id DESC LIMIT ?", parameters: bound + [batch]
            ).map(PaymentLine.init)
            try body(lines)
            after = lines.count == batch ? lines.last : nil
        } while after != nil
    }

    private static func paymentsQuery(landlord: UserID, scope: DashboardScope, _ filter: PaymentsFilter) -> (
        String, [(any SQLBindable)?]
    ) {
        let (condition, scopeParameters) = condition(scope, "p", landlord: landlord)
        // Payments first, whatever the statistics say: the list is a backward walk of one index range.
        var sql = "SELECT STRAIGHT_JOIN \(PaymentLine.columns) FROM \(PaymentLine.tables)"
        sql += " WHERE \(condition) AND p.paid_at >= ? AND p.paid_at < ?"
        var parameters =
            scopeParameters + [MonthMath.start(of: filter.period.from), MonthMath.end(of: filter.period.to)]
        if let channel = filter.channel {
            sql += " AND p.channel = ?"
            parameters.append(channel.rawValue)
        }
        return (sql, parameters)
    }

    /// Collected per month under one lease (for its statement), deposits left out, by month index.
    func leaseMonths(_ lease: LeaseID, landlord: UserID) throws -> [Int: Int] {
        var totals: [Int: Int] = [:]
        for row in try db.query(
            "SELECT month, collected - deposit_collected AS collected FROM lease_month_totals WHERE lease_id = ? AND landlord_id = ?",
            lease.raw,
            landlord.raw)
        {
            totals[CalendarDay(utcMidnight: try row.date("month")).monthIndex] = try row.int("collected")
        }
        return totals
    }
}
