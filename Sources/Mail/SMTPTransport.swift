import CCurl

/// Delivers over SMTP through libcurl: `smtp://` (STARTTLS), `smtps://` (TLS), with
/// optional AUTH from the URL's user and password.
///
/// Thread rules: the transport is an immutable value; every `send` opens its own curl
/// handle and connection, so one instance may be used from any number of threads at once.
/// `send` blocks its thread for up to `timeout`.
///
/// URL: `smtp[s]://[user[:password]@]host[:port][?starttls=required|try|never]`, user and
/// password percent-encoded. On `smtp://` STARTTLS defaults to `try` (plain if the server
/// does not offer it) — but to `required` when a user is given, so a password is never sent
/// in clear; say `?starttls=required` in production. Certificates are always verified.
public struct SMTPTransport: MailTransport {
    private let url: SMTPURL
    private let connectTimeout: Duration
    private let timeout: Duration

    /// Parses `url` (throwing `MailError.badURL`); `connectTimeout` bounds reaching the
    /// server, `timeout` the whole exchange.
    public init(url: String, connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(30)) throws(MailError)
    {
        self.url = try SMTPURL(url)
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Sends `message` to every address in `to`; all or nothing: one refused recipient
    /// fails the whole send (permanent for a 5xx reply, temporary for 4xx or no reply).
    public func send(_ message: EmailMessage) throws(MailError) {
        let bytes = try message.rendered()
        let session = try CurlSession()
        try session.set(CURLOPT_URL, url.curlURL)
        try session.set(CURLOPT_NOSIGNAL, 1)
        try session.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        try session.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
        try session.set(CURLOPT_USE_SSL, Int(sslLevel.rawValue))
        if let username = url.username { try session.set(CURLOPT_USERNAME, username) }
        if let password = url.password { try session.set(CURLOPT_PASSWORD, password) }
        try session.set(CURLOPT_MAIL_FROM, "<\(message.from.address)>")
        try session.set(CURLOPT_MAIL_RCPT, list: message.to.map { "<\($0.address)>" })

        let (code, reply) = try session.perform(uploading: bytes)
        guard code != CURLE_OK else { return }
        let refused = (400...599).contains(reply)
        var text = session.errorText(code)
        if refused, !session.lastErrorReply.isEmpty { text += " — server said: \(session.lastErrorReply)" }
        throw .transport(
            code: refused ? reply : Int(code.rawValue), message: text, permanent: (500...599).contains(reply))
    }

    private var sslLevel: curl_usessl {
        if url.implicitTLS { return CURLUSESSL_ALL }
        switch url.startTLS {
        case .required: return CURLUSESSL_ALL
        case .try: return CURLUSESSL_TRY
        case .never: return CURLUSESSL_NONE
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
