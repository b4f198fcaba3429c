import Foundation
import MariaDB

extension BenchSeed {
    /// The dashboard's summary figures, computed over the whole ledger (the app keeps them
    /// up to date per payment; see `LedgerStore.record` and migration 0005). One landlord's
    /// leases per statement: on `large` one statement over everything outlasts the client's
    /// 30 s read timeout.
    func fillSummaries() throws {
        let leasesPerLandlord = size.propertiesPerLandlord * size.unitsPerProperty
        for landlord in 0..<size.landlords {
            let first = Int64(landlord * leasesPerLandlord + 1)
            let last = Int64((landlord + 1) * leasesPerLandlord)
            try db.execute(
                """
                INSERT INTO lease_month_totals (lease_id, month, landlord_id, property_id, collected, payments)
                SELECT lease_id, DATE_FORMAT(paid_at + INTERVAL 3 HOUR, '%Y-%m-01'), landlord_id, property_id,
                       SUM(amount), COUNT(*)
                FROM payments WHERE lease_id BETWEEN ? AND ?
                GROUP BY lease_id, DATE_FORMAT(paid_at + INTERVAL 3 HOUR, '%Y-%m-01'), landlord_id, property_id
                """, first, last)
            try db.execute(
                """
                UPDATE leases l
                JOIN (SELECT lease_id, SUM(amount) AS paid FROM payments WHERE lease_id BETWEEN ? AND ?
                      GROUP BY lease_id) t ON t.lease_id = l.id
                SET l.total_paid = t.paid
                """, first, last)
            try fillChargeTotals(first: first, last: last, landlord: layout.landlordUserID(landlord))
            try fillDepositCollected(first: first, last: last)
            try db.execute(
                """
                INSERT INTO property_month_totals (property_id, month, landlord_id, collected, deposit_collected,
                                                   payments)
                SELECT property_id, month, landlord_id, SUM(collected), SUM(deposit_collected), SUM(payments)
                FROM lease_month_totals WHERE landlord_id = ? GROUP BY property_id, month, landlord_id
                """, layout.landlordUserID(landlord))
        }
        for table in [
            "users", "properties", "units", "leases", "payments", "lease_month_totals", "property_month_totals",
            "payment_requests", "charges", "property_month_charges",
        ] {
            _ = try db.query("ANALYZE TABLE \(table)")
        }
    }

    /// What of each lease-month's payments went to the lease's deposit (see migration 0021): the
    /// seeded deposits are paid by each lease's first payments, the oldest item first.
    private func fillDepositCollected(first: Int64, last: Int64) throws {
        try db.execute(
            """
            UPDATE lease_month_totals m
            JOIN (
                SELECT lease_id, month, LEAST(paid_through, deposit) - LEAST(paid_through - collected, deposit) AS part
                FROM (
                    SELECT t.lease_id, t.month, t.collected, l.deposit,
                           SUM(t.collected) OVER (PARTITION BY t.lease_id ORDER BY t.month) AS paid_through
                    FROM lease_month_totals t JOIN leases l ON l.id = t.lease_id
                    WHERE l.deposit > 0 AND t.lease_id BETWEEN ? AND ?
                ) running
            ) parts ON parts.lease_id = m.lease_id AND parts.month = m.month
            SET m.deposit_collected = parts.part
            WHERE parts.part > 0
            """, first, last)
    }

    /// Pending STK pushes for the `callback` workload: request `n` has CheckoutRequestID
    /// `ws_CO_BENCH_<n>` and amount `pendingAmount(n)`, on the leases in turn. Their first
    /// reconciler query is far in the future, so only callbacks settle them.
    func insertPendingRequests(_ count: Int, shortcode: String) throws {
        let requests = BulkInsert(
            db: db, table: "payment_requests",
            columns: [
                "lease_id", "tenant_id", "landlord_id", "property_id", "amount", "phone", "shortcode",
                "merchant_request_id", "checkout_request_id", "status", "created_at", "next_query_at",
            ])
        guard count > 0 else { return }
        let createdAt = SQLValue.text(SQLDateTime.format(Date()))
        for n in 1...count {
            let unit = (n - 1) % size.unitCount
            let property = layout.property(ofUnit: unit)
            try requests.add([
                .int(layout.unitID(unit)), .int(layout.tenantUserID(unit)),
                .int(layout.landlordUserID(layout.landlord(ofProperty: property))), .int(layout.propertyID(property)),
                .int(Int64(Self.pendingAmount(n))), .text(layout.tenancy(unit).phone), .text(shortcode),
                .text("bench-\(n)"), .text("ws_CO_BENCH_\(n)"), "pending", createdAt, "2099-01-01 00:00:00",
            ])
        }
        try requests.flush()
    }

    /// The amount of pending request `n` (bench/workloads/callback.sh computes the same).
    static func pendingAmount(_ n: Int) -> Int { 1_000 + 500 * (n % 9) }
}
