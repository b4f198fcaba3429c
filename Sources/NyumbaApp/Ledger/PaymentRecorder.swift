import MariaDB

/// The one way a payment enters the ledger, whatever brought it (STK push, paybill, cash or
/// bank): the entry with its month totals and the dashboards' data-version bump
/// (`LedgerStore.record`), the landlord's notice and the tenant's receipt (email and SMS) — in the
/// caller's transaction (or one of its own), so all of it happens or none of it. The totals and
/// the notices' rows are written with the commit (`executeAtCommit`), in its round trip. A
/// receipt's figures come from its lease's `ReceiptBasis`, read before the payment is recorded.
struct PaymentRecorder {
    let db: Connection
    let views: Views
    let config: Config
    let versions: LandlordDataVersions

    /// Records `entry`; nil when its receipt or CheckoutRequestID is in the ledger already
    /// (the same payment through another channel, or a concurrent duplicate): nothing changed.
    /// Its lease's `ReceiptBasis` (read here when not given) makes its receipt. The lease is locked
    /// first (`lockTotals`), so payments to one lease take turns rather than deadlock.
    func record(_ entry: LedgerEntry, basis: ReceiptBasis? = nil) throws -> PaymentID? {
        try LockConflictRetry.transaction(db) {
            let ledger = LedgerStore(db: db)
            let totals = try ledger.lockTotals(entry.leaseID)
            let basis = try basis ?? ledger.receiptBases([entry.leaseID])[entry.leaseID.raw]
            let payment: RecordedPayment
            do {
                payment = try ledger.record(entry, versions: versions)
            } catch let error as DatabaseError where error.isDuplicateKey {
                return nil
            }
            if let basis {
                try sendNotices(try ledger.receipt(payment, entry, basis: basis, totals: totals), entry.channel)
            }
            return payment.id
        }
    }

    /// Records `entries` (each with its CheckoutRequestID or receipt, to different leases) with one
    /// insert, or one by one when they are fewer than two or not all so. Throws when any of them is
    /// in the ledger already: the caller settles them one by one then. Each comes with its lease's
    /// `ReceiptBasis`, which the caller read with its own reads.
    func record(_ entries: [(entry: LedgerEntry, basis: ReceiptBasis)]) throws -> [PaymentID?] {
        let keys = entries.compactMap { $0.entry.checkoutRequestID ?? $0.entry.receipt }
        guard entries.count > 1, Set(keys).count == entries.count,
            Set(entries.map(\.entry.leaseID.raw)).count == entries.count
        else { return try entries.map { try record($0.entry, basis: $0.basis) } }
        return try db.transaction {
            let ledger = LedgerStore(db: db)
            let payments = try ledger.record(entries.map(\.entry), versions: versions)
            for ((entry, basis), payment) in zip(entries, payments) {
                try sendNotices(try ledger.receipt(payment, entry, basis: basis), entry.channel)
            }
            return payments.map(\.id)
        }
    }

    /// The landlord's notice and the tenant's receipt, with the commit.
    private func sendNotices(_ receipt: ReceiptRecord, _ channel: PaymentChannel) throws {
        let notices = LedgerNotices(config: config)
        let notifier = Notifier(db: db, views: views, config: config)
        if channel == .manual {
            // The landlord typed it in: no notice to them about their own entry.
            try notifier.sendAtCommit(notices.manualReceipt(receipt))
        } else {
            try notifier.sendAtCommit(notices.paymentReceived(receipt))
            try notifier.sendAtCommit(notices.mpesaReceipt(receipt))
        }
    }
}
