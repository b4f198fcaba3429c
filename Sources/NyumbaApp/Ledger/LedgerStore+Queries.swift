import Foundation
import MariaDB

/// What tenants and landlords read from the ledger; every query is bound to the reader.
extension LedgerStore {
    /// The tenant's leases, open ones first, then the most recent.
    func leases(tenant: UserID) throws -> [LeaseDetails] {
        try db.query(
            "\(LeaseDetails.select) WHERE l.tenant_id = ? ORDER BY l.end_date IS NULL DESC, l.start_date DESC, l.id DESC",
            tenant.raw
        ).map(LeaseDetails.init)
    }

    /// One of the landlord's leases; nil for an unknown id or another landlord's.
    func lease(_ id: LeaseID, landlord: UserID) throws -> LeaseDetails? {
        try db.queryOne("\(LeaseDetails.select) WHERE l.id = ? AND l.landlord_id = ?", id.raw, landlord.raw)
            .map(LeaseDetails.init)
    }

    /// The open lease of one of the landlord's units, if it is let.
    func openLease(unit: UnitID, property: PropertyID, landlord: UserID) throws -> LeaseID? {
        try db.queryOne(
            """
            SELECT l.id FROM leases l
            WHERE l.unit_id = ? AND l.property_id = ? AND l.landlord_id = ? AND l.end_date IS NULL
            """, unit.raw, property.raw, landlord.raw
        ).map { LeaseID(try $0.int64("id")) }
    }

    /// The tenant's own payments, newest first.
    func payments(tenant: UserID, offset: Int = 0, limit: Int = 200) throws -> [PaymentLine] {
        try db.query(
            "\(PaymentLine.select) WHERE p.tenant_id = ? ORDER BY p.paid_at DESC, p.id DESC LIMIT ? OFFSET ?",
            tenant.raw, limit, offset
        ).map(PaymentLine.init)
    }

    /// The payments under one of the landlord's leases, newest first.
    func payments(lease: LeaseID, landlord: UserID) throws -> [PaymentLine] {
        try db.query(
            "\(PaymentLine.select) WHERE p.lease_id = ? AND p.landlord_id = ? ORDER BY p.paid_at DESC, p.id DESC",
            lease.raw, landlord.raw
        ).map(PaymentLine.init)
    }

    /// One page of the landlord's payments, newest first, optionally of one property;
    /// fetches one row more than `limit` so the caller knows whether a next page exists.
    func payments(landlord: UserID, property: PropertyID?, offset: Int, limit: Int) throws -> [PaymentLine] {
        let filter = property == nil ? "" : " AND p.property_id = ?"
        var parameters: [(any SQLBindable)?] = [landlord.raw]
        if let property { parameters.append(property.raw) }
        parameters += [limit + 1, offset]
        return try db.query(
            "\(PaymentLine.select) WHERE p.landlord_id = ?\(filter) ORDER BY p.paid_at DESC, p.id DESC LIMIT ? OFFSET ?",
            parameters: parameters
        ).map(PaymentLine.init)
    }

    /// A receipt the tenant may see: their own payment only.
    func receipt(_ id: PaymentID, tenant: UserID) throws -> ReceiptRecord? {
        try receipt(id, owner: "p.tenant_id", tenant.raw)
    }

    /// A receipt the landlord may see: a payment to them only.
    func receipt(_ id: PaymentID, landlord: UserID) throws -> ReceiptRecord? {
        try receipt(id, owner: "p.landlord_id", landlord.raw)
    }

    private func receipt(_ id: PaymentID, owner column: String, _ owner: Int64) throws -> ReceiptRecord? {
        guard
            let row = try db.queryOne(
                """
                SELECT \(PaymentLine.columns), p.note, p.phone, p.recorded_at,
                       (SELECT COALESCE(SUM(q.amount), 0) FROM payments q
                        WHERE q.lease_id = p.lease_id
                          AND (q.paid_at < p.paid_at OR (q.paid_at = p.paid_at AND q.id <= p.id))) AS paid_so_far,
                       (SELECT COALESCE(SUM(c.amount), 0) FROM charges c
                        WHERE c.lease_id = p.lease_id
                          AND c.due_on <= DATE(p.paid_at + INTERVAL 3 HOUR)) AS charged_then
                FROM \(PaymentLine.tables) WHERE p.id = ? AND \(column) = ?
                """, id.raw, owner),
            let lease = try db.queryOne("\(LeaseDetails.select) WHERE l.id = ?", try row.int64("lease_id"))
                .map(LeaseDetails.init)
        else { return nil }
        let payment = try PaymentLine(row: row)
        let then = LeaseAccount(
            schedule: lease.schedule, charged: try row.int("charged_then"), paid: try row.int("paid_so_far"))
        return ReceiptRecord(
            payment: payment, lease: lease, note: try row.optionalString("note"),
            phone: try row.optionalString("phone"),
            recordedAt: try row.date("recorded_at"),
            balanceAfter: then.balance(asOf: CalendarDay.nairobi(payment.paidAt)))
    }

    /// Ends one of the landlord's open leases on `day`; false if it was not open.
    func endLease(_ id: LeaseID, landlord: UserID, on day: CalendarDay, versions: LandlordDataVersions) throws -> Bool {
        let ended =
            try db.execute(
                "UPDATE leases SET end_date = ? WHERE id = ? AND landlord_id = ? AND end_date IS NULL",
                day.description, id.raw, landlord.raw
            ).affectedRows == 1
        if ended { versions.landlordChanged(landlord, on: db) }
        return ended
    }
}

/// A lease's running totals, as committed last.
struct LeaseTotals {
    /// Every payment under the lease, in shillings.
    let paid: Int
    /// Every charge minus every credit of the lease, in shillings.
    let charged: Int
}

extension LedgerStore {
    /// Locks the lease's row for the rest of the transaction and returns its running totals as
    /// committed last (a locking read sees past the transaction's snapshot); nil for no such lease.
    ///
    /// Take it before a payment to the lease is inserted: the insert holds the lease shared (its
    /// foreign key) until the commit updates the totals, so two payments to one lease that both
    /// got that far deadlock — again and again under a flood of callbacks to one lease, until one
    /// is answered 500. Locked first, the second waits for the first's commit instead.
    func lockTotals(_ lease: LeaseID) throws -> LeaseTotals? {
        try db.queryOne("SELECT total_paid, total_charged FROM leases WHERE id = ? FOR UPDATE", lease.raw).map {
            LeaseTotals(paid: try $0.int("total_paid"), charged: try $0.int("total_charged"))
        }
    }
}
