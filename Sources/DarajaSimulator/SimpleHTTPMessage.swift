/// A request as `SimpleHTTPServer` read it.
public struct SimpleHTTPRequest: Sendable {
    /// `GET`, `POST`, …
    public let method: String
    /// The path without the query string, still percent-encoded.
    public let path: String
    /// The text after `?`, or "".
    public let query: String
    /// Header values by lowercased name (a repeated header keeps its last value).
    public let headers: [String: String]
    /// The body (Content-Length bytes).
    public let body: [UInt8]

    /// Creates a request (the server does; tests may too).
    public init(method: String, path: String, query: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of header `name` (any case).
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// A response for `SimpleHTTPServer` to send (always with Content-Length and `Connection: close`).
public struct SimpleHTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The Content-Type header.
    public var contentType: String
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, contentType: String = "application/json", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A JSON response from JSON text.
    public static func json(_ status: Int, _ text: String) -> SimpleHTTPResponse {
        SimpleHTTPResponse(status: status, body: Array(text.utf8))
    }

    var reason: String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}
