import MariaDB

/// The one way a payment enters the ledger, whatever brought it (STK push, paybill, cash or
/// bank): the entry with its month totals and the dashboards' data-version bump
/// (`LedgerStore.record`), the landlord's notice and the tenant's receipt (email and SMS) — in the
/// caller's transaction (or one of its own), so all of it happens or none of it. The totals and
/// the notices' rows are written with the commit (`executeAtCommit`), in its round trip.
struct PaymentRecorder {
    let db: Connection
    let views: Views
    let config: Config
    let versions: LandlordDataVersions

    /// Records `entry`; nil when its receipt or CheckoutRequestID is in the ledger already
    /// (the same payment through another channel, or a concurrent duplicate): nothing changed.
    /// The receipt is read back (with both parties' contacts, in one query) for the balance it shows.
    func record(_ entry: LedgerEntry) throws -> PaymentID? {
        try LockConflictRetry.transaction(db) {
            let ledger = LedgerStore(db: db)
            let id: PaymentID
            do {
                id = try ledger.record(entry, versions: versions)
            } catch let error as DatabaseError where error.isDuplicateKey {
                return nil
            }
            if let receipt = try ledger.newReceipt(id, entry) { try sendNotices(receipt, entry.channel) }
            return id
        }
    }

    /// Records `entries` (each with its CheckoutRequestID or receipt, to different leases) with one
    /// insert and one read of their receipts, or one by one when they are fewer than two or not all
    /// so. Throws when any of them is in the ledger already: the caller settles them one by one then.
    func record(_ entries: [LedgerEntry]) throws -> [PaymentID?] {
        let keys = entries.compactMap { $0.checkoutRequestID ?? $0.receipt }
        guard entries.count > 1, Set(keys).count == entries.count,
            Set(entries.map(\.leaseID.raw)).count == entries.count
        else { return try entries.map(record) }
        return try db.transaction {
            let ledger = LedgerStore(db: db)
            let ids = try ledger.record(entries, versions: versions)
            for receipt in try ledger.newReceipts(Array(zip(ids, entries))) {
                try sendNotices(receipt, receipt.payment.channel)
            }
            return ids
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
