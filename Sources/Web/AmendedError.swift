/// An error thrown after a handler had already decided part of its response: whatever
/// error response it becomes still carries these cookies and headers (a session's rotated
/// tokens, say, which the client must receive whether or not the request succeeded).
public struct AmendedError: Error {
    /// What went wrong; it decides the response.
    public let underlying: any Error
    /// Cookies the response must set anyway.
    public let cookies: [Cookie]
    /// Headers the response must carry anyway.
    public let headers: [String: String]

    /// Wraps `underlying`, keeping `cookies` and `headers` for its response.
    public init(_ underlying: any Error, cookies: [Cookie], headers: [String: String] = [:]) {
        self.underlying = underlying
        self.cookies = cookies
        self.headers = headers
    }

    /// Sets the kept cookies and headers on `response`.
    public func amend(_ response: inout Response) {
        for cookie in cookies { response.setCookie(cookie) }
        for (name, value) in headers { response.setHeader(name, value) }
    }
}
