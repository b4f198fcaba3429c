/// Where and how to connect: `mariadb://user:pass@host:port/db` or
/// `mariadb://user:pass@localhost/db?socket=/path/to/mysqld.sock`.
///
/// User, password and database are percent-decoded; the port defaults to 3306.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// The user name.
    public var user: String
    /// The password (empty for none).
    public var password: String
    /// The host name or IP address (`localhost` with `socket` means a Unix socket).
    public var host: String
    /// The TCP port.
    public var port: Int
    /// The database to select.
    public var database: String
    /// The Unix socket path, if connecting through one.
    public var socket: String?

    /// Creates a URL from its parts.
    public init(
        user: String, password: String = "", host: String = "localhost", port: Int = 3306,
        database: String, socket: String? = nil
    ) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.socket = socket
    }

    /// Parses `mariadb://user[:password]@host[:port]/database[?socket=/path]`.
    /// Throws `DatabaseError.invalidURL` naming the part that is wrong.
    public init(_ string: String) throws {
        guard let schemeEnd = string.range(of: "://") else {
            throw DatabaseError.invalidURL("missing \"mariadb://\" at the start")
        }
        let scheme = string[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "mariadb" || scheme == "mysql" else {
            throw DatabaseError.invalidURL("scheme must be \"mariadb\", not \"\(scheme)\"")
        }
        var rest = string[schemeEnd.upperBound...]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw DatabaseError.invalidURL("missing \"/database\" after the host")
        }
        let authority = rest[..<slash]
        database = try percentDecoded(rest[rest.index(after: slash)...], part: "database")
        guard !database.isEmpty else { throw DatabaseError.invalidURL("missing database name") }
        guard !database.contains("/") else {
            throw DatabaseError.invalidURL("database name must not contain \"/\"")
        }

        // The last "@" separates user info from the host, so a raw "@" in a password works.
        guard let at = authority.lastIndex(of: "@") else {
            throw DatabaseError.invalidURL("missing \"user@\" before the host")
        }
        let userInfo = authority[..<at]
        if let colon = userInfo.firstIndex(of: ":") {
            user = try percentDecoded(userInfo[..<colon], part: "user")
            password = try percentDecoded(userInfo[userInfo.index(after: colon)...], part: "password")
        } else {
            user = try percentDecoded(userInfo, part: "user")
            password = ""
        }
        guard !user.isEmpty else { throw DatabaseError.invalidURL("missing user name") }
        (host, port) = try Self.parseHostPort(authority[authority.index(after: at)...])
        socket = try Self.parseSocket(query)
    }

    /// A copy pointing at another database on the same server.
    public func withDatabase(_ name: String) -> DatabaseURL {
        var copy = self
        copy.database = name
        return copy
    }

    /// The URL with the password hidden, safe to log.
    public var description: String {
        let target = socket.map { "\(host)/\(database)?socket=\($0)" } ?? "\(host):\(port)/\(database)"
        return "mariadb://\(user)\(password.isEmpty ? "" : ":***")@\(target)"
    }

    private static func parseHostPort(_ text: Substring) throws -> (String, Int) {
        var hostPart = text
        var portPart: Substring?
        if text.hasPrefix("[") {
            // An IPv6 literal: [::1]:3306
            guard let close = text.firstIndex(of: "]") else {
                throw DatabaseError.invalidURL("unterminated \"[\" in host")
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") {
                portPart = after.dropFirst()
            } else if !after.isEmpty {
                throw DatabaseError.invalidURL("unexpected \"\(after)\" after host")
            }
        } else if let colon = text.lastIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw DatabaseError.invalidURL("missing host") }
        guard let portPart else { return (String(hostPart), 3306) }
        guard let port = Int(portPart), (1...65535).contains(port) else {
            throw DatabaseError.invalidURL("port \"\(portPart)\" is not a number from 1 to 65535")
        }
        return (String(hostPart), port)
    }

    private static func parseSocket(_ query: Substring) throws -> String? {
        var socket: String?
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0]
            guard key == "socket", parts.count == 2 else {
                throw DatabaseError.invalidURL("unknown parameter \"\(key)\" (only \"socket\" is supported)")
            }
            socket = try percentDecoded(parts[1], part: "socket")
            guard socket?.isEmpty == false else { throw DatabaseError.invalidURL("empty socket path") }
        }
        return socket
    }
}

/// Decodes `%XX` escapes; throws if an escape is malformed or the result is not UTF-8.
private func percentDecoded(_ text: Substring, part: String) throws -> String {
    guard text.contains("%") else { return String(text) }
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8).makeIterator()
    while let byte = iterator.next() {
        guard byte == UInt8(ascii: "%") else {
            bytes.append(byte)
            continue
        }
        guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
        else {
            throw DatabaseError.invalidURL("bad percent-escape in \(part)")
        }
        bytes.append(high << 4 | low)
    }
    guard let decoded = String(validating: bytes, as: UTF8.self) else {
        throw DatabaseError.invalidURL("\(part) is not valid UTF-8 after percent-decoding")
    }
    return decoded
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
