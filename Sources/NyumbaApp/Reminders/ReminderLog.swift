import Foundation
import MariaDB

/// One line of the landlord's log: a reminder or a message, with its email's delivery.
struct ReminderLogEntry {
    /// What the line is: a manual or automatic reminder, or a message one way or the other.
    enum Kind: String {
        case manual, automatic
        case toLandlord = "to_landlord"
        case toTenant = "to_tenant"

        /// The catalogue key of the kind's name.
        var words: String { "reminder.kind.\(rawValue)" }
    }

    let createdAt: Date
    let kind: Kind
    let leaseID: LeaseID
    let tenantName: String
    let unitLabel: String
    let propertyName: String
    /// A message's subject as typed, or an older reminder's as sent; nil for a reminder, whose
    /// subject is made from its figures (`subjectWords`).
    let subject: String?
    /// A reminder's amount due and due day.
    let amountDue: Int?
    let dueDate: CalendarDay?
    /// The outbox row's `queued`, `sent` or `failed`.
    let status: String
    let attempts: Int
    let sentAt: Date?

    init(row: Row) throws {
        createdAt = try row.date("created_at")
        kind = Kind(rawValue: try row.string("kind")) ?? .manual
        leaseID = LeaseID(try row.int64("lease_id"))
        tenantName = try row.string("tenant_name")
        unitLabel = try row.string("label")
        propertyName = try row.string("property_name")
        subject = try row.optionalString("subject")
        amountDue = try row.optionalInt("amount_due")
        dueDate = try row.optionalDay("due_date")
        status = try row.string("status")
        attempts = try row.int("attempts")
        sentAt = try row.optionalDate("sent_at")
    }
}

extension ReminderLogEntry {
    /// The subject in `say`'s words: a message's as typed, a reminder's made from the row's figures
    /// as its email's was (`mail.reminder.subject*`).
    func subject(_ say: Wording) -> String {
        if let subject { return subject }
        var values = ["unit": unitLabel, "propertyName": propertyName]
        guard let amountDue, amountDue > 0 else { return say("mail.reminder.subject", values) }
        values["amount"] = say.money(amountDue)
        guard let dueDate else { return say("mail.reminder.subject_due", values) }
        values["dueDate"] = say.day(dueDate)
        return say("mail.reminder.subject_due_date", values)
    }
}

/// The SQL of the landlord's log of reminders and messages.
struct ReminderLogStore {
    let db: Connection

    /// One page of the landlord's reminders and messages, newest first; fetches one row more
    /// than `limit` so the caller knows whether a next page exists. Claims of automatic
    /// reminders that found nothing owed (no email) are left out.
    func entries(landlord: UserID, offset: Int, limit: Int) throws -> [ReminderLogEntry] {
        try db.query(
            """
            SELECT x.created_at, x.kind, x.lease_id, t.name AS tenant_name, u.label, p.name AS property_name,
                   x.subject, x.amount_due, x.due_date, o.status, o.attempts,
                   IF(o.status = 'sent', o.sent_at, NULL) AS sent_at
            FROM (
                SELECT r.id, r.created_at, r.kind, r.lease_id, r.tenant_id, r.subject, r.amount_due, r.due_date,
                       r.outbox_id
                FROM reminders r WHERE r.landlord_id = ? AND r.outbox_id IS NOT NULL
                UNION ALL
                SELECT m.id, m.created_at, m.direction, m.lease_id, m.tenant_id, m.subject, NULL, NULL, m.outbox_id
                FROM messages m WHERE m.landlord_id = ?
            ) x
            JOIN outbox o ON o.id = x.outbox_id JOIN users t ON t.id = x.tenant_id
            JOIN leases l ON l.id = x.lease_id JOIN units u ON u.id = l.unit_id JOIN properties p ON p.id = l.property_id
            ORDER BY x.created_at DESC, x.outbox_id DESC LIMIT ? OFFSET ?
            """, landlord.raw, landlord.raw, limit + 1, offset
        ).map(ReminderLogEntry.init)
    }
}
