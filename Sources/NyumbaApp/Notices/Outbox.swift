import MariaDB

/// An email waiting in the outbox.
struct EmailDraft {
    let kind: String
    let recipient: String
    let recipientName: String
    let subject: String
    let text: String
    var replyTo: String? = nil
    var landlordID: UserID? = nil
}

/// An SMS waiting in the outbox.
struct SMSDraft {
    let kind: String
    /// The international number, `+2547…`.
    let number: String
    let recipientName: String
    let text: String
    var landlordID: UserID? = nil
}

/// One row of the outbox: an email or an SMS.
struct OutboxMessage {
    let kind: String
    let channel: NoticeChannel
    let landlordID: UserID?
    let recipient: String
    let recipientName: String
    let replyTo: String?
    let subject: String
    let text: String

    init(_ draft: EmailDraft) {
        (kind, channel, landlordID, recipient) = (draft.kind, .email, draft.landlordID, draft.recipient)
        (recipientName, replyTo, subject, text) = (draft.recipientName, draft.replyTo, draft.subject, draft.text)
    }

    init(_ draft: SMSDraft) {
        (kind, channel, landlordID, recipient) = (draft.kind, .sms, draft.landlordID, draft.number)
        (recipientName, replyTo, subject, text) = (draft.recipientName, nil, "", draft.text)
    }

    /// The recipient's name as its column keeps it.
    var storedRecipientName: String { String(recipientName.prefix(120)) }
    /// The subject as its column keeps it.
    var storedSubject: String { String(subject.prefix(200)) }
}

/// Writes emails and SMS to the outbox table. Call it inside the transaction of the change
/// that causes them, so that the change and its messages are saved together or not at all.
struct Outbox {
    let db: Connection

    /// Queues an email; returns its outbox id.
    @discardableResult
    func enqueue(_ draft: EmailDraft) throws -> Int64 {
        try enqueue([OutboxMessage(draft)])!
    }

    /// Queues an SMS; returns its outbox id.
    @discardableResult
    func enqueue(_ draft: SMSDraft) throws -> Int64 {
        try enqueue([OutboxMessage(draft)])!
    }

    /// Queues messages in one statement; returns the first one's outbox id (nil for none).
    @discardableResult
    func enqueue(_ messages: [OutboxMessage]) throws -> Int64? {
        guard !messages.isEmpty else { return nil }
        return try db.execute(
            Self.insert.sql(rows: messages.count), parameters: messages.flatMap(Self.parameters)
        ).lastInsertID
    }

    /// Queues messages with the commit of the current transaction (`executeAtCommit`), in one
    /// statement with every other message queued so in the transaction. A message for a sender in
    /// this process is written claimed, and handed to it once committed (`OutboxHandoff`).
    func enqueueAtCommit(_ messages: [OutboxMessage], handoff: OutboxHandoff = .shared) throws {
        let byHandoff = Dictionary(grouping: messages) { handoff.isOpen($0.channel) }
        let handed = byHandoff[true] ?? []
        try db.executeAtCommit(Self.insert, rows: (byHandoff[false] ?? []).map(Self.parameters))
        try db.executeAtCommit(Self.insertClaimed, rows: handed.map(Self.parameters)) { ids in
            for (channel, written) in Dictionary(grouping: zip(ids, handed), by: \.1.channel) {
                handoff.hand(written.map { QueuedMessage(id: $0, $1) }, channel: channel)
            }
        }
    }

    private static let columns = """
        INSERT INTO outbox (kind, channel, landlord_id, recipient, recipient_name, reply_to, subject, text_body,
                            next_attempt_at, created_at)
        VALUES
        """

    private static let insert = RowStatement(
        head: columns, row: "(?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))")

    /// Rows claimed for `OutboxHandoff.lease` as they are written; returns their ids.
    private static let insertClaimed = RowStatement(
        head: columns,
        row:
            "(?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6) + INTERVAL \(OutboxHandoff.lease.components.seconds) SECOND, UTC_TIMESTAMP(6))",
        tail: " RETURNING id")

    private static func parameters(_ message: OutboxMessage) -> [(any SQLBindable)?] {
        [
            message.kind, message.channel.rawValue, message.landlordID?.raw, message.recipient,
            message.storedRecipientName, message.replyTo, message.storedSubject, message.text,
        ]
    }
}
