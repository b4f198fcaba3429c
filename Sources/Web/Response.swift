import FastCGI
import Foundation

/// An HTTP response: status, headers (with cookies) and body.
public struct Response: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    /// Creates a response with a content type.
    public init(status: Int = 200, contentType: String, body: [UInt8], headers: [(String, String)] = []) {
        self.status = status
        self.headers = [("Content-Type", contentType)] + headers
        self.body = body
    }

    /// An HTML page.
    public static func html(_ html: String, status: Int = 200) -> Response {
        .html(bytes: Array(html.utf8), status: status)
    }

    /// An HTML page already encoded as UTF-8 (e.g. kept from an earlier render).
    public static func html(bytes: [UInt8], status: Int = 200) -> Response {
        Response(status: status, contentType: "text/html; charset=utf-8", body: bytes)
    }

    /// Plain text.
    public static func text(_ text: String, status: Int = 200) -> Response {
        Response(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    /// A JSON document from an `Encodable` value.
    public static func json<T: Encodable>(_ value: T, status: Int = 200) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(value)).map(Array.init) ?? Array("null".utf8)
        return Response(status: status, contentType: "application/json", body: body)
    }

    /// A redirect; 303 so that a form POST is followed by a GET.
    public static func redirect(to location: String, status: Int = 303) -> Response {
        Response(status: status, contentType: "text/plain; charset=utf-8", body: [], headers: [("Location", location)])
    }

    /// Adds a `Set-Cookie` header.
    public mutating func setCookie(_ cookie: Cookie) {
        headers.append(("Set-Cookie", cookie.headerValue))
    }

    /// Adds or replaces a header.
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.0.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    /// The first value of a header.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var fastCGI: FastCGIResponse { FastCGIResponse(status: status, headers: headers, body: body) }
}
