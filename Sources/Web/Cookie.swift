/// A cookie to set on the client, rendered as one `Set-Cookie` header.
public struct Cookie: Sendable, Equatable {
    /// When the browser may send the cookie on cross-site requests.
    public enum SameSite: String, Sendable {
        case strict = "Strict"
        case lax = "Lax"
    }

    public var name: String
    public var value: String
    /// Lifetime in seconds; nil for a session cookie, 0 to delete it.
    public var maxAge: Int?
    public var path: String
    public var httpOnly: Bool
    public var secure: Bool
    public var sameSite: SameSite

    /// Creates a cookie; by default HttpOnly, SameSite=Lax, for the whole site.
    public init(
        name: String, value: String, maxAge: Int? = nil, path: String = "/", httpOnly: Bool = true,
        secure: Bool = false, sameSite: SameSite = .lax
    ) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.path = path
        self.httpOnly = httpOnly
        self.secure = secure
        self.sameSite = sameSite
    }

    /// A cookie that tells the browser to forget `name`.
    public static func expired(_ name: String, secure: Bool = false) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, secure: secure)
    }

    /// The value of the `Set-Cookie` header.
    public var headerValue: String {
        var parts = ["\(name)=\(value)", "Path=\(path)"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if httpOnly { parts.append("HttpOnly") }
        if secure { parts.append("Secure") }
        parts.append("SameSite=\(sameSite.rawValue)")
        return parts.joined(separator: "; ")
    }

    /// Parses a `Cookie` request header into names and values (the first of a repeated name wins).
    public static func parse(header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for pair in header.split(separator: ";") {
            let pieces = pair.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2 else { continue }
            let name = pieces[0].trimmingSpaces
            if cookies[name] == nil { cookies[name] = pieces[1].trimmingSpaces }
        }
        return cookies
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
