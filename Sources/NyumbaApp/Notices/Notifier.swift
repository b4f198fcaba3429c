import MariaDB
import SMS

/// Sends a notice: picks the recipient's channels (email, SMS, the landlord's notifications
/// tab) and language, and writes one row per channel — outbox rows for the senders, a
/// notifications line for the tab. Call it inside the transaction of the change that causes
/// the notice, so the change and its notices are saved together or not at all.
struct Notifier {
    let db: Connection
    let renderer: NoticeRenderer

    init(db: Connection, views: Views, config: Config) {
        self.db = db
        renderer = NoticeRenderer(views: views, config: config)
    }

    /// What one notice wrote.
    struct Sent {
        /// The email's outbox row, when one was queued.
        var email: Int64? = nil
        /// An SMS was queued.
        var texted = false
        /// A notifications-tab line was written.
        var notified = false
    }

    /// Writes the notice's rows (its email and SMS in one statement); the email's outbox id is what
    /// reminder and message logs point at.
    @discardableResult
    func send<Model>(_ notice: Notice<Model>) throws -> Sent {
        try write(notice, atCommit: false)
    }

    /// Writes the notice's rows with the commit of the current transaction (`executeAtCommit`: no
    /// round trip of their own), for a caller that needs no outbox id.
    func sendAtCommit<Model>(_ notice: Notice<Model>) throws {
        _ = try write(notice, atCommit: true)
    }

    private func write<Model>(_ notice: Notice<Model>, atCommit: Bool) throws -> Sent {
        // One read of the recipient's row (unless the caller read it with the change): their
        // language, phone and SMS choice.
        let contact =
            try notice.recipient.contact
            ?? notice.recipient.userID.flatMap { try UserStore(db: db).noticeContact(id: $0) }
        let language = contact?.language ?? .english
        // Built once for the email and the SMS (the model's figures in words).
        lazy var context = renderer.context(notice, language)
        var sent = Sent()
        var messages: [OutboxMessage] = []
        for channel in notice.kind.channels {
            switch channel {
            case .email:
                guard !notice.recipient.email.isEmpty else { continue }
                messages.append(OutboxMessage(renderer.email(notice, language: language, context: context)))
            case .sms:
                guard notice.allowsSMS, let contact, contact.smsEnabled, let number = SMSNumber(contact.phone)
                else { continue }
                messages.append(
                    OutboxMessage(
                        SMSDraft(
                            kind: notice.kind.rawValue, number: number.international,
                            recipientName: notice.recipient.name,
                            text: renderer.sms(notice, language: language, context: context),
                            landlordID: notice.landlordID)))
                sent.texted = true
            case .notification:
                guard let landlord = notice.recipient.userID else { continue }
                try LandlordNotifications(db: db).add(
                    notice.kind, landlord: landlord,
                    parameters: renderer.parameters(notice.model.notificationParameters), link: notice.link,
                    atCommit: atCommit)
                sent.notified = true
            }
        }
        if atCommit {
            try Outbox(db: db).enqueueAtCommit(messages)
        } else if let first = try Outbox(db: db).enqueue(messages), messages.first?.channel == .email {
            // The email comes first (channels list it first), so the statement's first id is the email's.
            sent.email = first
        }
        return sent
    }

    /// The language the recipient reads notices in.
    func language(of recipient: NoticeRecipient) throws -> Language { try UserStore(db: db).language(of: recipient) }

}
