import MariaDB
import Web

/// Turns every error a handler throws into a response, in one place: a rendered page
/// for browsers, `{"error": …}` for the JSON paths. Nothing internal is ever shown;
/// a 500 carries a reference that is also in the log.
struct ErrorPages: Sendable {
    let views: Views

    /// The secrets request paths carry (reset and invitation tokens, the Daraja callback
    /// and SMS delivery-report tokens) and query values named `token` or `code`: never written to a log.
    static let logRedaction = LogRedaction(
        secretSegmentsAfter: ["/password/reset/", "/join/", "/daraja/stk/", "/daraja/c2b/", "/sms/reports/"],
        secretQueryNames: ["token", "code"])

    func response(for error: any Error, request: Request) -> Response {
        let page: ErrorPage
        switch error {
        case let error as any JSONErrorResponse:
            return error.response
        case let error as HTTPError:
            page = ErrorPage(status: error.status, message: error.message)
        case let error as DatabaseError where error.isConnectionLost:
            Log.warning("\(request.id) database unavailable: \(error)")
            page = ErrorPage(status: 503, message: "The service is briefly unavailable. Please try again in a minute.")
        default:
            let reference = request.id
            Log.error(
                "\(reference) \(request.method) \(Self.logRedaction.redact(request.path)) failed: \(String(reflecting: error))"
            )
            page = ErrorPage(
                status: 500, message: "Something went wrong on our side. We have logged it.", reference: reference)
        }
        if request.path.hasPrefix("/api/") || request.path.hasPrefix("/daraja/") || request.path.hasPrefix("/sms/") {
            return .json(APIErrorBody(page), status: page.status)
        }
        var response = Response.html(views.render(.error, page), status: page.status)
        if page.status == 503 { response.setHeader("Retry-After", "30") }
        return response
    }
}

/// The view model of `error.mustache`.
struct ErrorPage: Sendable {
    let status: Int
    let title: String
    let message: String
    let reference: String?

    init(status: Int, message: String, reference: String? = nil) {
        self.status = status
        self.title = Self.titles[status] ?? "Error"
        self.message = message
        self.reference = reference
    }

    static let titles = [
        400: "That request could not be understood", 403: "Not allowed", 404: "Page not found",
        405: "Not allowed here", 413: "Too large", 429: "Too many attempts", 431: "Too large",
        500: "Something went wrong", 503: "Temporarily unavailable",
    ]
}

/// An error that carries its own JSON answer (the API's errors), so that the error pages need not
/// know them.
protocol JSONErrorResponse: Error {
    var response: Response { get }
}

/// `{"error": {"code": …, "message": …, "fields": {…}}}`, the one error shape of the JSON paths.
struct APIErrorBody: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
        var fields: [String: String]? = nil
        var reference: String? = nil
    }
    let error: Detail

    init(error: Detail) {
        self.error = error
    }

    init(_ page: ErrorPage) {
        let codes = [
            400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
            409: "conflict", 413: "payload_too_large", 429: "too_many_requests", 431: "headers_too_large",
            503: "unavailable",
        ]
        error = Detail(code: codes[page.status] ?? "internal_error", message: page.message, reference: page.reference)
    }
}
