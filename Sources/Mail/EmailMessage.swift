import Foundation

/// An email ready to render: addresses, subject, a plain-text body and optionally HTML.
///
/// Nothing is checked until `rendered()`, which throws on header injection or a missing
/// recipient; addresses were already validated when the `EmailAddress` values were made.
public struct EmailMessage: Hashable, Sendable {
    /// The author (also the SMTP envelope sender).
    public var from: EmailAddress
    /// The recipients (also the SMTP envelope recipients); at least one.
    public var to: [EmailAddress]
    /// Where replies should go, if not to `from`.
    public var replyTo: EmailAddress?
    /// The subject line; any Unicode, no line breaks.
    public var subject: String
    /// The plain-text body; any line breaks (LF, CRLF, CR) become CRLF.
    public var textBody: String
    /// An HTML alternative; when set the message is `multipart/alternative`.
    public var htmlBody: String?
    /// Extra header fields, written in this order.
    public var extraHeaders: [EmailHeader]
    /// The Message-ID including angle brackets, e.g. `<9f0c…@example.co.ke>`.
    public var messageID: String
    /// The Date header's moment (written in UTC).
    public var date: Date

    /// A message with a fresh random Message-ID at the sender's domain, dated now unless
    /// `date` says otherwise.
    public init(
        from: EmailAddress, to: [EmailAddress], replyTo: EmailAddress? = nil, subject: String,
        textBody: String, htmlBody: String? = nil, extraHeaders: [EmailHeader] = [],
        messageID: String? = nil, date: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.extraHeaders = extraHeaders
        self.messageID = messageID ?? "<\(Random.hex(byteCount: 16))@\(from.domain)>"
        self.date = date
    }
}
