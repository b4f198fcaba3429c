/// A rent reminder to a tenant (email and SMS), Reply-To the landlord.
struct RentReminder: NoticeModel {
    static let kind = NoticeKind.rentReminder
    let landlordName: String
    let unit: String
    let propertyName: String
    let owes: Bool
    /// The amount due, or words for nothing due.
    let amount: String
    let credit: String?
    let dueDate: String?
    let payURL: String
    /// `Paybill 174379, Account no. KBC7A1`, when the landlord takes paybill payments.
    let paybill: String?
    let paybillNumber: String?
    let account: String?
    let till: String?
    let isAutomatic: Bool
}

/// Builds rent reminders; the preview renders exactly what `Notifier` sends.
struct ReminderNotices {
    let pay: PayInstructions

    /// The reminder to the tenant of `lease`; `sms` false when the property's SMS reminders are off.
    func notice(_ lease: LeaseDetails, _ figures: ReminderFigures, automatic: Bool, sms: Bool) -> Notice<RentReminder> {
        let owes = figures.amountDue > 0
        let account = pay.paybill.map { _ in lease.accountNumber ?? lease.unitLabel }
        let model = RentReminder(
            landlordName: lease.landlordName, unit: lease.unitLabel, propertyName: lease.propertyName, owes: owes,
            amount: owes ? Money.kes(figures.amountDue) : "Nothing due",
            credit: figures.amountDue < 0 ? Money.kes(-figures.amountDue) : nil,
            dueDate: figures.dueDate.map(LedgerText.day), payURL: pay.payURL,
            paybill: pay.paybill.map { PaybillAccount.words(paybill: $0, account: account ?? "") },
            paybillNumber: pay.paybill, account: account, till: pay.till, isAutomatic: automatic)
        return Notice(
            recipient: lease.tenant, model: model, landlordID: lease.landlordID, replyTo: lease.landlordEmail,
            allowsSMS: sms)
    }
}
