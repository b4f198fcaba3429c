import Foundation
import MariaDB

/// A reminder about to be written to the log, with its email already queued (or not).
struct NewReminder {
    let lease: LeaseDetails
    let isAutomatic: Bool
    let figures: ReminderFigures
    /// The due month and occasion of an automatic reminder.
    var month: CalendarDay? = nil
    var occasion: Int? = nil
}

/// An automatic reminder the scheduler may owe: a lease and an occasion that falls today.
struct DueOccasion {
    let leaseID: LeaseID
    let offsetDays: Int
}

/// The SQL of reminders: whom a landlord can remind, automatic occasions, and the log rows.
struct ReminderStore {
    let db: Connection

    /// The landlord's open leases the target names, by property and unit; a lease target
    /// also finds an ended lease (the caller says why it cannot be reminded).
    func leases(_ target: ReminderTarget, landlord: UserID) throws -> [LeaseDetails] {
        let order = " ORDER BY p.name, p.id, u.label, l.id"
        switch target {
        case .lease(let id):
            return try db.query("\(LeaseDetails.select) WHERE l.id = ? AND l.landlord_id = ?", id.raw, landlord.raw)
                .map(LeaseDetails.init)
        case .property(let id):
            return try db.query(
                "\(LeaseDetails.select) WHERE l.property_id = ? AND l.landlord_id = ? AND l.end_date IS NULL\(order)",
                id.raw, landlord.raw
            ).map(LeaseDetails.init)
        case .arrears:
            return try db.query(
                "\(LeaseDetails.select) WHERE l.landlord_id = ? AND l.end_date IS NULL\(order)", landlord.raw
            ).map(LeaseDetails.init)
        }
    }

    /// Any lease by id, for the scheduler (which works for every landlord).
    func lease(_ id: LeaseID) throws -> LeaseDetails? {
        try db.queryOne("\(LeaseDetails.select) WHERE l.id = ?", id.raw).map(LeaseDetails.init)
    }

    /// The landlord's own paybill or till, if they saved M-Pesa settings.
    func mpesaAccount(landlord: UserID) throws -> MpesaNumber? {
        try db.queryOne("SELECT transaction_type, party_b FROM mpesa_settings WHERE landlord_id = ?", landlord.raw)
            .map {
                MpesaNumber(
                    number: try $0.string("party_b"),
                    isTill: try $0.string("transaction_type") == "CustomerBuyGoodsOnline")
            }
    }

    /// Writes a reminder's log row pointing at its email's outbox row; call it inside the
    /// transaction that queued the email.
    func recordManual(_ reminder: NewReminder, outbox: Int64?) throws {
        try insert(reminder, outbox: outbox, ignoringDuplicates: false)
    }

    /// Claims an automatic reminder's (lease, month, occasion) with no email yet; false if
    /// another scheduler already did (the unique key decides, even across nodes).
    func claimAutomatic(_ reminder: NewReminder) throws -> Bool {
        try insert(reminder, outbox: nil, ignoringDuplicates: true) == 1
    }

    /// Points the claimed automatic reminder at its email's outbox row.
    func attachOutbox(_ outbox: Int64?, lease: LeaseID, month: CalendarDay, occasion: Int) throws {
        try db.execute(
            "UPDATE reminders SET outbox_id = ? WHERE lease_id = ? AND month = ? AND occasion = ?",
            outbox, lease.raw, month.description, occasion)
    }

    /// Whether the property's tenants get their reminders by SMS too (its landlord may turn it off).
    func smsReminders(property: PropertyID) throws -> Bool {
        try db.queryOne("SELECT sms_reminders FROM properties WHERE id = ?", property.raw)?.bool("sms_reminders")
            ?? true
    }

    @discardableResult
    private func insert(_ reminder: NewReminder, outbox: Int64?, ignoringDuplicates: Bool) throws -> Int {
        try db.execute(
            """
            INSERT\(ignoringDuplicates ? " IGNORE" : "") INTO reminders (landlord_id, lease_id, tenant_id, kind,
                month, occasion, amount_due, due_date, outbox_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))
            """, reminder.lease.landlordID.raw, reminder.lease.id.raw, reminder.lease.tenantID.raw,
            reminder.isAutomatic ? "automatic" : "manual", reminder.month?.description, reminder.occasion,
            reminder.figures.amountDue, reminder.figures.dueDate?.description, outbox
        ).affectedRows
    }

    /// Open leases with an occasion of their landlord falling on `today` (the due day is
    /// `today` minus the occasion), started by that due day, with no reminder claimed yet.
    func dueOccasions(today: CalendarDay, limit: Int) throws -> [DueOccasion] {
        try db.query(
            """
            SELECT l.id, o.offset_days
            FROM reminder_occasions o
            JOIN leases l ON l.landlord_id = o.landlord_id AND l.end_date IS NULL
                AND l.due_day = DAY(? - INTERVAL o.offset_days DAY)
                AND l.start_date <= ? - INTERVAL o.offset_days DAY
            LEFT JOIN reminders r ON r.lease_id = l.id AND r.occasion = o.offset_days
                AND r.month = DATE_FORMAT(? - INTERVAL o.offset_days DAY, '%Y-%m-01')
            WHERE r.id IS NULL
            ORDER BY l.id, o.offset_days LIMIT ?
            """, today.description, today.description, today.description, limit
        ).map { DueOccasion(leaseID: LeaseID(try $0.int64("id")), offsetDays: try $0.int("offset_days")) }
    }

    /// The landlord's automatic occasions, earliest first.
    func occasions(landlord: UserID) throws -> [Int] {
        try db.query(
            "SELECT offset_days FROM reminder_occasions WHERE landlord_id = ? ORDER BY offset_days", landlord.raw
        ).map { try $0.int("offset_days") }
    }

    /// Replaces the landlord's automatic occasions (none turns automatic reminders off).
    func saveOccasions(_ offsets: [Int], landlord: UserID) throws {
        try db.transaction {
            try db.execute("DELETE FROM reminder_occasions WHERE landlord_id = ?", landlord.raw)
            for offset in offsets {
                try db.execute(
                    "INSERT INTO reminder_occasions (landlord_id, offset_days) VALUES (?, ?)", landlord.raw, offset)
            }
        }
    }
}
