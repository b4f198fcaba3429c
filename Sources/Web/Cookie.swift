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
        // Split on the scalars `;` and `=` (RFC 6265 separators), not on Characters: a
        // prepended or combining mark next to a separator would otherwise glue two cookies
        // into one (found by fuzz/fuzz-cookie).
        for pair in header.unicodeScalars.split(separator: ";") {
            let pieces = pair.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2 else { continue }
            let name = trimmingSpaces(pieces[0])
            if cookies[name] == nil { cookies[name] = trimmingSpaces(pieces[1]) }
        }
        return cookies
    }

    private static func trimmingSpaces(_ scalars: Substring.UnicodeScalarView) -> String {
        guard let first = scalars.firstIndex(where: { $0 != " " }), let last = scalars.lastIndex(where: { $0 != " " })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}
