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

    /// The response for `error`, in `language` (the requester's: their choice, else the browser's).
    func response(for error: any Error, request: Request, language: Language) -> Response {
        let say = views.wording(language)
        func words(_ key: String) -> String { say(key) }
        let page: ErrorPage
        switch error {
        case let error as any JSONErrorResponse:
            return error.response(say)
        case let error as HTTPError:
            page = ErrorPage(
                status: error.status, message: say(error), messageCode: error.code, views: views, language: language)
        case let error as DatabaseError where error.isConnectionLost:
            Log.warning("\(request.id) database unavailable: \(error)")
            page = ErrorPage(
                status: 503, message: words("error.message.503"), messageCode: "error.message.503", views: views,
                language: language)
        default:
            let reference = request.id
            Log.error(
                "\(reference) \(request.method) \(Self.logRedaction.redact(request.path)) failed: \(String(reflecting: error))"
            )
            page = ErrorPage(
                status: 500, message: words("error.message.500"), messageCode: "error.message.500",
                reference: reference, views: views, language: language)
        }
        if request.path.hasPrefix("/api/") || request.path.hasPrefix("/daraja/") || request.path.hasPrefix("/sms/") {
            return .json(APIErrorBody(page), status: page.status)
        }
        var response = Response.html(views.render(.error, page, in: language), status: page.status)
        if page.status == 503 { response.setHeader("Retry-After", "30") }
        return response
    }
}

/// The view model of `error.mustache`.
struct ErrorPage: Sendable {
    let status: Int
    let title: String
    let message: String
    /// The catalogue key of `message`, for programs (the JSON paths' `message_code`).
    let messageCode: String
    let reference: String?

    /// A page whose title is the catalogue's words for `status` in `language`.
    init(
        status: Int, message: String, messageCode: String, reference: String? = nil, views: Views,
        language: Language
    ) {
        self.status = status
        self.messageCode = messageCode
        let titled = Self.titledStatuses.contains(status)
        self.title = views.text(titled ? "error.title.\(status)" : "error.title.other", in: language)
        self.message = message
        self.reference = reference
    }

    /// The statuses with a title of their own in the catalogue (`error.title.<status>`).
    static let titledStatuses: Set<Int> = [400, 403, 404, 405, 413, 429, 431, 500, 503]
}

/// An error that carries its own JSON answer (the API's errors), so that the error pages need not
/// know them.
protocol JSONErrorResponse: Error {
    /// The JSON answer, its message in `say`'s language.
    func response(_ say: Wording) -> Response
}

/// `{"error": {"code": …, "message": …, "fields": {…}}}`, the one error shape of the JSON paths:
/// `message` and `fields` are words in the caller's language; `code`, `message_code` and
/// `field_codes` are stable names a program may branch on (the catalogue keys of the words).
struct APIErrorBody: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
        let messageCode: String
        var fields: [String: String]? = nil
        var fieldCodes: [String: String]? = nil
        var reference: String? = nil

        private enum CodingKeys: String, CodingKey {
            case code, message, fields, reference
            case messageCode = "message_code"
            case fieldCodes = "field_codes"
        }
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
        error = Detail(
            code: codes[page.status] ?? "internal_error", message: page.message, messageCode: page.messageCode,
            reference: page.reference)
    }
}
