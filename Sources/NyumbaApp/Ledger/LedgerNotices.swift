/// The receipt of an M-Pesa payment (STK or paybill), by email and SMS.
struct MpesaReceipt: NoticeModel {
    static let kind = NoticeKind.paymentReceipt
    let amount: String
    let unit: String
    let propertyName: String
    let paidAt: String
    let phone: String
    let receipt: String?
    /// What the lease owes (or holds in credit) after this payment.
    let balance: String
    let receiptURL: String
}

/// The receipt of a payment the landlord recorded by hand, by email and SMS.
struct ManualReceipt: NoticeModel {
    static let kind = NoticeKind.paymentReceiptManual
    let amount: String
    let date: String
    let method: String
    let reference: String?
    let propertyName: String
    let unit: String
    let landlordName: String
    let balance: String
    let receiptURL: String
}

/// Tells a landlord an M-Pesa payment entered a lease's ledger (notifications tab).
struct PaymentReceived: NoticeModel {
    static let kind = NoticeKind.paymentReceived
    let amount: String
    let tenantName: String
    let unit: String
    let propertyName: String
}

/// Tells the tenant their landlord ended the lease, with the final balance.
struct LeaseEnded: NoticeModel {
    static let kind = NoticeKind.leaseEnded
    let propertyName: String
    let unit: String
    let endDate: String
    let balance: String
    let homeURL: String
}

/// The ledger's notices, built from its records.
struct LedgerNotices {
    let config: Config

    func mpesaReceipt(_ record: ReceiptRecord) -> Notice<MpesaReceipt> {
        let payment = record.payment
        return Notice(
            recipient: record.lease.tenant,
            model: MpesaReceipt(
                amount: Money.kes(payment.amount), unit: record.lease.unitLabel,
                propertyName: record.lease.propertyName, paidAt: NairobiTime.dateTime(payment.paidAt),
                phone: record.phone ?? "", receipt: payment.receipt, balance: LedgerText.balance(record.balanceAfter),
                receiptURL: receiptURL(payment)),
            landlordID: record.lease.landlordID)
    }

    func manualReceipt(_ record: ReceiptRecord) -> Notice<ManualReceipt> {
        let payment = record.payment
        return Notice(
            recipient: record.lease.tenant,
            model: ManualReceipt(
                amount: Money.kes(payment.amount), date: LedgerText.when(payment),
                method: payment.method?.label ?? "Manual", reference: payment.reference,
                propertyName: record.lease.propertyName, unit: record.lease.unitLabel,
                landlordName: record.lease.landlordName, balance: LedgerText.balance(record.balanceAfter),
                receiptURL: receiptURL(payment)),
            landlordID: record.lease.landlordID)
    }

    func paymentReceived(_ record: ReceiptRecord) -> Notice<PaymentReceived> {
        Notice(
            recipient: record.lease.landlord,
            model: PaymentReceived(
                amount: Money.kes(record.payment.amount), tenantName: record.lease.tenantName,
                unit: record.lease.unitLabel, propertyName: record.lease.propertyName),
            landlordID: record.lease.landlordID, link: "/landlord/leases/\(record.lease.id)")
    }

    func leaseEnded(_ lease: LeaseDetails, today: CalendarDay) -> Notice<LeaseEnded> {
        Notice(
            recipient: lease.tenant,
            model: LeaseEnded(
                propertyName: lease.propertyName, unit: lease.unitLabel,
                endDate: lease.schedule.end.map(LedgerText.day) ?? LedgerText.day(today),
                balance: LedgerText.balance(lease.balance(asOf: today)), homeURL: config.link("/tenant")),
            landlordID: lease.landlordID)
    }

    private func receiptURL(_ payment: PaymentLine) -> String {
        config.link("/tenant/payments/\(payment.id)/receipt")
    }
}

extension LeaseDetails {
    /// The lease's tenant, as a notice's recipient.
    var tenant: NoticeRecipient { NoticeRecipient(userID: tenantID, name: tenantName, email: tenantEmail) }
    /// The lease's landlord, as a notice's recipient.
    var landlord: NoticeRecipient { NoticeRecipient(userID: landlordID, name: landlordName, email: landlordEmail) }
}
