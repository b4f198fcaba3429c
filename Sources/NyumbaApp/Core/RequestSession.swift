import Crypto
import Web

/// The session of one request: who is signed in, the CSRF token for its forms, and the
/// cookies the response must set (rotated tokens, a new CSRF cookie).
final class RequestSession {
    private(set) var user: CurrentUser?
    /// The login (refresh-token family) this request belongs to.
    private(set) var family: String?
    /// The value forms must send back as `_csrf`.
    private(set) var csrfToken: String
    private var csrfCookie: String
    private var cookies: [Cookie] = []
    private let key: [UInt8]
    private let secureCookies: Bool

    static let accessCookie = "access"
    static let refreshCookie = "refresh"
    static let csrfCookieName = "csrf"

    /// Reads the session cookies, refreshing an expired access token transparently.
    init(request: Request, sessions: Sessions, secureCookies: Bool) throws {
        key = sessions.key
        self.secureCookies = secureCookies
        if let value = request.cookies[Self.csrfCookieName], value.count >= 16, value.count <= 64 {
            csrfCookie = value
        } else {
            csrfCookie = SecureRandom.token(bytes: 16)
            cookies.append(Cookie(name: Self.csrfCookieName, value: csrfCookie, secure: secureCookies))
        }
        csrfToken = ""
        if let access = request.cookies[Self.accessCookie], let (user, family) = try sessions.user(fromAccess: access) {
            self.user = user
            self.family = family
        } else if let refresh = request.cookies[Self.refreshCookie] {
            switch try sessions.refresh(refresh) {
            case .renewed(let user, let tokens): signIn(user, tokens: tokens)
            case .invalid: signOut()
            }
        }
        csrfToken = Self.csrfToken(key: key, cookie: csrfCookie, family: family)
    }

    /// True when the request carries the CSRF token of this browser's session.
    func acceptsCSRF(_ token: String?) -> Bool {
        guard let token else { return false }
        return constantTimeEquals(Array(token.utf8), Array(csrfToken.utf8))
    }

    /// Marks the user signed in and sets the token cookies on the response.
    func signIn(_ user: CurrentUser, tokens: Sessions.Tokens) {
        self.user = user
        family = tokens.family
        cookies.append(
            Cookie(
                name: Self.accessCookie, value: tokens.access, maxAge: Sessions.accessLifetime, secure: secureCookies))
        cookies.append(
            Cookie(
                name: Self.refreshCookie, value: tokens.refresh, maxAge: Sessions.refreshLifetime,
                secure: secureCookies))
        csrfToken = Self.csrfToken(key: key, cookie: csrfCookie, family: family)
        if let language = user.language.flatMap(Language.init(rawValue:)) { choose(language) }
    }

    /// Keeps `language` as this browser's choice (pages are answered in it from the next request).
    func choose(_ language: Language) {
        setCookie(Language.cookieName, language.rawValue, maxAge: 365 * 24 * 3600)
    }

    /// Sets another cookie on the response, HttpOnly and Secure like the session's own.
    func setCookie(_ name: String, _ value: String, maxAge: Int) {
        cookies.append(Cookie(name: name, value: value, maxAge: maxAge, secure: secureCookies))
    }

    /// Forgets the user and deletes the token cookies.
    func signOut() {
        user = nil
        family = nil
        cookies.append(.expired(Self.accessCookie, secure: secureCookies))
        cookies.append(.expired(Self.refreshCookie, secure: secureCookies))
        csrfToken = Self.csrfToken(key: key, cookie: csrfCookie, family: nil)
    }

    /// Adds the pending cookies to a response.
    func apply(to response: inout Response) {
        for cookie in cookies { response.setCookie(cookie) }
        response.setHeader("Cache-Control", "no-store")
    }

    /// Runs `body` (the rest of the request), making sure that if it throws, the error's
    /// response still sets this session's cookies: tokens rotated by this request were
    /// already committed, and a browser that never receives them would present the old
    /// refresh token next time and be signed out as a suspected thief.
    func keepingCookies<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AmendedError {
            throw AmendedError(
                error.underlying, cookies: cookies + error.cookies,
                headers: error.headers.merging(["Cache-Control": "no-store"]) { _, new in new })
        } catch {
            throw AmendedError(error, cookies: cookies, headers: ["Cache-Control": "no-store"])
        }
    }

    /// Bound to the browser's CSRF cookie and, once signed in, to the login.
    private static func csrfToken(key: [UInt8], cookie: String, family: String?) -> String {
        Base64URL.encode(HMAC.sha256(key: key, message: Array("csrf:\(cookie):\(family ?? "")".utf8)))
    }
}
