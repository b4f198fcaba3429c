import MariaDB

/// One outbox row claimed for delivery (an email or an SMS).
struct QueuedMessage: Sendable {
    let id: Int64
    let kind: String
    /// An email address, or an SMS's international number.
    let recipient: String
    let recipientName: String
    let replyTo: String?
    let subject: String
    let textBody: String
    let htmlBody: String?
    /// Failed attempts so far.
    let attempts: Int

    /// A row just written (`Outbox.enqueueAtCommit`), as its sender would read it.
    init(id: Int64, _ message: OutboxMessage) {
        (self.id, kind, recipient, replyTo) = (id, message.kind, message.recipient, message.replyTo)
        (recipientName, subject) = (message.storedRecipientName, message.storedSubject)
        (textBody, htmlBody, attempts) = (message.text, nil, 0)
    }

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

/// An SMS the gateway accepted, as its outbox row records it.
struct SentSMS {
    let id: Int64
    /// The gateway's message id ("" for none).
    let messageID: String
    let segments: Int
    /// The gateway's cost text ("" for none).
    let cost: String
}

/// A sender's SQL over its channel of the outbox: claiming due rows and recording how delivery went.
///
/// A claim is a short transaction: lock due rows of the channel (skipping those another sender
/// holds) and push their `next_attempt_at` out by a lease, then commit. No other sender sees
/// them as due until the lease ends, so no row lock is held while a message is being sent, and
/// a sender that dies mid-batch only delays its messages until the lease runs out.
struct OutboxQueue {
    let db: Connection
    let channel: NoticeChannel

    /// Rows a sender claims at once. Under a backlog a batch is full, so its fixed costs (the
    /// claim's and the record's commits, the file transports' sync) are shared by this many.
    static let batchSize = 100
    /// How long a sender goes on through one batch: the rows not reached by then are released
    /// (due again at once), so a slow transport never keeps a claim past its lease.
    static let timeBudget = Duration.seconds(5 * 60)
    /// How long a claimed batch stays invisible to other senders: longer than `timeBudget` plus
    /// the slowest single send the transports' timeouts allow (SMTP: 5 s to connect, 30 s in all).
    static let leaseSeconds = 15 * 60
    /// The longest wait between two attempts, in seconds.
    static let maximumDelay = 3600

    /// Takes one batch — the rows this process handed over (`OutboxHandoff`), else due rows it
    /// claims — and hands each to `deliver`, in order, until `timeBudget` has passed; releases the
    /// rest and returns how many were handed over (0: nothing was due).
    func deliverBatch(
        timeBudget: Duration = Self.timeBudget, handoff: OutboxHandoff = .shared,
        _ deliver: (QueuedMessage) throws -> Void
    ) throws -> Int {
        var messages = handoff.take(channel, limit: Self.batchSize)
        var timeBudget = timeBudget
        if messages.isEmpty {
            do {
                messages = try claimDue(limit: Self.batchSize, leaseSeconds: Self.leaseSeconds)
            } catch let error as DatabaseError where error.isLockConflict {
                // Rolled back before anything was sent: the next pass simply tries again.
                return 0
            }
        } else {
            timeBudget = min(timeBudget, OutboxHandoff.timeBudget)
        }
        let clock = ContinuousClock()
        let started = clock.now
        for (index, message) in messages.enumerated() {
            try deliver(message)
            if index + 1 < messages.count, started.duration(to: clock.now) > timeBudget {
                try release(messages[(index + 1)...].map(\.id))
                return index + 1
            }
        }
        return messages.count
    }

    /// The wait before the next attempt after `attempts` earlier failures: `base · 2^attempts`,
    /// at most an hour.
    static func retryDelay(afterAttempts attempts: Int, base: Int) -> Int {
        min(base * (1 << min(attempts, 20)), maximumDelay)
    }

    /// Counts a failed attempt of `message`: retried after a back-off from `retryBase` seconds, or
    /// failed for good when `permanent` or at the `maxAttempts`th failure. Returns the wait, nil for failed.
    func markFailed(_ message: QueuedMessage, error: String, permanent: Bool, retryBase: Int, maxAttempts: Int)
        throws -> Int?
    {
        let retryAfter =
            permanent || message.attempts + 1 >= maxAttempts
            ? nil : Self.retryDelay(afterAttempts: message.attempts, base: retryBase)
        try markFailed(message.id, error: error, retryAfter: retryAfter)
        return retryAfter
    }

    /// Claims up to `limit` due rows of the channel, longest due first, for `leaseSeconds`: in the
    /// order of the channel's due index, so a claim reads `limit` rows however long the queue is.
    func claimDue(limit: Int, leaseSeconds: Int) throws -> [QueuedMessage] {
        // READ COMMITTED takes no gap locks, which under concurrent claims cause deadlocks.
        try db.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        return try db.transaction {
            let messages = try db.query(
                """
                SELECT id, kind, recipient, recipient_name, reply_to, subject, text_body, html_body, attempts
                FROM outbox
                WHERE channel = ? AND status = 'queued' AND next_attempt_at <= UTC_TIMESTAMP(6)
                ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED
                """, channel.rawValue, limit
            ).map(QueuedMessage.init)
            guard !messages.isEmpty else { return [] }
            let placeholders = sqlPlaceholders(messages.count)
            try db.execute(
                """
                UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND
                WHERE id IN (\(placeholders))
                """, parameters: [leaseSeconds] + messages.map(\.id))
            return messages
        }
    }

    /// Makes claimed rows that were not attempted due again at once.
    func release(_ ids: [Int64]) throws {
        try db.execute(
            """
            UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(6)
            WHERE status = 'queued' AND id IN (\(sqlPlaceholders(ids.count)))
            """, parameters: ids)
    }

    /// How many queued rows of the channel are due now (claimed ones are not due until their lease ends).
    func dueCount() throws -> Int {
        try db.queryOne(
            """
            SELECT COUNT(*) AS due FROM outbox
            WHERE channel = ? AND status = 'queued' AND next_attempt_at <= UTC_TIMESTAMP(6)
            """, channel.rawValue
        )?.int("due") ?? 0
    }

    /// Records rows as sent, in one statement.
    func markSent(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        let placeholders = sqlPlaceholders(ids.count)
        try db.execute(
            "UPDATE outbox SET status = 'sent', sent_at = UTC_TIMESTAMP(6), last_error = NULL WHERE id IN (\(placeholders))",
            parameters: ids)
    }

    /// Records SMS the gateway accepted, each with its message id, parts and cost, in one statement.
    func markSent(_ messages: [SentSMS]) throws {
        guard !messages.isEmpty else { return }
        let cases = String(repeating: " WHEN ? THEN ?", count: messages.count)
        let placeholders = sqlPlaceholders(messages.count)
        func pairs(_ value: (SentSMS) -> (any SQLBindable)?) -> [(any SQLBindable)?] {
            messages.flatMap { [$0.id, value($0)] }
        }
        try db.execute(
            """
            UPDATE outbox SET status = 'sent', sent_at = UTC_TIMESTAMP(6), last_error = NULL,
                              provider_message_id = CASE id\(cases) END, segments = CASE id\(cases) END,
                              cost = CASE id\(cases) END
            WHERE id IN (\(placeholders))
            """,
            parameters: pairs { $0.messageID.isEmpty ? nil : String($0.messageID.prefix(100)) }
                + pairs { min($0.segments, 255) } + pairs { $0.cost.isEmpty ? nil : String($0.cost.prefix(40)) }
                + messages.map(\.id))
    }

    /// Counts a failed attempt; the row is tried again after `retryAfter` seconds, or
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
