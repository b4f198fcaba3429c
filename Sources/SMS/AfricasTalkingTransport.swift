/// Sends SMS through Africa's Talking: `POST <base>/version1/messaging`, form-encoded, with
/// the `apiKey` header (live `https://api.africastalking.com`, sandbox
/// `https://api.sandbox.africastalking.com` with username `sandbox`, or a local simulator).
public struct AfricasTalkingTransport: SMSTransport {
    /// The base URL without a trailing slash.
    public let baseURL: String
    /// The Africa's Talking application's username.
    public let username: String
    private let apiKey: String
    private let connectTimeout: Duration
    private let timeout: Duration

    /// Throws `.invalidBaseURL` unless `baseURL` is an http(s) URL, and `.invalidAccount` for an
    /// empty username or key or one with spaces or control characters; the key is never logged.
    public init(
        baseURL: String, username: String, apiKey: String, connectTimeout: Duration = .seconds(5),
        timeout: Duration = .seconds(20)
    ) throws(SMSError) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let lower = base.lowercased()
        let scheme = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0
        guard scheme > 0, base.utf8.count > scheme,
            !base.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "?" || $0 == "#" })
        else { throw .invalidBaseURL(baseURL) }
        // Both go into the request as they are: no line break may smuggle in a header.
        for value in [username, apiKey] {
            guard !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
                throw .invalidAccount
            }
        }
        self.baseURL = base
        self.username = username
        self.apiKey = apiKey
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// The endpoint messages are POSTed to.
    public var endpoint: String { baseURL + "/version1/messaging" }

    /// Sends `message` in one request to all its recipients.
    public func send(_ message: SMSMessage) throws(SMSError) -> [SMSRecipientResult] {
        var fields = [
            ("username", username), ("to", message.recipients.map(\.international).joined(separator: ",")),
            ("message", message.text),
        ]
        if let sender = message.senderID { fields.append(("from", sender)) }
        let answer = try SMSHTTP.postForm(
            fields, to: endpoint, headers: ["apiKey: \(apiKey)", "Accept: application/json"],
            connectTimeout: connectTimeout, timeout: timeout)
        let text = String(decoding: answer.body.prefix(500), as: UTF8.self)
        switch answer.status {
        case 200...299: return try AfricasTalkingResponse.recipients(answer.body)
        case 401: throw .unauthorized(text)
        default: throw .http(status: answer.status, body: text)
        }
    }
}

extension AfricasTalkingTransport: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The endpoint and username; never the API key (a transport printed into a log stays safe).
    public var description: String { "AfricasTalkingTransport(\(endpoint), username: \(username))" }
    /// As `description`.
    public var debugDescription: String { description }
    /// Hides the API key from `dump` and debuggers too.
    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL, "username": username], displayStyle: .struct)
    }
}
