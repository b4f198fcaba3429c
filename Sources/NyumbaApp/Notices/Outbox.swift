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

/// Writes emails and SMS to the outbox table. Call it inside the transaction of the change
/// that causes them, so that the change and its messages are saved together or not at all.
struct Outbox {
    let db: Connection

    /// Queues an email; returns its outbox id.
    @discardableResult
    func enqueue(_ draft: EmailDraft) throws -> Int64 {
        try insert(
            kind: draft.kind, channel: .email, landlord: draft.landlordID, recipient: draft.recipient,
            name: draft.recipientName, replyTo: draft.replyTo, subject: draft.subject, text: draft.text)
    }

    /// Queues an SMS; returns its outbox id.
    @discardableResult
    func enqueue(_ draft: SMSDraft) throws -> Int64 {
        try insert(
            kind: draft.kind, channel: .sms, landlord: draft.landlordID, recipient: draft.number,
            name: draft.recipientName, replyTo: nil, subject: "", text: draft.text)
    }

    private func insert(
        kind: String, channel: NoticeChannel, landlord: UserID?, recipient: String, name: String, replyTo: String?,
        subject: String, text: String
    ) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO outbox (kind, channel, landlord_id, recipient, recipient_name, reply_to, subject, text_body,
                                next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """, kind, channel.rawValue, landlord?.raw, recipient, String(name.prefix(120)), replyTo,
            String(subject.prefix(200)), text
        ).lastInsertID
    }
}
