import Foundation
import MariaDB

/// A payment just appended to the ledger: its id and when it was recorded.
struct RecordedPayment {
    let id: PaymentID
    let recordedAt: Date

    init(row: Row) throws {
        id = PaymentID(try row.int64("id"))
        recordedAt = try row.date("recorded_at")
    }
}

/// What a new payment's receipt needs of its lease, read before the payment is recorded, in the
/// read its caller makes anyway where it can (`PaymentRecorder`): the lease with its running
/// totals, both parties' contacts for the notices, and the dates of its latest payment and charge.
///
/// The receipt's balance starts from the running totals, so read the basis in the transaction that
/// records the payment, before it (the commit adds the payment to `total_paid`), and record no
/// other payment to the lease in that transaction (a batch holds one per lease). Only when the
/// latest payment is dated after the new one, or the latest charge falls due after its day (both
/// rare: an entry back-dated by hand, a late confirmation), are the sums of those read apart.
struct ReceiptBasis {
    let lease: LeaseDetails
    let tenantContact: NoticeContact
    let landlordContact: NoticeContact
    /// When the lease's latest payment was made (nil: none yet).
    let lastPaidAt: Date?
    /// When the lease's latest charge falls due (nil: none yet).
    let lastDueOn: CalendarDay?

    /// `LeaseDetails.columns` with both parties' contacts and the latest dates, over `LeaseDetails.tables`.
    static let columns = """
        \(LeaseDetails.columns), t.language AS tenant_language, t.sms_enabled AS tenant_sms,
        o.language AS landlord_language, o.phone AS landlord_phone, o.sms_enabled AS landlord_sms,
        (SELECT q.paid_at FROM payments q WHERE q.lease_id = l.id ORDER BY q.paid_at DESC LIMIT 1) AS last_paid_at,
        (SELECT c.due_on FROM charges c WHERE c.lease_id = l.id ORDER BY c.due_on DESC LIMIT 1) AS last_due_on
        """

    init(row: Row) throws {
        lease = try LeaseDetails(row: row)
        tenantContact = try NoticeContact(
            row: row, language: "tenant_language", phone: "tenant_phone", smsEnabled: "tenant_sms")
        landlordContact = try NoticeContact(
            row: row, language: "landlord_language", phone: "landlord_phone", smsEnabled: "landlord_sms")
        lastPaidAt = try row.optionalDate("last_paid_at")
        lastDueOn = try row.optionalDay("last_due_on")
    }
}

extension LedgerStore {
    /// The receipt bases of these leases, by lease id (one missing is left out).
    func receiptBases(_ leases: [LeaseID]) throws -> [Int64: ReceiptBasis] {
        guard !leases.isEmpty else { return [:] }
        var bases: [Int64: ReceiptBasis] = [:]
        for row in try db.query(
            "SELECT \(ReceiptBasis.columns) FROM \(LeaseDetails.tables) WHERE l.id IN (\(sqlPlaceholders(leases.count)))",
            parameters: leases.map(\.raw))
        {
            let basis = try ReceiptBasis(row: row)
            bases[basis.lease.id.raw] = basis
        }
        return bases
    }

    /// The receipt of `entry`, just recorded as `payment` in this transaction, from the `basis` of
    /// its lease read before it was recorded, and the lease's running `totals` as its lock read
    /// them (`lockTotals`) when the basis may have been read before that lock was granted.
    func receipt(_ payment: RecordedPayment, _ entry: LedgerEntry, basis: ReceiptBasis, totals: LeaseTotals? = nil)
        throws -> ReceiptRecord
    {
        let day = CalendarDay.nairobi(entry.paidAt)
        var paid = (totals?.paid ?? basis.lease.paid) + entry.amount
        var charged = totals?.charged ?? basis.lease.charged
        if basis.lastPaidAt.map({ $0 > entry.paidAt }) == true || basis.lastDueOn.map({ day < $0 }) == true {
            let later = try later(lease: entry.leaseID, than: entry.paidAt, day: day)
            paid -= later.paid
            charged -= later.charged
        }
        let then = LeaseAccount(schedule: basis.lease.schedule, charged: charged, paid: paid)
        return ReceiptRecord(
            payment: PaymentLine(payment.id, entry, lease: basis.lease), lease: basis.lease, note: entry.note,
            phone: entry.phone, recordedAt: payment.recordedAt, balanceAfter: then.balance(asOf: day),
            tenantContact: basis.tenantContact, landlordContact: basis.landlordContact)
    }

    /// What the lease was paid after `paidAt` (a payment at the same instant was recorded before, so
    /// it counts as earlier) and charged for days after `day`.
    private func later(lease: LeaseID, than paidAt: Date, day: CalendarDay) throws -> (paid: Int, charged: Int) {
        let row = try db.queryOne(
            """
            SELECT (SELECT COALESCE(SUM(q.amount), 0) FROM payments q WHERE q.lease_id = ? AND q.paid_at > ?) AS paid,
                   (SELECT COALESCE(SUM(c.amount), 0) FROM charges c WHERE c.lease_id = ? AND c.due_on > ?) AS charged
            """, lease.raw, paidAt, lease.raw, day.description)
        return (try row?.int("paid") ?? 0, try row?.int("charged") ?? 0)
    }
}
