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
    /// The property's late fee, when one will be added if this rent is still unpaid on `lateFeeOn`.
    var lateFee: Figure? = nil
    var lateFeeOn: Figure? = nil
}

/// Builds rent reminders; the preview renders exactly what `Notifier` sends.
struct ReminderNotices {
    let pay: PayInstructions

    /// The reminder to the tenant of `lease`; `sms` false when the property's SMS reminders are off.
    /// It warns of the property's `lateFee` while the day it would be added is still ahead.
    func notice(
        _ lease: LeaseDetails, _ figures: ReminderFigures, automatic: Bool, sms: Bool, lateFee: LateFeePolicy,
        today: CalendarDay
    ) -> Notice<RentReminder> {
        let owes = figures.amountDue > 0
        let account = pay.paybill.map { _ in lease.accountNumber ?? lease.unitLabel }
        var model = RentReminder(
            landlordName: lease.landlordName, unit: lease.unitLabel, propertyName: lease.propertyName, owes: owes,
            amount: owes ? .money(figures.amountDue) : .balance(0),
            credit: figures.amountDue < 0 ? .money(-figures.amountDue) : nil,
            dueDate: figures.dueDate.map(Figure.day), payURL: pay.payURL, paybillNumber: pay.paybill, account: account,
            till: pay.till, isAutomatic: automatic)
        if owes, let due = figures.dueDate, case let feeDay = due.adding(days: lateFee.afterDays), feeDay >= today {
            switch lateFee.rule {
            case .none: break
            case .fixed(let amount): model.lateFee = .money(amount)
            case .percent(let percent): model.lateFee = .percentOfRentUnpaid(percent)
            }
            model.lateFeeOn = model.lateFee.map { _ in .day(feeDay) }
        }
        return Notice(
            recipient: lease.tenant, model: model, landlordID: lease.landlordID, replyTo: lease.landlordEmail,
            allowsSMS: sms)
    }
}
