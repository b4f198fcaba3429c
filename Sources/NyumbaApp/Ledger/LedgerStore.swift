import Foundation
import MariaDB

/// The ledger's SQL: what a lease owes, and the append-only list of payments.
struct LedgerStore {
    let db: Connection

    /// What the lease owes by the end of `day` (Nairobi; today by default), counting every charge and
    /// payment recorded (none is dated after the day it is recorded); negative = credit.
    func balance(lease: LeaseID, asOf day: CalendarDay = .nairobi()) throws -> Int {
        guard
            let row = try db.queryOne(
                """
                SELECT l.monthly_rent, l.due_day, l.start_date, l.end_date, l.total_paid AS paid,
                       l.total_charged AS charged
                FROM leases l WHERE l.id = ?
                """, lease.raw)
        else { return 0 }
        return LeaseAccount(
            schedule: try RentSchedule(row: row), charged: try row.int("charged"), paid: try row.int("paid")
        )
        .balance(asOf: day)
    }

    /// Appends a payment and adds it to the lease's summary figures, in one transaction;
    /// a duplicate receipt or checkout id throws `DatabaseError` with `isDuplicateKey`.
    ///
    /// The summary rows are updated last, with the commit (`executeAtCommit`: sent with the
    /// COMMIT in one round trip): every payment to a property in a month updates the same
    /// `property_month_totals` row, so concurrent payments wait for each other only while one
    /// commits, not for the rest of its transaction. Read them after the commit, not later in
    /// the same transaction.
    @discardableResult
    func record(_ entry: LedgerEntry, versions: LandlordDataVersions) throws -> RecordedPayment {
        try db.transaction {
            let recorded = try insert(entry)
            try addToTotals(entry)
            // Here, so that no caller can forget it; it runs when the outermost transaction commits.
            versions.landlordChanged(entry.landlordID, on: db)
            return recorded
        }
    }

    /// Appends payments that each carry a CheckoutRequestID or a receipt, each to a different lease
    /// (`PaymentRecorder` sends no others), in one statement and adds them to the summary figures
    /// (as `record` does each); returns them, in order.
    func record(_ entries: [LedgerEntry], versions: LandlordDataVersions) throws -> [RecordedPayment] {
        try db.transaction {
            var recorded: [String: RecordedPayment] = [:]
            for row in try db.query(
                Self.insertReturningKeys.sql(rows: entries.count), parameters: entries.flatMap(Self.parameters))
            {
                let key = try row.optionalString("checkout_request_id") ?? row.string("receipt")
                recorded[key] = try RecordedPayment(row: row)
            }
            return try entries.map { entry in
                let key = entry.checkoutRequestID ?? entry.receipt ?? ""
                guard let payment = recorded[key] else {
                    throw DatabaseError.decoding(column: "id", reason: "payment \(key) not found")
                }
                try addToTotals(batchOf: entry)
                versions.landlordChanged(entry.landlordID, on: db)
                return payment
            }
        }
    }

    /// The lease's running total and the lease's and property's month totals, hottest row last.
    /// The month totals also count what of the payment went to the deposit (`deposit_collected`):
    /// what of the lease's deposit its earlier payments had not paid (the deposit is the oldest item).
    private func addToTotals(_ entry: LedgerEntry) throws {
        try db.executeAtCommit(
            "UPDATE leases SET total_paid = total_paid + ? WHERE id = ?", entry.amount, entry.leaseID.raw)
        let depositPart = "LEAST(?, GREATEST(0, l.deposit - (l.total_paid - ?)))"
        try db.executeAtCommit(
            """
            INSERT INTO lease_month_totals (lease_id, month, landlord_id, property_id, collected, deposit_collected,
                                            payments)
            SELECT l.id, DATE_FORMAT(? + INTERVAL 3 HOUR, '%Y-%m-01'), ?, ?, ?, \(depositPart), 1
            FROM leases l WHERE l.id = ?
            \(Self.addUp)
            """, entry.paidAt, entry.landlordID.raw, entry.propertyID, entry.amount, entry.amount, entry.amount,
            entry.leaseID.raw)
        try db.executeAtCommit(
            """
            INSERT INTO property_month_totals (property_id, month, landlord_id, collected, deposit_collected, payments)
            SELECT ?, DATE_FORMAT(? + INTERVAL 3 HOUR, '%Y-%m-01'), ?, ?, \(depositPart), 1
            FROM leases l WHERE l.id = ?
            \(Self.addUp)
            """, entry.propertyID, entry.paidAt, entry.landlordID.raw, entry.amount, entry.amount, entry.amount,
            entry.leaseID.raw)
    }

    /// `addToTotals` for a payment of a batch (`record(_ entries:)`), as `RowStatement`s: the batch
    /// updates each table once, with the rows in key order, the leases' totals first. Each lease has
    /// one payment in the batch, so its deposit share is worked out as for a payment on its own.
    private func addToTotals(batchOf entry: LedgerEntry) throws {
        try db.executeAtCommit(Self.addToLease, rows: [[entry.leaseID.raw, entry.amount]])
        let row: [(any SQLBindable)?] = [
            entry.leaseID.raw, entry.landlordID.raw, entry.propertyID, entry.paidAt, entry.amount,
        ]
        try db.executeAtCommit(Self.addToLeaseMonth, rows: [row])
        try db.executeAtCommit(Self.addToPropertyMonth, rows: [row])
    }

