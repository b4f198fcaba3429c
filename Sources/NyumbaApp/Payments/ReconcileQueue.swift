import MariaDB

/// The reconciler's SQL over pending payment requests: claiming those due for a query and
/// scheduling the next one.
///
/// A claim is a short READ COMMITTED transaction, like the outbox senders' (`OutboxQueue`): lock due
/// rows skipping those another node holds, push their `next_query_at` out by a lease, commit.
/// No lock is held while Daraja is asked, and a node that dies only delays its claims.
struct ReconcileQueue {
    let db: Connection

    /// Claims up to `limit` pending or needs-review requests whose query is due, for `leaseSeconds`.
    func claimDue(limit: Int, leaseSeconds: Int) throws -> [ClaimedPaymentRequest] {
        try db.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        return try db.transaction {
            let claimed = try db.query(
                """
                SELECT id, status, landlord_id, shortcode, checkout_request_id, query_attempts,
                       TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP(6)) AS age
                FROM payment_requests
                WHERE status IN ('pending', 'needs_review') AND next_query_at <= UTC_TIMESTAMP(6)
                ORDER BY next_query_at LIMIT ? FOR UPDATE SKIP LOCKED
                """, limit
            ).map(ClaimedPaymentRequest.init)
            guard !claimed.isEmpty else { return [] }
            let placeholders = sqlPlaceholders(claimed.count)
            try db.execute(
                """
                UPDATE payment_requests SET next_query_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND
                WHERE id IN (\(placeholders))
                """, parameters: [leaseSeconds] + claimed.map(\.id.raw))
            return claimed
        }
    }

    /// No answer yet: count the attempt and ask again after `delay` seconds, but no later
    /// than `deadline` seconds after the push (when the last query decides).
    func reschedule(_ id: PaymentRequestID, delay: Int, deadline: Int) throws {
        try db.execute(
            """
            UPDATE payment_requests
            SET query_attempts = query_attempts + 1,
                next_query_at = GREATEST(UTC_TIMESTAMP(6) + INTERVAL 1 SECOND,
                                         LEAST(UTC_TIMESTAMP(6) + INTERVAL ? SECOND, created_at + INTERVAL ? SECOND))
            WHERE id = ? AND status = 'pending'
            """, delay, deadline, id.raw)
    }

    /// An unclear result: ask again after `delay` seconds, with no deadline (only a clear
    /// answer settles it), or never again once `giveUp` is true.
    func rescheduleReview(_ id: PaymentRequestID, delay: Int, giveUp: Bool) throws {
        try db.execute(
            """
            UPDATE payment_requests
            SET query_attempts = query_attempts + 1,
                next_query_at = IF(?, '9999-12-31 00:00:00', UTC_TIMESTAMP(6) + INTERVAL ? SECOND)
            WHERE id = ? AND status = 'needs_review'
            """, giveUp, delay, id.raw)
    }

    /// Counts a query that settled the request.
    func countAttempt(_ id: PaymentRequestID) throws {
        try db.execute("UPDATE payment_requests SET query_attempts = query_attempts + 1 WHERE id = ?", id.raw)
    }

    /// How many pending requests are due for a query now.
    func dueCount() throws -> Int {
        try db.queryOne(
            """
            SELECT COUNT(*) AS due FROM payment_requests
            WHERE status IN ('pending', 'needs_review') AND next_query_at <= UTC_TIMESTAMP(6)
            """)?.int("due") ?? 0
    }
}
