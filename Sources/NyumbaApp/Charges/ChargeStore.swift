import Foundation
import MariaDB

/// A charge or credit about to be appended to a lease's account.
struct NewCharge {
    let leaseID: LeaseID
    let tenantID: UserID
    let landlordID: UserID
    let propertyID: PropertyID
    let kind: ChargeKind
    /// Positive for a charge; a credit is stored negative whatever the sign given here.
    let amount: Int
    let dueOn: CalendarDay
    /// The landlord's text; empty when Nyumba wrote `words`.
    let description: String
    /// Nyumba's own words, stored as a key and figures (never a sentence).
    var words: ChargeWords? = nil
    var reason: String? = nil
    var reverses: ChargeID? = nil
    /// Set for a charge applied automatically: a second claim of the same key adds nothing.
    var claimKey: String? = nil
    var createdBy: UserID? = nil

    init(
        lease: LeaseDetails, kind: ChargeKind, amount: Int, dueOn: CalendarDay, description: String,
        reason: String? = nil
    ) {
        self.init(
            lease: lease.id, tenant: lease.tenantID, landlord: lease.landlordID, property: lease.propertyID, kind: kind,
            amount: amount, dueOn: dueOn, description: description, reason: reason)
    }

    init(
        lease: LeaseID, tenant: UserID, landlord: UserID, property: PropertyID, kind: ChargeKind, amount: Int,
        dueOn: CalendarDay, description: String, reason: String? = nil
    ) {
        leaseID = lease
        tenantID = tenant
        landlordID = landlord
        propertyID = property
        self.kind = kind
        self.amount = amount
        self.dueOn = dueOn
        self.description = description
        self.reason = reason
    }

    /// A charge Nyumba writes: its `words`, no typed description.
    init(lease: LeaseDetails, kind: ChargeKind, amount: Int, dueOn: CalendarDay, words: ChargeWords) {
        self.init(lease: lease, kind: kind, amount: amount, dueOn: dueOn, description: "")
        self.words = words
    }

    /// The amount as stored: negative for a credit.
    var signedAmount: Int { kind == .credit ? -abs(amount) : amount }
}

/// One stored line of a lease's account other than rent and payments.
struct ChargeLine: Sendable, Equatable {
    let id: ChargeID
    let kind: ChargeKind
    /// Negative for a credit.
    let amount: Int
    let dueOn: CalendarDay
    /// The landlord's text (or an older row's); empty when Nyumba wrote `words`.
    let description: String
    let reason: String?
    let reverses: ChargeID?
    var words: ChargeWords? = nil

    static let columns = "c.id, c.kind, c.amount, c.due_on, c.description, c.reason, c.reverses_id, c.words"
}

extension ChargeLine {
    init(row: Row) throws {
        id = ChargeID(try row.int64("id"))
        kind = ChargeKind(rawValue: try row.string("kind")) ?? .oneOff
        amount = try row.int("amount")
        dueOn = try row.day("due_on")
        description = try row.string("description")
        reason = try row.optionalString("reason")
        reverses = try row.optionalInt64("reverses_id").map(ChargeID.init)
        words = try row.optionalString("words").flatMap(ChargeWords.init(stored:))
    }
}

/// The SQL of charges and credits: appending them (never changing one) and reading a lease's.
struct ChargeStore {
    let db: Connection

