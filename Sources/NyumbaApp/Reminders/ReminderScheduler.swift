import Foundation
import MariaDB
import Web

/// Sends the automatic reminders that fall on a day: each (lease, month, occasion) once,
/// however often it runs and however many processes run it, and never to a tenant who
/// owes nothing by then.
struct ReminderScheduler {
    let db: Connection
    let views: Views
    let config: Config

    static let batchSize = 200

    /// Sends what is due on `today` (Nairobi); returns how many reminders it queued.
    func run(today: CalendarDay) throws -> Int {
        var sent = 0
        while true {
            let due = try ReminderStore(db: db).dueOccasions(today: today, limit: Self.batchSize)
            for occasion in due where try send(occasion, today: today) { sent += 1 }
            if due.count < Self.batchSize { return sent }
        }
    }

    /// Claims one occasion and queues its email and SMS in one short transaction; false when another
    /// scheduler had claimed it or nothing is owed (the claim is kept, so it is not looked at again).
    private func send(_ occasion: DueOccasion, today: CalendarDay) throws -> Bool {
        let store = ReminderStore(db: db)
        guard let lease = try store.lease(occasion.leaseID), lease.isOpen else { return false }
        let dueDate = today.adding(days: -occasion.offsetDays)
        let figures = ReminderFigures.automatic(lease, dueDate: dueDate, today: today)
        let pay = try PayInstructions.lookUp(landlord: lease.landlordID, store: store, config: config)
        let lateFee = try ChargeSettingsStore(db: db).settings(property: lease.propertyID, landlord: lease.landlordID)
            .lateFee
        let notice = ReminderNotices(pay: pay).notice(
            lease, figures, automatic: true, sms: try store.smsReminders(property: lease.propertyID), lateFee: lateFee,
            today: today)
        let notifier = Notifier(db: db, views: views, config: config)
        let reminder = NewReminder(
            lease: lease, isAutomatic: true, figures: figures, month: dueDate.firstOfMonth,
            occasion: occasion.offsetDays)
        // READ COMMITTED takes no gap locks: concurrent claims wait on the one key, never deadlock.
        try db.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        return try db.transaction {
            guard try store.claimAutomatic(reminder), figures.amountDue > 0 else { return false }
            let sent = try notifier.send(notice)
            try store.attachOutbox(
                sent.email, lease: lease.id, month: dueDate.firstOfMonth, occasion: occasion.offsetDays)
            return true
        }
    }
}

/// "Today" for the scheduler: Nairobi's date, from 08:00 Nairobi time (no reminder at night).
/// `NYUMBA_TODAY=YYYY-MM-DD` pins the date at any hour — a test knob, read only here.
struct ReminderClock: Sendable {
    let pinned: CalendarDay?

    static let firstHour = 8

    /// Reads `NYUMBA_TODAY`; a malformed value is an error naming it.
    init(environment: [String: String]) throws(ConfigError) {
        guard let text = environment["NYUMBA_TODAY"], !text.isEmpty else {
            pinned = nil
            return
        }
        guard let day = CalendarDay(iso: text) else {
            throw ConfigError(problems: ["NYUMBA_TODAY must be a date like 2026-05-05 (a test setting)"])
        }
        pinned = day
    }

    /// The day to send for now, or nil before the first hour.
    func today(now: Date = Date()) -> CalendarDay? {
        if let pinned { return pinned }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = NairobiTime.timeZone
        let hour = calendar.component(.hour, from: now)
        return hour >= Self.firstHour ? CalendarDay.nairobi(now) : nil
    }
}
