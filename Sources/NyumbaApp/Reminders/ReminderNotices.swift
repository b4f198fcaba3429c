/// A rent reminder to a tenant (email and SMS), Reply-To the landlord.
struct RentReminder: NoticeModel {
    static let kind = NoticeKind.rentReminder
    let landlordName: String
    let unit: String
    let propertyName: String
    let owes: Bool
    /// The amount due, or words for nothing due.
    let amount: Figure
    let credit: Figure?
    let dueDate: Figure?
    let payURL: String
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
            amount: owes ? .money(figures.amountDue) : .balance(0),
            credit: figures.amountDue < 0 ? .money(-figures.amountDue) : nil,
            dueDate: figures.dueDate.map(Figure.day), payURL: pay.payURL, paybillNumber: pay.paybill, account: account,
            till: pay.till, isAutomatic: automatic)
        return Notice(
            recipient: lease.tenant, model: model, landlordID: lease.landlordID, replyTo: lease.landlordEmail,
            allowsSMS: sms)
    }
}