    /// Appends the charge and adds it to the lease's running total in one transaction, bumping the
    /// landlord's data version once it commits; nil when its claim key was already taken (applied
    /// by another loop or node, or the same form sent twice), and then nothing changed.
    ///
    /// The lease is locked first (`LedgerStore.lockTotals`), as a payment locks it: the insert would
    /// hold it shared (its foreign key) until the total's update, so a charge and a payment, or two
    /// charges, to one lease at once deadlocked. Locked first, the second waits for the first's commit.
    @discardableResult
    func add(_ charge: NewCharge, versions: LandlordDataVersions) throws -> ChargeID? {
        try LockConflictRetry.transaction(db) {
            _ = try LedgerStore(db: db).lockTotals(charge.leaseID)
            // A taken claim key changes nothing (0 rows); any other problem is still an error, which
            // INSERT IGNORE would have turned into a warning.
            let result = try db.execute(
                """
                INSERT INTO charges (lease_id, tenant_id, landlord_id, property_id, kind, amount, due_on,
                                     description, words, reason, reverses_id, claim_key, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?)
                ON DUPLICATE KEY UPDATE id = id
                """, charge.leaseID.raw, charge.tenantID.raw, charge.landlordID.raw, charge.propertyID.raw,
                charge.kind.rawValue, charge.signedAmount, charge.dueOn.description, charge.description,
                charge.words?.stored, charge.reason, charge.reverses?.raw, charge.claimKey, charge.createdBy?.raw)
            guard result.affectedRows == 1 else { return nil }
            try db.execute(
                "UPDATE leases SET total_charged = total_charged + ?, deposit = deposit + ? WHERE id = ?",
                charge.signedAmount, charge.kind == .deposit ? charge.signedAmount : 0, charge.leaseID.raw)
            if charge.kind != .deposit {
                try db.execute(
                    """
                    INSERT INTO property_month_charges (property_id, month, landlord_id, charged)
                    VALUES (?, DATE_FORMAT(?, '%Y-%m-01'), ?, ?)
                    ON DUPLICATE KEY UPDATE charged = charged + VALUES(charged)
                    """, charge.propertyID.raw, charge.dueOn.description, charge.landlordID.raw, charge.signedAmount)
            }
            versions.landlordChanged(charge.landlordID, on: db)
            return ChargeID(result.lastInsertID)
        }
    }

    /// Every charge and credit of a lease, oldest first (by due day, then as recorded).
    func lines(lease: LeaseID) throws -> [ChargeLine] {
        try db.query(
            "SELECT \(ChargeLine.columns) FROM charges c WHERE c.lease_id = ? ORDER BY c.due_on, c.id", lease.raw
        ).map(ChargeLine.init)
    }

    /// One charge of a lease (not a credit), for reversing it; nil otherwise.
    func charge(_ id: ChargeID, lease: LeaseID) throws -> ChargeLine? {
        try db.queryOne(
            "SELECT \(ChargeLine.columns) FROM charges c WHERE c.id = ? AND c.lease_id = ? AND c.kind <> 'credit'",
            id.raw, lease.raw
        ).map(ChargeLine.init)
    }

    /// What is still left of a charge after the credits that reverse it (0 once wholly reversed).
    func remaining(_ id: ChargeID) throws -> Int {
        try db.queryOne(
            "SELECT COALESCE(SUM(amount), 0) AS left_over FROM charges WHERE id = ? OR reverses_id = ?", id.raw, id.raw
        )?.int("left_over") ?? 0
    }

    /// The lease's account as it stood at the end of `day` (Nairobi): charges due by then and the
    /// payments made by then, from the stored rows.
    func account(lease: LeaseID, asOf day: CalendarDay) throws -> LeaseAccount? {
        guard
            let row = try db.queryOne(
                """
                SELECT l.monthly_rent, l.due_day, l.start_date, l.end_date,
                       (SELECT COALESCE(SUM(c.amount), 0) FROM charges c
                        WHERE c.lease_id = l.id AND c.due_on <= ?) AS charged,
                       (SELECT COALESCE(SUM(p.amount), 0) FROM payments p
                        WHERE p.lease_id = l.id AND p.paid_at < ?) AS paid
                FROM leases l WHERE l.id = ?
                """, day.description, MonthMath.end(of: day), lease.raw)
        else { return nil }
        return LeaseAccount(
            schedule: try RentSchedule(row: row), charged: try row.int("charged"), paid: try row.int("paid"))
    }

    /// Charges minus credits of a lease by the month they fall due in (month index).
    func chargedByMonth(lease: LeaseID) throws -> [Int: Int] {
        var months: [Int: Int] = [:]
        for row in try db.query(
            """
            SELECT DATE_FORMAT(due_on, '%Y-%m-01') AS month, SUM(amount) AS charged FROM charges
            WHERE lease_id = ? GROUP BY DATE_FORMAT(due_on, '%Y-%m-01')
            """, lease.raw)
        {
            months[try row.day("month").monthIndex] = try row.int("charged")
        }
        return months
    }
}
