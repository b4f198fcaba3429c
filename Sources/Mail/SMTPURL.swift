/// The parts of an `smtp://` or `smtps://` URL that SMTPTransport hands to libcurl.
///
/// Forms: `smtp[s]://[user[:password]@]host[:port][/ehlo-name][?starttls=required|try|never]`.
/// User and password are percent-decoded. Without `starttls`, plain `smtp://` uses
/// `try` (upgrade when offered, so a local test sink works) unless credentials are given,
/// in which case it is `required` so a password never crosses the network in clear.
/// `smtps://` is TLS from the first byte; a `starttls` parameter is rejected there.
struct SMTPURL: Equatable, Sendable {
    /// How STARTTLS is used on a plain `smtp://` connection.
    enum StartTLS: String, Equatable, Sendable {
        case required, `try`, never
    }

    var implicitTLS: Bool
    var host: String
    var port: Int
    var ehloName: String
    var username: String?
    var password: String?
    var startTLS: StartTLS

    /// The URL given to libcurl: no credentials (those go in USERNAME/PASSWORD).
    var curlURL: String {
        "\(implicitTLS ? "smtps" : "smtp")://\(host.contains(":") ? "[\(host)]" : host):\(port)/\(ehloName)"
    }

    init(_ text: String) throws(MailError) {
        guard let schemeEnd = text.range(of: "://") else { throw .badURL("expected smtp://host:port or smtps://…") }
        switch text[..<schemeEnd.lowerBound].lowercased() {
        case "smtp": implicitTLS = false
        case "smtps": implicitTLS = true
        default: throw .badURL("the scheme must be smtp or smtps")
        }
        if text.unicodeScalars.contains(where: { $0.value <= 32 || $0.value >= 127 }) {
            throw .badURL("spaces, control and non-ASCII characters must be percent-encoded")
        }
        var rest = text[schemeEnd.upperBound...]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":")
            username = try Self.percentDecoded(userInfo[..<(colon ?? userInfo.endIndex)])
            password = try colon.map { c throws(MailError) in
                try Self.percentDecoded(userInfo[userInfo.index(after: c)...])
            }
        }
        (host, port) = try Self.hostAndPort(rest, defaultPort: implicitTLS ? 465 : 25)
        guard path.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else {
            throw .badURL("the path may only hold the name to greet the server with (EHLO)")
        }
        ehloName = String(path)
        startTLS = implicitTLS ? .never : (username == nil ? .try : .required)
        try applyQuery(query)
    }

    private mutating func applyQuery(_ query: Substring) throws(MailError) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "starttls" else {
                throw .badURL("unknown query parameter \"\(parts[0])\" (only starttls=required|try|never)")
            }
            guard let value = StartTLS(rawValue: String(parts[1])) else {
                throw .badURL("starttls must be required, try or never")
            }
            guard !implicitTLS else { throw .badURL("smtps:// is always TLS; starttls only applies to smtp://") }
            startTLS = value
        }
    }

    private static func hostAndPort(_ authority: Substring, defaultPort: Int) throws(MailError) -> (String, Int) {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .badURL("unclosed [ in the host") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .badURL("unexpected text after the host") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        let bracketed = authority.hasPrefix("[")
        let hostCharacters = host.allSatisfy {
            $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || (bracketed && $0 == ":")
        }
        guard !host.isEmpty, hostCharacters else { throw .badURL("missing or malformed host") }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw .badURL("the port must be a number from 1 to 65535")
        }
        return (String(host), port)
    }

    private static func percentDecoded(_ text: Substring) throws(MailError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw .badURL("a % in the user or password is not followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw .badURL("the user or password is not UTF-8 once decoded")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
