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

/// Writes emails to the outbox table. Call it inside the transaction of the change that
/// causes the email, so that the change and its email are saved together or not at all.
struct Outbox {
    let db: Connection

    func enqueue(_ draft: EmailDraft) throws {
        try db.execute(
            """
            INSERT INTO outbox (kind, landlord_id, recipient, recipient_name, reply_to, subject, text_body,
                                next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """, draft.kind, draft.landlordID?.raw, draft.recipient, draft.recipientName, draft.replyTo,
            draft.subject, draft.text)
    }
}

/// Renders email bodies from the text templates under `templates/emails/`.
struct EmailComposer {
    let views: Views
    let config: Config

    func draft(
        _ template: EmailTemplate, to user: (name: String, email: String), subject: String, _ model: [String: Any],
        landlordID: UserID? = nil, replyTo: String? = nil
    ) -> EmailDraft {
        var model = model
        model["name"] = user.name
        model["siteURL"] = config.link("/")
        let text = views.render(template, model)
        return EmailDraft(
            kind: template.rawValue, recipient: user.email, recipientName: user.name, subject: subject, text: text,
            replyTo: replyTo, landlordID: landlordID)
    }
}
