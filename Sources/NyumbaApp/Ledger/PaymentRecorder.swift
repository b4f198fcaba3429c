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
        try db.transaction {
            let ledger = LedgerStore(db: db)
            let id: PaymentID
            do {
                id = try ledger.record(entry, versions: versions)
            } catch let error as DatabaseError where error.isDuplicateKey {
                return nil
            }
            guard let receipt = try ledger.newReceipt(id, entry) else { return id }
            let notices = LedgerNotices(config: config)
            let notifier = Notifier(db: db, views: views, config: config)
            if entry.channel == .manual {
                // The landlord typed it in: no notice to them about their own entry.
                try notifier.sendAtCommit(notices.manualReceipt(receipt))
            } else {
                try notifier.sendAtCommit(notices.paymentReceived(receipt))
                try notifier.sendAtCommit(notices.mpesaReceipt(receipt))
            }
            return id
        }
    }
}
