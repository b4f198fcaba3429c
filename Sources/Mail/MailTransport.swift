/// Something that delivers an email: SMTP for real, a folder of `.eml` files for development.
public protocol MailTransport: Sendable {
    /// Delivers `message` to all its recipients or throws; a thrown `MailError` tells
    /// through `isPermanent` whether trying again later can help.
    func send(_ message: EmailMessage) throws(MailError)

    /// Makes every message sent so far durable, for transports that hand messages over
    /// lazily (the file transport writes without syncing each file); call it before
    /// recording them as sent.
    func flush() throws(MailError)
}

extension MailTransport {
    /// Nothing to do: each `send` completes the delivery (SMTP).
    public func flush() throws(MailError) {}
}
