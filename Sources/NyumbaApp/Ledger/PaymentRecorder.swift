import MariaDB

/// Who and where an M-Pesa payment is for, as its receipt email and the landlord's notice name
/// them: what the caller read already (with the request or the lease it matched), so that
/// recording a payment reads nothing back.
struct PaymentParties {
    let tenantName: String
    let tenantEmail: String
    let unitLabel: String
    let propertyName: String
}

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
    /// An M-Pesa payment names its `parties`; a manual one is read back for its receipt's
    /// balance.
    func record(_ entry: LedgerEntry, parties: PaymentParties? = nil) throws -> PaymentID? {
        try db.transaction {
            let ledger = LedgerStore(db: db)
            let id: PaymentID
            do {
                id = try ledger.record(entry, versions: versions)
            } catch let error as DatabaseError where error.isDuplicateKey {
                return nil
            }
            let emails = LedgerEmails(views: views, config: config)
            if entry.channel == .manual {
                // The landlord typed it in: no notice to them about their own entry.
                if let receipt = try ledger.receipt(id, landlord: entry.landlordID) {
                    try Outbox(db: db).enqueue(emails.manualReceipt(receipt))
                }
                return id
            }
            guard let parties = try parties ?? ledger.receipt(id, landlord: entry.landlordID).map(PaymentParties.init)
            else { return id }
            try LandlordNotifications(db: db).add(
                .payment, landlord: entry.landlordID,
                message: "\(Money.kes(entry.amount)) received from \(parties.tenantName), unit "
                    + "\(parties.unitLabel) (\(parties.propertyName)) by M-Pesa.")
            try Outbox(db: db).enqueue(emails.mpesaReceipt(entry, id, parties))
            return id
        }
    }
}

extension PaymentParties {
    /// The parties of a receipt read back from the ledger.
    init(_ receipt: ReceiptRecord) {
        self.init(
            tenantName: receipt.lease.tenantName, tenantEmail: receipt.lease.tenantEmail,
            unitLabel: receipt.lease.unitLabel, propertyName: receipt.lease.propertyName)
    }
}
