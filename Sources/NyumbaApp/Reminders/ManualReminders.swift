import MariaDB

/// One tenant a manual reminder goes to, with the notice and the email (for the preview) they will get.
struct ReminderRecipient {
    let lease: LeaseDetails
    let figures: ReminderFigures
    let notice: Notice<RentReminder>
    let email: EmailDraft
}

/// Why a manual reminder cannot go out, in words for the landlord.
enum ReminderRefusal: Error {
    case leaseEnded
    case nobodyOwes

    /// The catalogue key of the reason.
    var words: String {
        switch self {
        case .leaseEnded: "reminder.refused.lease_ended"
        case .nobodyOwes: "reminder.refused.nobody_owes"
        }
    }
}

/// Builds and sends the landlord's manual reminders; the preview and the sending use the
/// same `recipients(_:landlord:today:)`, so what was previewed is what goes out.
struct ManualReminders {
    let db: Connection
    let views: Views
    let config: Config

    /// The tenants `target` reaches, with their emails; nil when the target is not the
    /// landlord's (→ 404).
    func recipients(_ target: ReminderTarget, landlord: UserID, today: CalendarDay) throws
        -> Result<[ReminderRecipient], ReminderRefusal>?
    {
        if case .property(let id) = target,
            try PropertyStore(db: db).property(id, landlord: landlord) == nil
        {
            return nil
        }
        let store = ReminderStore(db: db)
        let leases = try store.leases(target, landlord: landlord)
        if case .lease = target {
            guard let lease = leases.first else { return nil }
            guard lease.isOpen else { return .failure(.leaseEnded) }
        }
        let writer = ReminderNotices(pay: try PayInstructions.lookUp(landlord: landlord, store: store, config: config))
        let renderer = NoticeRenderer(views: views, config: config)
        // Read once per property, not once per tenant: a group reminder may reach a whole block.
        var smsByProperty: [PropertyID: Bool] = [:]
        var lateFeeByProperty: [PropertyID: LateFeePolicy] = [:]
        let recipients = try leases.compactMap { lease -> ReminderRecipient? in
            guard lease.balance(asOf: today) > 0 || target.includesTenantsWhoOweNothing else { return nil }
            let figures = ReminderFigures.manual(lease, today: today)
            if smsByProperty[lease.propertyID] == nil {
                smsByProperty[lease.propertyID] = try store.smsReminders(property: lease.propertyID)
                lateFeeByProperty[lease.propertyID] =
                    try ChargeSettingsStore(db: db).settings(property: lease.propertyID, landlord: landlord).lateFee
            }
            let notice = writer.notice(
                lease, figures, automatic: false, sms: smsByProperty[lease.propertyID] ?? true,
                lateFee: lateFeeByProperty[lease.propertyID] ?? .off, today: today)
            return ReminderRecipient(
                lease: lease, figures: figures, notice: notice,
                email: renderer.email(notice, language: try UserStore(db: db).language(of: notice.recipient)))
        }
        return recipients.isEmpty ? .failure(.nobodyOwes) : .success(recipients)
    }

    /// Queues every email and SMS and writes each log row, all in one transaction; with the send
    /// form's one-time `key` (or the API's `Idempotency-Key`), spent in it. Nothing is sent when the
    /// landlord spent the key before: the same send posted twice reminds once.
    func send(_ recipients: [ReminderRecipient], landlord: UserID, key: String?) throws {
        let store = ReminderStore(db: db)
        let notifier = Notifier(db: db, views: views, config: config)
        try db.transaction {
            if let key, try !SpentFormKeys(db: db).spend(key, by: landlord) { return }
            for recipient in recipients {
                let sent = try notifier.send(recipient.notice)
                try store.recordManual(
                    NewReminder(lease: recipient.lease, isAutomatic: false, figures: recipient.figures),
                    outbox: sent.email)
            }
        }
    }
}
