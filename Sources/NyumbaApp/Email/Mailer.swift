import Foundation
import Mail
import MariaDB
import Web

/// Delivers the outbox: claims due emails for a lease (see `MailQueue`), sends
/// each through the transport, and records it as sent, to be retried with exponential
/// back-off, or failed for good (a permanent refusal, or too many attempts).
struct Mailer {
    let db: Connection
    let transport: any MailTransport
    let settings: MailSettings

    /// Emails claimed at once.
    static let batchSize = 20
    /// How long a claimed batch stays invisible to other mailers: longer than sending
    /// `batchSize` emails can take with SMTP timeouts.
    static let leaseSeconds = 15 * 60
    /// The longest wait between two attempts, in seconds.
    static let maximumDelay = 3600

    /// SMTP when `NYUMBA_SMTP_URL` is set, otherwise `.eml` files in `NYUMBA_MAIL_DIR`.
    static func transport(for settings: MailSettings) throws(MailError) -> any MailTransport {
        if let url = settings.smtpURL { return try SMTPTransport(url: url) }
        return FileTransport(directory: settings.directory)
    }

    /// Claims and sends one batch of due emails; returns how many were claimed.
    func deliverBatch() throws -> Int {
        let queue = MailQueue(db: db)
        let emails: [QueuedEmail]
        do {
            emails = try queue.claimDue(limit: Self.batchSize, leaseSeconds: Self.leaseSeconds)
        } catch let error as DatabaseError where Self.isLockConflict(error) {
            // Rolled back before anything was sent: the next pass simply tries again.
            return 0
        }
        // Recorded as sent together, in one statement (one commit) per batch rather than per email.
        var sent: [Int64] = []
        do {
            for email in emails where try deliver(email, queue: queue) { sent.append(email.id) }
        } catch {
            if (try? transport.flush()) != nil { try? queue.markSent(sent) }
            throw error
        }
        guard !sent.isEmpty else { return emails.count }
        do throws(MailError) {
            try transport.flush()
        } catch {
            // Not known to be durable: left claimed, so they go out again when the claim runs out.
            Log.warning("mailer: could not sync \(sent.count) sent emails: \(error)")
            return emails.count
        }
        try queue.markSent(sent)
        return emails.count
    }

    /// A deadlock or lock wait timeout: another mailer's claim got in the way.
    static func isLockConflict(_ error: DatabaseError) -> Bool {
        error.errorNumber == 1213 || error.errorNumber == 1205
    }

    /// How many queued emails are due now (some perhaps locked by another mailer's claim).
    func dueCount() throws -> Int {
        try MailQueue(db: db).dueCount()
    }

    /// The wait before the next attempt after `attempts` earlier failures: `base · 2^attempts`,
    /// at most an hour.
    static func retryDelay(afterAttempts attempts: Int, base: Int) -> Int {
        min(base * (1 << min(attempts, 20)), maximumDelay)
    }

    /// Sends one email; true when it went (the caller records it as sent), false when the
    /// failure was recorded.
    private func deliver(_ email: QueuedEmail, queue: MailQueue) throws -> Bool {
        let domain = "@" + (email.recipient.split(separator: "@").last.map(String.init) ?? "?")
        do throws(MailError) {
            try transport.send(try message(for: email))
        } catch {
            let attempt = email.attempts + 1
            let permanent = error.isPermanent
            let retryAfter =
                permanent || attempt >= settings.maxAttempts
                ? nil : Self.retryDelay(afterAttempts: email.attempts, base: settings.retryBaseSeconds)
            try queue.markFailed(email.id, error: error.description, retryAfter: retryAfter)
            let outcome = retryAfter.map { "will retry in \($0) s" } ?? "given up"
            Log.warning(
                "mailer: #\(email.id) \(email.kind) to \(domain) failed on attempt \(attempt), \(outcome): \(Self.summary(error))"
            )
            return false
        }
        Log.info("mailer: sent #\(email.id) \(email.kind) to \(domain)")
        return true
    }

    private func message(for email: QueuedEmail) throws(MailError) -> EmailMessage {
        let to = try EmailAddress(email.recipient, name: email.recipientName)
        var replyTo: EmailAddress? = nil
        if let address = email.replyTo { replyTo = try EmailAddress(address) }
        return EmailMessage(
            from: try Self.sender(settings.from), to: [to], replyTo: replyTo, subject: email.subject,
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
