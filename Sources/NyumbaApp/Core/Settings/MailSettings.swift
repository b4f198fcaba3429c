/// How email leaves: SMTP when `NYUMBA_SMTP_URL` is set, otherwise `.eml` files in a folder.
public struct MailSettings: Sendable {
    /// `smtp://…` or `smtps://…`, or nil for the folder.
    public var smtpURL: String?
    /// The sender of every email.
    public var from: String
    /// Where `.eml` files go when there is no SMTP server.
    public var directory: String
    /// The first retry waits this long; each further one twice as long (capped at an hour).
    public var retryBaseSeconds: Int = 30
    /// After this many failed attempts an email is marked failed for good.
    public var maxAttempts: Int = 8

    static func read(_ reader: inout SettingsReader) -> MailSettings {
        let smtpURL = reader.parsed("NYUMBA_SMTP_URL", "an smtp:// or smtps:// URL", default: "") {
            $0.hasPrefix("smtp://") || $0.hasPrefix("smtps://") ? $0 : nil
        }
        let from = reader.parsed("NYUMBA_MAIL_FROM", "an email address", default: "no-reply@nyumba.localhost") {
            $0.contains("@") && !$0.contains("\r") && !$0.contains("\n") ? $0 : nil
        }
        let retry = reader.parsed("NYUMBA_MAIL_RETRY_SECONDS", "a whole number of seconds (1 to 3600)", default: 30) {
            Int($0).flatMap { (1...3600).contains($0) ? $0 : nil }
        }
        return MailSettings(
            smtpURL: smtpURL?.isEmpty == false ? smtpURL : nil, from: from ?? "no-reply@nyumba.localhost",
            directory: reader.optional("NYUMBA_MAIL_DIR") ?? "var/mail", retryBaseSeconds: retry ?? 30)
    }
}