    private static let addToLease = RowStatement(
        head: "UPDATE leases l JOIN (WITH v(lease, amount) AS (VALUES ",
        row: "(?, ?)",
        tail: ") SELECT * FROM v) v ON v.lease = l.id SET l.total_paid = l.total_paid + v.amount")

    /// The batch's payments as `v` (`total_paid` already counts them, see `addToTotals`).
    private static let payments = "WITH v(lease, landlord, property, paid_at, amount) AS (VALUES "
    private static let paymentRow = "(?, ?, ?, ?, ?)"
    /// What of a batch payment went to the deposit, as `depositPart` works it out for one payment.
    private static let batchDepositPart = "LEAST(v.amount, GREATEST(0, l.deposit - (l.total_paid - v.amount)))"
    private static let addUp = """
        ON DUPLICATE KEY UPDATE collected = collected + VALUES(collected),
            deposit_collected = deposit_collected + VALUES(deposit_collected), payments = payments + 1
        """

    private static let addToLeaseMonth = RowStatement(
        head: """
            INSERT INTO lease_month_totals (lease_id, month, landlord_id, property_id, collected, deposit_collected,
                                            payments)
            \(payments)
            """,
        row: paymentRow,
        tail: """
            ) SELECT v.lease, DATE_FORMAT(v.paid_at + INTERVAL 3 HOUR, '%Y-%m-01'), v.landlord, v.property, v.amount,
                     \(batchDepositPart), 1
            FROM v JOIN leases l ON l.id = v.lease ORDER BY v.lease
            \(addUp)
            """)

    private static let addToPropertyMonth = RowStatement(
        head: """
            INSERT INTO property_month_totals (property_id, month, landlord_id, collected, deposit_collected, payments)
            \(payments)
            """,
        row: paymentRow,
        tail: """
            ) SELECT v.property, DATE_FORMAT(v.paid_at + INTERVAL 3 HOUR, '%Y-%m-01'), v.landlord, v.amount,
                     \(batchDepositPart), 1
            FROM v JOIN leases l ON l.id = v.lease ORDER BY v.property
            \(addUp)
            """)

    /// The landlord's payment recorded with this one-time key, if any.
    func payment(idempotencyKey: String, landlord: UserID) throws -> PaymentID? {
        try db.queryOne(
            "SELECT id FROM payments WHERE landlord_id = ? AND idempotency_key = ?", landlord.raw, idempotencyKey
        ).map { PaymentID(try $0.int64("id")) }
    }

    private func insert(_ entry: LedgerEntry) throws -> RecordedPayment {
        guard let row = try db.queryOne(Self.insert.sql(rows: 1), parameters: Self.parameters(entry)) else {
            throw DatabaseError.decoding(column: "id", reason: "the insert returned no row")
        }
        return try RecordedPayment(row: row)
    }

    private static let insert = RowStatement(head: insertHead, row: insertRow, tail: " RETURNING id, recorded_at")
    /// `insert` of several, answering each row's id and time with its CheckoutRequestID and receipt.
    private static let insertReturningKeys = RowStatement(
        head: insertHead, row: insertRow, tail: " RETURNING id, recorded_at, checkout_request_id, receipt")
    private static let insertHead = """
        INSERT INTO payments (lease_id, tenant_id, landlord_id, property_id, unit_id, amount, channel, method,
                              receipt, reference, note, phone, payment_request_id, checkout_request_id, paid_at,
                              recorded_at, recorded_by, idempotency_key)
        VALUES
        """
    private static let insertRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?, ?)"

    private static func parameters(_ entry: LedgerEntry) -> [(any SQLBindable)?] {
        [
            entry.leaseID.raw, entry.tenantID.raw, entry.landlordID.raw, entry.propertyID, entry.unitID,
            entry.amount, entry.channel.rawValue, entry.method?.rawValue, entry.receipt, entry.reference, entry.note,
            entry.phone, entry.paymentRequestID, entry.checkoutRequestID, entry.paidAt, entry.recordedBy?.raw,
            entry.idempotencyKey,
        ]
    }
}

extension RentSchedule {
    /// Reads `monthly_rent`, `due_day`, `start_date` and `end_date` of a lease row.
    init(row: Row) throws {
        self.init(
            monthlyRent: try row.int("monthly_rent"), dueDay: try row.int("due_day"),
            start: try row.day("start_date"), end: try row.optionalDay("end_date"))
    }
}

extension Row {
    /// A DATE column as a calendar day.
    func day(_ column: String) throws -> CalendarDay {
        guard let day = try optionalDay(column) else {
            throw DatabaseError.decoding(column: column, reason: "expected a date, got NULL")
        }
        return day
    }

    /// A DATE column as a calendar day, or nil for NULL.
    func optionalDay(_ column: String) throws -> CalendarDay? {
        guard let text = try optionalString(column) else { return nil }
        guard let day = CalendarDay(sqlDate: text) else {
            throw DatabaseError.decoding(column: column, reason: "expected a date, got \(text)")
        }
        return day
    }
}
