import Foundation
import MariaDB

/// A lease whose late fee check falls on a day: its property's policy says so, and nobody claimed it.
struct DueLateFeeCheck {
    let leaseID: LeaseID
    let policy: LateFeePolicy
}

/// Applies the late fees that fall on a day: each (lease, rent period) is looked at once, however
/// often this runs and however many processes run it, and a fee is added only when the tenant
/// still owes something then (paid on time: no fee).
struct LateFees {
    let db: Connection
    let versions: LandlordDataVersions

    static let batchSize = 200

    /// Applies what falls on `today` (Nairobi); returns how many fees were added.
    func run(today: CalendarDay) throws -> Int {
        var applied = 0
        while true {
            let due = try dueChecks(today: today, limit: Self.batchSize)
            for check in due where try apply(check, today: today) { applied += 1 }
            if due.count < Self.batchSize { return applied }
        }
    }

    /// Open leases of properties with a late fee whose due day was the policy's days before `today`
    /// (started by then), not yet claimed for that period.
    func dueChecks(today: CalendarDay, limit: Int) throws -> [DueLateFeeCheck] {
        let day = today.description
        return try db.query(
            """
            SELECT l.id, s.late_fee_kind, s.late_fee_amount, s.late_fee_days
            FROM property_charge_settings s
            JOIN leases l ON l.property_id = s.property_id AND l.landlord_id = s.landlord_id AND l.end_date IS NULL
                AND l.due_day = DAY(? - INTERVAL s.late_fee_days DAY)
                AND l.start_date <= ? - INTERVAL s.late_fee_days DAY
            LEFT JOIN late_fee_checks c ON c.lease_id = l.id
                AND c.period = DATE_FORMAT(? - INTERVAL s.late_fee_days DAY, '%Y-%m-01')
            WHERE s.late_fee_kind <> 'none' AND c.lease_id IS NULL
            ORDER BY l.id LIMIT ?
            """, day, day, day, limit
        ).map {
            DueLateFeeCheck(
                leaseID: LeaseID(try $0.int64("id")),
                policy: LateFeePolicy(
                    kind: try $0.string("late_fee_kind"), amount: try $0.int("late_fee_amount"),
                    afterDays: try $0.int("late_fee_days")))
        }
    }

    /// Claims the check and adds the fee in one short transaction; false when another loop had
    /// claimed it or nothing is owed (the claim is kept, so it is not looked at again).
    private func apply(_ check: DueLateFeeCheck, today: CalendarDay) throws -> Bool {
        let dueDate = today.adding(days: -check.policy.afterDays)
        let period = dueDate.firstOfMonth.description
        // READ COMMITTED takes no gap locks: concurrent claims wait on the one key, never deadlock.
        try db.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        return try db.transaction {
            guard
                try db.execute(
                    "INSERT IGNORE INTO late_fee_checks (lease_id, period, checked_at) VALUES (?, ?, UTC_TIMESTAMP(6))",
                    check.leaseID.raw, period
                ).affectedRows == 1
            else { return false }
            // Read after the claim and the lease's lock (as a payment takes it): a payment recorded a
            // moment ago counts, and one being recorded now is waited for, not missed.
            _ = try LedgerStore(db: db).lockTotals(check.leaseID)
            guard let lease = try ReminderStore(db: db).lease(check.leaseID), lease.isOpen else { return false }
            let fee = check.policy.fee(rent: lease.schedule.monthlyRent, owed: lease.balance(asOf: today))
            guard fee > 0 else { return false }
            var charge = NewCharge(
                lease: lease, kind: .lateFee, amount: fee, dueOn: today,
                words: ChargeWords("charge.text.late_fee", ["dueDate": .day(dueDate)]))
            charge.claimKey = "late:\(lease.id):\(period)"
            guard let id = try ChargeStore(db: db).add(charge, versions: versions) else { return false }
            try db.execute(
                "UPDATE late_fee_checks SET charge_id = ? WHERE lease_id = ? AND period = ?", id.raw, lease.id.raw,
                period)
            return true
        }
    }
}
