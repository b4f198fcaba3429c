/// Why a message was not built, not sent, or not understood.
///
/// `isPermanent` tells an outbox whether the same message may succeed later. A wrong API
/// key (HTTP 401) is *not* permanent: the message is fine, the account settings are not,
/// and once an operator fixes them the queued messages should go out.
public enum SMSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a Kenyan mobile number.
    case invalidNumber(String)
    /// The message has no recipient.
    case noRecipients
    /// The text is empty or contains NUL.
    case emptyText
    /// The text needs more parts than `SMSMessage.maximumSegments`.
    case tooLong(segments: Int)
    /// The sender ID is not 1–11 ASCII letters or digits.
    case invalidSenderID(String)
    /// The gateway's base URL is not an http(s) URL.
    case invalidBaseURL(String)
    /// The username or API key is empty or contains spaces or control characters.
    case invalidAccount
    /// No HTTP answer (connect refused, timeout, TLS); the message may or may not have gone out
    /// if the connection broke after the request was sent.
    case transport(String)
    /// The gateway refused the API key or username (HTTP 401).
    case unauthorized(String)
    /// Any other HTTP status that is not a send result; 5xx is temporary, 4xx is not.
    case http(status: Int, body: String)
    /// The gateway answered but sent to nobody, e.g. `InvalidSenderId` with no Recipients.
    case rejected(String)
    /// A 2xx answer that is not the documented shape; the message may have been sent, so it is
    /// not retried (that could send it twice).
    case malformedResponse(String)
    /// A file could not be written (`SMSFileTransport`).
    case file(path: String, message: String)
    /// A delivery report that is not the documented shape.
    case invalidDeliveryReport(String)

    /// True when trying the same message again cannot help.
    public var isPermanent: Bool {
        switch self {
        case .transport, .unauthorized, .file: return false
        case .http(let status, _): return !(500...599).contains(status) && status != 429
        default: return true
        }
    }

    /// A line for the operator log (never shown to the people texted).
    public var description: String {
        switch self {
        case .invalidNumber(let text): return "SMS: not a Kenyan mobile number: \(Self.printable(text))"
        case .noRecipients: return "SMS: no recipient"
        case .emptyText: return "SMS: empty text or NUL in text"
        case .tooLong(let segments): return "SMS: text needs \(segments) parts (at most \(SMSMessage.maximumSegments))"
        case .invalidSenderID(let text): return "SMS: invalid sender ID \(Self.printable(text))"
        case .invalidBaseURL(let text): return "SMS: invalid gateway base URL \(Self.printable(text))"
        case .invalidAccount: return "SMS: the gateway username or API key is empty or has spaces or control characters"
        case .transport(let text): return "SMS transport error (will retry): \(text)"
        case .unauthorized(let text): return "SMS gateway refused the credentials (HTTP 401): \(Self.printable(text))"
        case .http(let status, let body): return "SMS gateway HTTP \(status): \(Self.printable(body))"
        case .rejected(let text): return "SMS gateway sent to nobody: \(Self.printable(text))"
        case .malformedResponse(let text): return "SMS gateway answer not understood: \(text)"
        case .file(let path, let message): return "SMS file \(path) not written: \(message)"
        case .invalidDeliveryReport(let text): return "SMS delivery report rejected: \(text)"
        }
    }

    /// A stable code and its values, without sentences (what an outbox row keeps as its last
    /// error; the gateway's own words, if any, follow as received).
    public var code: String {
        switch self {
        case .invalidNumber: return "invalid_number"
        case .noRecipients: return "no_recipients"
        case .emptyText: return "empty_text"
        case .tooLong(let segments): return "too_long segments=\(segments)"
        case .invalidSenderID: return "invalid_sender_id"
        case .invalidBaseURL: return "invalid_base_url"
        case .invalidAccount: return "invalid_account"
        case .transport(let text): return "transport: \(Self.printable(text))"
        case .unauthorized: return "unauthorized http=401"
        case .http(let status, let body): return "http status=\(status): \(Self.printable(body))"
        case .rejected(let text): return "rejected: \(Self.printable(text))"
        case .malformedResponse: return "malformed_response"
        case .file(let path, _): return "file path=\(path)"
        case .invalidDeliveryReport: return "invalid_delivery_report"
        }
    }

    /// At most 200 characters, control characters escaped: gateway answers end up in logs.
    static func printable(_ text: String) -> String {
        let escaped = text.unicodeScalars.map { scalar in
            scalar.value < 0x20 || scalar == "\u{7F}" ? scalar.escaped(asASCII: true) : String(scalar)
        }.joined()
        return escaped.count > 200 ? String(escaped.prefix(200)) + "…" : escaped
    }
}
