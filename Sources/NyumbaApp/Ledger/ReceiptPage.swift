/// The view model of `ledger/receipt.mustache`: one payment, printable.
struct ReceiptPage {
    let layout: Layout
    let backLink: String
    /// "Paybill 123456, Account no. KBC7A1": how to pay next time from the M-Pesa menu.
    var paybill: String? = nil
    let number: String
    let landlordName: String
    let propertyName: String
    let propertyLocation: String
    let unitLabel: String
    let tenantName: String
    let amount: String
    let paidAt: String
    let channel: String
    let isManual: Bool
    let receipt: String?
    let reference: String?
    let phone: String?
    let note: String?
    let balanceAfter: String
    let recordedAt: String

    init(layout: Layout, record: ReceiptRecord, backLink: String) {
        let payment = record.payment
        self.layout = layout
        self.backLink = backLink
        number = "NY-\(payment.id)"
        landlordName = record.lease.landlordName
        propertyName = record.lease.propertyName
        propertyLocation = record.lease.propertyLocation
        unitLabel = record.lease.unitLabel
        tenantName = record.lease.tenantName
        let say = layout.say
        amount = say.money(payment.amount)
        paidAt = say.when(payment) + (payment.channel == .manual ? "" : " EAT")
        channel = say.channel(payment)
        isManual = payment.channel == .manual
        receipt = payment.receipt
        reference = payment.reference
        phone = record.phone
        note = record.note
        balanceAfter = say.balance(record.balanceAfter)
        recordedAt = say.dateTime(record.recordedAt) + " EAT"
    }
}
