/// The ledger's emails to tenants.
struct LedgerEmails {
    let views: Views
    let config: Config

    init(views: Views, config: Config) {
        self.views = views
        self.config = config
    }

    init(context: AppContext) {
        self.init(views: context.views, config: context.config)
    }

    private var composer: EmailComposer { EmailComposer(views: views, config: config) }

    /// The receipt of an M-Pesa payment (STK or paybill), from the entry just recorded.
    func mpesaReceipt(_ entry: LedgerEntry, _ id: PaymentID, _ parties: PaymentParties) -> EmailDraft {
        var model: [String: Any] = [
            "amount": Money.kes(entry.amount), "unit": parties.unitLabel, "propertyName": parties.propertyName,
            "paidAt": NairobiTime.dateTime(entry.paidAt), "phone": entry.phone ?? "",
            "receiptURL": config.link("/tenant/payments/\(id)/receipt"),
        ]
        if let receipt = entry.receipt { model["receipt"] = receipt }
        return composer.draft(
            .paymentReceipt, to: (parties.tenantName, parties.tenantEmail),
            subject: "Payment received: \(Money.kes(entry.amount)) for unit \(parties.unitLabel)", model,
            landlordID: entry.landlordID)
    }

    /// The receipt of a payment the landlord recorded by hand.
    func manualReceipt(_ record: ReceiptRecord) -> EmailDraft {
        let payment = record.payment
        var model: [String: Any] = [
            "amount": Money.kes(payment.amount), "date": LedgerText.when(payment),
            "method": payment.method?.label ?? "Manual", "propertyName": record.lease.propertyName,
            "unit": record.lease.unitLabel, "landlordName": record.lease.landlordName,
            "balance": LedgerText.balance(record.balanceAfter),
            "receiptURL": config.link("/tenant/payments/\(payment.id)/receipt"),
        ]
        if let reference = payment.reference { model["reference"] = reference }
        return composer.draft(
            .paymentReceiptManual, to: (record.lease.tenantName, record.lease.tenantEmail),
            subject: "Receipt: \(Money.kes(payment.amount)) received for unit \(record.lease.unitLabel)", model,
            landlordID: record.lease.landlordID)
    }

    /// Tells the tenant their landlord ended the lease, with the final balance.
    func leaseEnded(_ lease: LeaseDetails, today: CalendarDay) -> EmailDraft {
        composer.draft(
            .leaseEnded, to: (lease.tenantName, lease.tenantEmail),
            subject: "Your lease of unit \(lease.unitLabel), \(lease.propertyName) has ended",
            [
                "propertyName": lease.propertyName, "unit": lease.unitLabel,
                "endDate": lease.schedule.end.map(LedgerText.day) ?? LedgerText.day(today),
                "balance": LedgerText.balance(lease.balance(asOf: today)), "homeURL": config.link("/tenant"),
            ], landlordID: lease.landlordID)
    }
}
