/// One request as the web server handed it over: its FastCGI parameters and its body.
public struct FastCGIRequest: Sendable {
    /// The FastCGI parameters (CGI variables such as `REQUEST_METHOD` and `HTTP_COOKIE`).
    public var params: [String: String]
    /// The request body, read up to the configured limit.
    public var body: [UInt8]
    /// Set when the request broke one of the server's limits; the body is then empty.
    public var limitExceeded: FastCGILimits.Exceeded?

    /// Creates a request; tests use this to drive handlers without a socket.
    public init(params: [String: String], body: [UInt8] = [], limitExceeded: FastCGILimits.Exceeded? = nil) {
        self.params = params
        self.body = body
        self.limitExceeded = limitExceeded
    }
}

/// What the responder writes back: a status, headers and a body.
public struct FastCGIResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Header names and values, in order; a name may repeat (e.g. `Set-Cookie`).
    public var headers: [(String, String)]
    /// The response body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Bounds on what a request may carry before the body is read.
public struct FastCGILimits: Sendable {
    /// Which limit a request broke.
    public enum Exceeded: Sendable, Equatable {
        /// The body is larger than `maxBodyBytes`.
        case body
        /// The parameters (mostly headers) are larger than `maxParamBytes`.
        case params
    }

    /// The largest body read, in bytes.
    public var maxBodyBytes: Int
    /// The largest total size of all parameter names and values, in bytes.
    public var maxParamBytes: Int

    /// Creates limits; the defaults suit HTML forms and small JSON documents.
    public init(maxBodyBytes: Int = 1 << 20, maxParamBytes: Int = 32 << 10) {
        self.maxBodyBytes = maxBodyBytes
        self.maxParamBytes = maxParamBytes
    }
}

/// Answers requests on one worker thread; each worker has its own, so it may hold
/// thread-bound resources such as a database connection.
public protocol FastCGIHandler {
    /// Produces the response to one request.
    func respond(to request: FastCGIRequest) -> FastCGIResponse
}
