import Foundation
import MariaDB
import SMS

/// The SQL of SMS beyond sending: delivery reports, and what a landlord's tenants were sent.
struct SMSStore {
    let db: Connection

    /// Records a delivery report on the SMS with its message id and number; a final status (delivered,
    /// failed, rejected) is never overwritten by a later non-final one. False when no SMS has that id.
    func record(_ report: SMSDeliveryReport) throws -> Bool {
        // The number too: a message id names one message to one number.
        let found = try db.queryOne(
            """
            SELECT id FROM outbox WHERE provider_message_id = ? AND channel = 'sms' AND recipient = ?
            ORDER BY id DESC LIMIT 1
            """, report.messageID, report.phoneNumber.international)
        guard let id = try found?.int64("id") else { return false }
        try db.execute(
            """
            UPDATE outbox SET delivery_status = ?, delivery_failure = ?,
                              delivered_at = IF(? = 'Success', UTC_TIMESTAMP(6), delivered_at)
            WHERE id = ? AND (delivery_status IS NULL OR delivery_status NOT IN ('Success', 'Failed', 'Rejected'))
            """, report.status.rawValue, report.failureReason.map { String($0.prefix(100)) }, report.status.rawValue,
            id)
        return true
    }

    /// The SMS the gateway took for the landlord's tenants in the Nairobi month of `day`, and the parts billed.
    func sentToTenants(landlord: UserID, month day: CalendarDay) throws -> (messages: Int, parts: Int) {
        // Nairobi's midnight is 21:00 UTC the day before.
        let offset = -TimeInterval(NairobiTime.timeZone.secondsFromGMT())
        let start = day.firstOfMonth.utcMidnight.addingTimeInterval(offset)
        let end = CalendarDay.dueDate(monthIndex: day.monthIndex + 1, dueDay: 1).utcMidnight.addingTimeInterval(offset)
        let kinds = NoticeKind.allCases.filter(\.textsTenants).map(\.rawValue)
        let placeholders = sqlPlaceholders(kinds.count)
        let row = try db.queryOne(
            """
            SELECT COUNT(*) AS messages, COALESCE(SUM(segments), 0) AS parts FROM outbox
            WHERE landlord_id = ? AND channel = 'sms' AND created_at >= ? AND created_at < ? AND status = 'sent'
              AND kind IN (\(placeholders))
            """, parameters: [landlord.raw, start, end] + kinds)
        return (try row?.int("messages") ?? 0, try row?.int("parts") ?? 0)
    }
}
