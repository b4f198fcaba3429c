import Foundation

/// The view model of `reminders/new.mustache`: either a choice of whom to remind, or the
/// preview of the exact emails with the button that sends them.
struct ReminderPreviewPage {
    /// One recipient with the exact email they will get.
    struct Recipient {
        let tenantName: String
        let email: String
        let unitLabel: String
        let propertyName: String
        let amount: String
        let dueDate: String
        let subject: String
        let text: String
        /// The first email is shown open.
        let isOpen: Bool
    }

    /// An option of the choice lists.
    struct Choice {
        let value: String
        let text: String
    }

    let layout: Layout
    let heading: String
    let isChoosing: Bool
    let properties: [Choice]
    let tenants: [Choice]
    let targetName: String
    let targetValue: String
    let recipients: [Recipient]
    let count: Int
    let isPlural: Bool
    let hasRecipients: Bool
    let hasTenants: Bool
    let refusal: String?
    /// The send form's one-time key: sent twice, the reminders go out once.
    let key: String

    /// The preview of `recipients` for `target`.
    init(layout: Layout, target: ReminderTarget, recipients: [ReminderRecipient], refusal: ReminderRefusal?) {
        self.layout = layout
        isChoosing = false
        properties = []
        tenants = []
        (targetName, targetValue) = target.field
        self.recipients = recipients.enumerated().map { index, recipient in
            Recipient(
                tenantName: recipient.lease.tenantName, email: recipient.lease.tenantEmail,
                unitLabel: recipient.lease.unitLabel, propertyName: recipient.lease.propertyName,
                amount: layout.say.balance(recipient.figures.amountDue),
                dueDate: recipient.figures.dueDate.map(layout.say.day) ?? "—", subject: recipient.email.subject,
                text: recipient.email.text, isOpen: index == 0)
        }
        count = recipients.count
        isPlural = recipients.count != 1
        hasRecipients = !recipients.isEmpty
        hasTenants = true
        self.refusal = refusal.map { layout.say($0.words) }
        heading = Self.heading(target, recipients, layout.say)
        key = OneTimeKey.fresh()
    }

    /// The choice of whom to remind, from the landlord's open leases.
    init(layout: Layout, openLeases: [LeaseDetails]) {
        self.layout = layout
        heading = layout.say("reminder.heading.choose")
        isChoosing = true
        var seen = Set<PropertyID>()
        properties = openLeases.compactMap { lease in
            guard seen.insert(lease.propertyID).inserted else { return nil }
            return Choice(value: lease.propertyID.description, text: lease.propertyName)
        }
        tenants = openLeases.map {
            Choice(value: $0.id.description, text: "\($0.tenantName), \($0.unitLabel) \($0.propertyName)")
        }
        targetName = ""
        targetValue = ""
        recipients = []
        count = 0
        isPlural = false
        hasRecipients = false
        hasTenants = !openLeases.isEmpty
        refusal = nil
        key = ""
    }

    private static func heading(_ target: ReminderTarget, _ recipients: [ReminderRecipient], _ say: Wording)
        -> String
    {
        guard let lease = recipients.first?.lease else {
            switch target {
            case .lease: return say("reminder.heading.a_tenant")
            case .property: return say("reminder.heading.a_property")
            case .arrears: return say("reminder.heading.arrears")
            }
        }
        switch target {
        case .lease: return say("reminder.heading.tenant", ["tenantName": lease.tenantName])
        case .property: return say("reminder.heading.property", ["propertyName": lease.propertyName])
        case .arrears: return say("reminder.heading.arrears")
        }
    }
}

/// The view model of `reminders/settings.mustache`: up to five automatic occasions.
struct ReminderSettingsPage {
    /// One occasion field.
    struct Field {
        let name: String
        let number: Int
        let value: String
        let error: String?
    }

    let layout: Layout
    let fields: [Field]
    let isOff: Bool
}

/// The view model of `reminders/log.mustache`.
struct ReminderLogPage {
    /// One line of the log.
    struct Line {
        let date: String
        let kind: String
        let tenantName: String
        let unit: String
        let leaseLink: String
        let subject: String
        let status: String
        let isFailed: Bool
    }

    let layout: Layout
    let lines: [Line]
    let isEmpty: Bool
    let previousLink: String?
    let nextLink: String?
    /// SMS the landlord's tenants were sent this month (Nairobi), and the parts billed.
    let smsThisMonth: Int
    let smsPartsThisMonth: Int
}

extension ReminderLogPage.Line {
    init(_ entry: ReminderLogEntry, say: Wording) {
        date = say.dateTime(entry.createdAt)
        kind = say(entry.kind.words)
        let attempts = ["attempts": String(entry.attempts)]
        tenantName = entry.tenantName
        unit = "\(entry.unitLabel), \(entry.propertyName)"
        leaseLink = "/landlord/leases/\(entry.leaseID)"
        subject = entry.subject(say)
        isFailed = entry.status == "failed"
        switch entry.status {
        case "sent":
            status =
                entry.sentAt.map { say("reminder.status.sent_at", ["date": say.dateTime($0)]) }
                ?? say("reminder.status.sent")
        case "failed": status = say(Self.plural("reminder.status.failed", entry.attempts), attempts)
        default:
            status =
                entry.attempts == 0
                ? say("reminder.status.queued") : say(Self.plural("reminder.status.retrying", entry.attempts), attempts)
        }
    }

    /// `key.one` for one, `key.many` otherwise.
    private static func plural(_ key: String, _ count: Int) -> String { key + (count == 1 ? ".one" : ".many") }
}
