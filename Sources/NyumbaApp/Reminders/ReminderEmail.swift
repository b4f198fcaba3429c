/// Renders a rent reminder; the preview shows exactly what this produces.
struct ReminderEmail {
    let composer: EmailComposer
    let pay: PayInstructions

    init(views: Views, config: Config, pay: PayInstructions) {
        composer = EmailComposer(views: views, config: config)
        self.pay = pay
    }

    /// The email to the tenant of `lease`, Reply-To the landlord.
    func draft(_ lease: LeaseDetails, _ figures: ReminderFigures, automatic: Bool) -> EmailDraft {
        let owes = figures.amountDue > 0
        var model: [String: Any] = [
            "landlordName": lease.landlordName, "unit": lease.unitLabel, "propertyName": lease.propertyName,
            "amount": owes ? Money.kes(figures.amountDue) : "Nothing due",
            "payURL": pay.payURL, "isAutomatic": automatic, "owes": owes,
        ]
        if figures.amountDue < 0 { model["credit"] = Money.kes(-figures.amountDue) }
        if let due = figures.dueDate { model["dueDate"] = LedgerText.day(due) }
        if let paybill = pay.paybill {
            model["paybill"] = PaybillAccount.words(paybill: paybill, account: lease.accountNumber ?? lease.unitLabel)
        }
        if let till = pay.till { model["till"] = till }
        return composer.draft(
            .rentReminder, to: (lease.tenantName, lease.tenantEmail), subject: Self.subject(lease, figures), model,
            landlordID: lease.landlordID, replyTo: lease.landlordEmail)
    }

    /// `Rent reminder: KES 12,500 due 5 May 2026, unit A1 Sunrise Court` (at most 200 characters).
    static func subject(_ lease: LeaseDetails, _ figures: ReminderFigures) -> String {
        var subject = "Rent reminder"
        if figures.amountDue > 0 {
            subject += ": \(Money.kes(figures.amountDue)) due"
            if let due = figures.dueDate { subject += " \(LedgerText.day(due))" }
            subject += ","
        } else {
            subject += " for"
        }
        return String("\(subject) unit \(lease.unitLabel) \(lease.propertyName)".prefix(200))
    }
}
