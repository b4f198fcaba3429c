import SMS

/// How SMS leave: Africa's Talking (or its simulator) when `NYUMBA_AT_BASE_URL` is set,
/// otherwise text files in `NYUMBA_SMS_DIR`.
public struct SMSSettings: Sendable {
    /// The gateway's base URL, or nil for the folder.
    public var baseURL: String?
    public var username: String = ""
    public var apiKey: String = ""
    /// The registered alphanumeric sender ID; nil for the gateway's default.
    public var senderID: String?
    /// Where the files go when there is no gateway.
    public var directory: String = "var/sms"
    /// The first retry waits this long; each further one twice as long (capped at an hour).
    public var retryBaseSeconds: Int = 30
    /// After this many failed attempts an SMS is marked failed for good.
    public var maxAttempts: Int = 8
    /// The secret last path segment of the delivery-report URL (`/sms/reports/<token>`); nil
    /// refuses every report.
    public var reportToken: String?

    static func read(_ reader: inout SettingsReader) -> SMSSettings {
        var settings = SMSSettings()
        settings.directory = reader.optional("NYUMBA_SMS_DIR") ?? "var/sms"
        settings.retryBaseSeconds =
            reader.parsed("NYUMBA_SMS_RETRY_SECONDS", "a whole number of seconds (1 to 3600)", default: 30) {
                Int($0).flatMap { (1...3600).contains($0) ? $0 : nil }
            } ?? 30
        settings.senderID = reader.parsed(
            "NYUMBA_SMS_SENDER_ID", "1 to 11 letters and digits (a registered sender ID)", default: ""
        ) { SMSMessage.isValidSenderID($0) ? $0 : nil }
        if settings.senderID?.isEmpty == true { settings.senderID = nil }
        settings.reportToken = reader.parsed(
            "NYUMBA_SMS_REPORT_TOKEN", "a random string of at least 16 letters, digits, - or _", default: ""
        ) { Self.isReportToken($0) ? $0 : nil }
        if settings.reportToken?.isEmpty == true { settings.reportToken = nil }
        guard let base = reader.optional("NYUMBA_AT_BASE_URL") else { return settings }
        settings.baseURL = base
        settings.username = reader.required(
            "NYUMBA_AT_USERNAME", "the Africa's Talking username (sandbox for the sandbox)")
        settings.apiKey = reader.required("NYUMBA_AT_API_KEY", "the Africa's Talking API key")
        if !settings.username.isEmpty, !settings.apiKey.isEmpty {
            do {
                _ = try AfricasTalkingTransport(baseURL: base, username: settings.username, apiKey: settings.apiKey)
            } catch {
                reader.problem("NYUMBA_AT_BASE_URL, NYUMBA_AT_USERNAME or NYUMBA_AT_API_KEY: \(error.description)")
            }
        }
        return settings
    }

    /// 16 to 128 ASCII letters, digits, `-` or `_`: a path segment nobody guesses.
    static func isReportToken(_ text: String) -> Bool {
        (16...128).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D || byte == 0x5F
            }
    }

    /// Africa's Talking when a base URL is set, otherwise files in `directory`.
    func transport() throws(SMSError) -> any SMSTransport {
        guard let baseURL else { return SMSFileTransport(directory: directory) }
        return try AfricasTalkingTransport(baseURL: baseURL, username: username, apiKey: apiKey)
    }
}
