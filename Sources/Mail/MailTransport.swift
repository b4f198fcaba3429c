/// Something that delivers an email: SMTP for real, a folder of `.eml` files for development.
public protocol MailTransport: Sendable {
    /// Delivers `message` to all its recipients or throws; a thrown `MailError` tells
    /// through `isPermanent` whether trying again later can help.
    func send(_ message: EmailMessage) throws(MailError)
}
