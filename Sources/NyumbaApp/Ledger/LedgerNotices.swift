/// The receipt of an M-Pesa payment (STK or paybill), by email and SMS.
struct MpesaReceipt: NoticeModel {
    static let kind = NoticeKind.paymentReceipt
    let amount: Figure
    let unit: String
    let propertyName: String
    let paidAt: Figure
    let phone: String
    let receipt: String?
    /// What the lease owes (or holds in credit) after this payment.
    let balance: Figure
    let receiptURL: String

    var templateFields: [String: Any] {
        var fields: [String: Any] = [
            "amount": amount, "unit": unit, "propertyName": propertyName, "paidAt": paidAt, "phone": phone,
            "balance": balance, "receiptURL": receiptURL,
        ]
        fields["receipt"] = receipt
        return fields
    }
}

/// The receipt of a payment the landlord recorded by hand, by email and SMS.
struct ManualReceipt: NoticeModel {
    static let kind = NoticeKind.paymentReceiptManual
    let amount: Figure
    let date: Figure
    let method: Figure
    let reference: String?
    let propertyName: String
    let unit: String
    let landlordName: String
    let balance: Figure
    let receiptURL: String
}

/// Tells a landlord an M-Pesa payment entered a lease's ledger (notifications tab).
struct PaymentReceived: NoticeModel {
    static let kind = NoticeKind.paymentReceived
    let amount: Figure
    let tenantName: String
    let unit: String
    let propertyName: String

    var templateFields: [String: Any] {
        ["amount": amount, "tenantName": tenantName, "unit": unit, "propertyName": propertyName]
    }
}

/// Tells the tenant their landlord ended the lease, with the final balance.
struct LeaseEnded: NoticeModel {
    static let kind = NoticeKind.leaseEnded
    let propertyName: String
    let unit: String
    let endDate: Figure
    let balance: Figure
    let homeURL: String
}

/// The ledger's notices, built from its records.
struct LedgerNotices {
    let config: Config

    func mpesaReceipt(_ record: ReceiptRecord) -> Notice<MpesaReceipt> {
        let payment = record.payment
        return Notice(
            recipient: record.tenant,
            model: MpesaReceipt(
                amount: .money(payment.amount), unit: record.lease.unitLabel,
                propertyName: record.lease.propertyName, paidAt: .dateTime(payment.paidAt),
                phone: record.phone ?? "", receipt: payment.receipt, balance: .balance(record.balanceAfter),
                receiptURL: receiptURL(payment)),
            landlordID: record.lease.landlordID)
    }

    func manualReceipt(_ record: ReceiptRecord) -> Notice<ManualReceipt> {
        let payment = record.payment
        return Notice(
            recipient: record.tenant,
            model: ManualReceipt(
                amount: .money(payment.amount), date: .day(CalendarDay.nairobi(payment.paidAt)),
                method: .words(payment.method.map { "ledger.method.\($0.rawValue)" } ?? "ledger.channel.manual"),
                reference: payment.reference, propertyName: record.lease.propertyName, unit: record.lease.unitLabel,
                landlordName: record.lease.landlordName, balance: .balance(record.balanceAfter),
                receiptURL: receiptURL(payment)),
            landlordID: record.lease.landlordID)
    }

    func paymentReceived(_ record: ReceiptRecord) -> Notice<PaymentReceived> {
        Notice(
            recipient: record.landlord,
            model: PaymentReceived(
                amount: .money(record.payment.amount), tenantName: record.lease.tenantName,
                unit: record.lease.unitLabel, propertyName: record.lease.propertyName),
            landlordID: record.lease.landlordID, link: "/landlord/leases/\(record.lease.id)")
    }

    func leaseEnded(_ lease: LeaseDetails, today: CalendarDay) -> Notice<LeaseEnded> {
        Notice(
            recipient: lease.tenant,
            model: LeaseEnded(
                propertyName: lease.propertyName, unit: lease.unitLabel,
                endDate: .day(lease.schedule.end ?? today), balance: .balance(lease.balance(asOf: today)),
                homeURL: config.link("/tenant")),
            landlordID: lease.landlordID)
    }

    private func receiptURL(_ payment: PaymentLine) -> String {
        config.link("/tenant/payments/\(payment.id)/receipt")
    }
}

extension ReceiptRecord {
    /// The lease's tenant, as a notice's recipient (with their contact when it was read with the receipt).
    var tenant: NoticeRecipient {
        NoticeRecipient(
            userID: lease.tenantID, name: lease.tenantName, email: lease.tenantEmail, contact: tenantContact)
    }
    /// The lease's landlord, as a notice's recipient (with their contact when it was read with the receipt).
    var landlord: NoticeRecipient {
        NoticeRecipient(
            userID: lease.landlordID, name: lease.landlordName, email: lease.landlordEmail, contact: landlordContact)
    }
}

extension LeaseDetails {
    /// The lease's tenant, as a notice's recipient.
    var tenant: NoticeRecipient { NoticeRecipient(userID: tenantID, name: tenantName, email: tenantEmail) }
    /// The lease's landlord, as a notice's recipient.
    var landlord: NoticeRecipient { NoticeRecipient(userID: landlordID, name: landlordName, email: landlordEmail) }
}
