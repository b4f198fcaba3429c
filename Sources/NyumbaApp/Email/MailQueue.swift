import MariaDB

/// One email claimed from the outbox for delivery.
struct QueuedEmail {
    let id: Int64
    let kind: String
    let recipient: String
    let recipientName: String
    let replyTo: String?
    let subject: String
    let textBody: String
    let htmlBody: String?
    /// Failed attempts so far.
    let attempts: Int

    init(row: Row) throws {
        id = try row.int64("id")
        kind = try row.string("kind")
        recipient = try row.string("recipient")
        recipientName = try row.string("recipient_name")
        replyTo = try row.optionalString("reply_to")
        subject = try row.string("subject")
        textBody = try row.string("text_body")
        htmlBody = try row.optionalString("html_body")
        attempts = try row.int("attempts")
    }
}

/// The mailer's SQL over the outbox: claiming due emails and recording how delivery went.
///
/// A claim is a short transaction: lock due rows (skipping those another mailer holds) and
/// push their `next_attempt_at` out by a lease, then commit. No other mailer sees them as
/// due until the lease ends, so no row lock is held while an email is being sent, and a
/// mailer that dies mid-batch only delays its emails until the lease runs out.
struct MailQueue {
    let db: Connection

    /// Claims up to `limit` due emails, longest due first, for `leaseSeconds`. In the order of
    /// the `outbox_due` index, so the claim reads `limit` rows however long the queue is
    /// (ordered by id, it read and sorted every due row, or scanned the whole table).
    func claimDue(limit: Int, leaseSeconds: Int) throws -> [QueuedEmail] {
        // READ COMMITTED takes no gap locks, which under concurrent claims cause deadlocks.
        try db.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        return try db.transaction {
            let emails = try db.query(
                """
                SELECT id, kind, recipient, recipient_name, reply_to, subject, text_body, html_body, attempts
                FROM outbox
                WHERE status = 'queued' AND next_attempt_at <= UTC_TIMESTAMP(6)
                ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED
                """, limit
            ).map(QueuedEmail.init)
            guard !emails.isEmpty else { return [] }
            let placeholders = Array(repeating: "?", count: emails.count).joined(separator: ", ")
            try db.execute(
                """
                UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND
                WHERE id IN (\(placeholders))
                """, parameters: [leaseSeconds] + emails.map(\.id))
            return emails
        }
    }

    /// How many queued emails are due now (claimed ones are not due until their lease ends).
    func dueCount() throws -> Int {
        try db.queryOne(
            "SELECT COUNT(*) AS due FROM outbox WHERE status = 'queued' AND next_attempt_at <= UTC_TIMESTAMP(6)"
        )?.int("due") ?? 0
    }

    /// Records emails as sent (nothing for none).
    func markSent(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        try db.execute(
            "UPDATE outbox SET status = 'sent', sent_at = UTC_TIMESTAMP(6), last_error = NULL WHERE id IN (\(placeholders))",
            parameters: ids)
    }

    /// Counts a failed attempt; the email is tried again after `retryAfter` seconds, or
    /// never again when `retryAfter` is nil.
    func markFailed(_ id: Int64, error: String, retryAfter: Int?) throws {
        let message = String(error.prefix(500))
        if let retryAfter {
            try db.execute(
                """
                UPDATE outbox SET attempts = attempts + 1, last_error = ?,
                                  next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND
                WHERE id = ?
                """, message, retryAfter, id)
        } else {
            try db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, status = 'failed' WHERE id = ?",
                message, id)
        }
    }
}
