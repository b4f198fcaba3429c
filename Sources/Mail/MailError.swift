/// Why a message could not be built or delivered.
public enum MailError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The address is not a plausible `local@domain` (or is too long).
    case invalidAddress(String)
    /// A header field would contain CR, LF or NUL, which could smuggle in extra headers.
    case headerInjection(field: String)
    /// A field is longer than this module accepts (`field` names it).
    case tooLong(field: String)
    /// An extra header's name is malformed or one this module writes itself.
    case invalidHeader(String)
    /// The message has no recipient.
    case noRecipients
    /// The SMTP URL cannot be understood; the payload says why.
    case badURL(String)
    /// Delivery failed. `code` is the SMTP reply code when the server refused (400–599),
    /// otherwise libcurl's error code (below 100). `permanent` is true for 5xx replies:
    /// sending the same message again will fail again.
    case transport(code: Int, message: String, permanent: Bool)
    /// A file could not be written (FileTransport).
    case file(path: String, message: String)

    /// True when retrying the same message cannot succeed.
    public var isPermanent: Bool {
        switch self {
        case .transport(_, _, let permanent): return permanent
        case .file: return false
        default: return true
        }
    }

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case .invalidAddress(let address):
            return "\"\(Self.printable(address))\" is not a valid email address."
        case .headerInjection(let field):
            return "The \(field) contains a line break or NUL character, which is not allowed in an email header."
        case .tooLong(let field):
            return "The \(field) is too long."
        case .invalidHeader(let name):
            return "\"\(Self.printable(name))\" cannot be used as an extra email header."
        case .noRecipients:
            return "The email has no recipient."
        case .badURL(let reason):
            return "The SMTP URL is not usable: \(reason)"
        case .transport(let code, let message, let permanent):
            let kind = permanent ? "The mail server refused the email" : "The email could not be sent (will retry)"
            return "\(kind): \(message) (code \(code))."
        case .file(let path, let message):
            return "The email could not be written to \(path): \(message)"
        }
    }

    /// A stable code and its values, without sentences (what an outbox row keeps as its last
    /// error; a server's own reply follows as received).
    public var code: String {
        switch self {
        case .invalidAddress: return "invalid_address"
        case .headerInjection(let field): return "header_injection field=\(field)"
        case .tooLong(let field): return "too_long field=\(field)"
        case .invalidHeader: return "invalid_header"
        case .noRecipients: return "no_recipients"
        case .badURL: return "bad_url"
        case .transport(let code, let message, let permanent):
            return "\(permanent ? "refused" : "not_sent") code=\(code): \(Self.printable(message))"
        case .file(let path, _): return "file path=\(path)"
        }
    }

    /// Shows control characters escaped, so a description never carries a raw line break.
    private static func printable(_ text: String) -> String {
        String(
            text.unicodeScalars.flatMap { $0.value < 0x20 || $0 == "\u{7F}" ? $0.escaped(asASCII: true) : String($0) })
    }
}
