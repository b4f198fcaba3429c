import MariaDB

/// The one way a payment enters the ledger, whatever brought it (STK push, paybill, cash or
/// bank): the entry with its month totals and the dashboards' data-version bump
/// (`LedgerStore.record`), the landlord's notice and the tenant's receipt email — in the
/// caller's transaction (or one of its own), so all of it happens or none of it.
struct PaymentRecorder {
    let db: Connection
    let views: Views
    let config: Config
    let versions: LandlordDataVersions

    /// Records `entry`; nil when its receipt or CheckoutRequestID is in the ledger already
    /// (the same payment through another channel, or a concurrent duplicate): nothing changed.
    func record(_ entry: LedgerEntry) throws -> PaymentID? {
        try db.transaction {
            let ledger = LedgerStore(db: db)
            let id: PaymentID
            do {
                id = try ledger.record(entry, versions: versions)
            } catch let error as DatabaseError where error.isDuplicateKey {
                return nil
            }
            guard let receipt = try ledger.receipt(id, landlord: entry.landlordID) else { return id }
            let emails = LedgerEmails(views: views, config: config)
            if entry.channel == .manual {
                // The landlord typed it in: no notice to them about their own entry.
                try Outbox(db: db).enqueue(emails.manualReceipt(receipt))
            } else {
                try LandlordNotifications(db: db).add(
                    .payment, landlord: entry.landlordID,
                    message: "\(Money.kes(entry.amount)) received from \(receipt.lease.tenantName), unit "
                        + "\(receipt.lease.unitLabel) (\(receipt.lease.propertyName)) by M-Pesa.")
                try Outbox(db: db).enqueue(emails.mpesaReceipt(receipt))
            }
            return id
        }
    }
}
