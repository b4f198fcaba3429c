import Foundation
import Mail
import MariaDB
import Web

/// Delivers the outbox: claims due emails for a lease (see `OutboxQueue`), sends
/// each through the transport, and records it as sent, to be retried with exponential
/// back-off, or failed for good (a permanent refusal, or too many attempts).
struct Mailer {
    let db: Connection
    let transport: any MailTransport
    let settings: MailSettings

    /// SMTP when `NYUMBA_SMTP_URL` is set, otherwise `.eml` files in `NYUMBA_MAIL_DIR`.
    static func transport(for settings: MailSettings) throws(MailError) -> any MailTransport {
        if let url = settings.smtpURL { return try SMTPTransport(url: url) }
        return FileTransport(directory: settings.directory)
    }

    /// Claims and sends one batch of due emails; returns how many it took on. The emails that
    /// went are made durable together (`MailTransport.flush`: one sync for the file transport) and
    /// recorded as sent in one statement — also when a later one of the batch throws.
    func deliverBatch() throws -> Int {
        let queue = OutboxQueue(db: db, channel: .email)
        var sent: [QueuedMessage] = []
        // Read once a batch (it was 0.8% of a payment's CPU once per email); an unusable setting
        // still fails each email on its own.
        let from = Result { () throws(MailError) in try Self.sender(settings.from) }
        do {
            let claimed = try queue.deliverBatch { if try deliver($0, from: from, queue: queue) { sent.append($0) } }
            try record(sent, queue: queue)
            return claimed
        } catch {
            try? record(sent, queue: queue)
            throw error
        }
    }

    /// Records `sent` as sent once they are durable; if they cannot be made so, they stay claimed
    /// and go out again when the claim runs out.
    private func record(_ sent: [QueuedMessage], queue: OutboxQueue) throws {
        guard !sent.isEmpty else { return }
        do throws(MailError) {
            try transport.flush()
        } catch {
            Log.warning("mailer: could not make \(sent.count) sent emails durable: \(error)")
            return
        }
        try queue.markSent(sent.map(\.id))
        for email in sent { Log.info("mailer: sent #\(email.id) \(email.kind) to \(Self.domain(email))") }
    }

    /// How many queued emails are due now (some perhaps locked by another mailer's claim).
    func dueCount() throws -> Int {
        try OutboxQueue(db: db, channel: .email).dueCount()
    }

    /// The part of an address a log may show.
    private static func domain(_ email: QueuedMessage) -> String {
        "@" + (email.recipient.split(separator: "@").last.map(String.init) ?? "?")
    }

    /// Sends one email; true when it went (recorded as sent with its batch), false when the
    /// failure was recorded.
    private func deliver(_ email: QueuedMessage, from: Result<EmailAddress, MailError>, queue: OutboxQueue) throws
        -> Bool
    {
        let domain = Self.domain(email)
        do throws(MailError) {
            try transport.send(try message(for: email, from: try from.get()))
        } catch {
            let retryAfter = try queue.markFailed(
                email, error: error.code, permanent: error.isPermanent, retryBase: settings.retryBaseSeconds,
                maxAttempts: settings.maxAttempts)
            let outcome = retryAfter.map { "will retry in \($0) s" } ?? "given up"
            Log.warning(
                "mailer: #\(email.id) \(email.kind) to \(domain) failed on attempt \(email.attempts + 1), \(outcome): \(Self.summary(error))"
            )
            return false
        }
        return true
    }

    private func message(for email: QueuedMessage, from: EmailAddress) throws(MailError) -> EmailMessage {
        let to = try EmailAddress(email.recipient, name: email.recipientName)
        var replyTo: EmailAddress? = nil
        if let address = email.replyTo { replyTo = try EmailAddress(address) }
        return EmailMessage(
            from: from, to: [to], replyTo: replyTo, subject: email.subject,
            textBody: email.textBody, htmlBody: email.htmlBody)
    }

    /// `NYUMBA_MAIL_FROM` as `address` or `Name <address>`.
    static func sender(_ setting: String) throws(MailError) -> EmailAddress {
        guard let open = setting.lastIndex(of: "<"), setting.hasSuffix(">") else {
            return try EmailAddress(setting, name: "Nyumba")
        }
        let address = String(setting[setting.index(after: open)..<setting.index(before: setting.endIndex)])
        let name = String(setting[..<open]).trimmingCharacters(in: .whitespaces)
        return try EmailAddress(address, name: name.isEmpty ? "Nyumba" : name)
    }

    /// What goes into the log: the kind of failure, never an address a server echoed back.
    private static func summary(_ error: MailError) -> String {
        switch error {
        case .transport(let code, _, let permanent): return "\(permanent ? "refused" : "not delivered"), code \(code)"
        case .invalidAddress: return "invalid address"
        default: return error.description
        }
    }
}
