import Web

/// An error of the JSON API: its status, a code a program can branch on, a message a person can
/// read and, for 400 and 409, the fields at fault. The message and the fields are catalogue words,
/// put into the caller's language when answered (their account's language, else the browser's).
struct APIError: JSONErrorResponse, Sendable {
    let status: Int
    let code: String
    let message: Words
    var fields: [String: Words]? = nil

    init(status: Int, code: String, message: Words, fields: [String: Words]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }

    /// An error whose message is a catalogue key without values.
    init(status: Int, code: String, message key: String) {
        self.init(status: status, code: code, message: Words(key))
    }

    static let unauthorized = APIError(status: 401, code: "unauthorized", message: "api.error.unauthorized")
    static let pendingApproval = APIError(
        status: 403, code: "pending_approval", message: "api.error.pending_approval")
    static let csrf = APIError(status: 403, code: "forbidden", message: "api.error.csrf")
    static let notFound = APIError(status: 404, code: "not_found", message: "http.not_found")

    /// 400 with a problem per field (the same words as the forms).
    static func validation(_ fields: [String: Words]) -> APIError {
        APIError(status: 400, code: "validation_failed", message: Words("api.error.validation"), fields: fields)
    }

    /// 400 for a body or query that cannot be read at all.
    static func badRequest(_ key: String) -> APIError {
        APIError(status: 400, code: "bad_request", message: key)
    }

    /// 409: the request is valid but the state forbids it (already decided, already pending…).
    static func conflict(_ message: Words, fields: [String: Words]? = nil) -> APIError {
        APIError(status: 409, code: "conflict", message: message, fields: fields)
    }

    /// 409 whose message is a catalogue key without values.
    static func conflict(_ key: String) -> APIError { conflict(Words(key)) }

    /// 429: too many attempts; `wait` says how long to wait.
    static func tooManyRequests(_ wait: Words) -> APIError {
        APIError(status: 429, code: "too_many_requests", message: wait)
    }
}

extension APIError {
    /// The error in the JSON paths' one error shape, its words in `say`'s language.
    func response(_ say: Wording) -> Response {
        .json(
            APIErrorBody(
                error: .init(
                    code: code, message: say(message), messageCode: message.key,
                    fields: fields?.mapValues { say($0) }, fieldCodes: fields?.mapValues(\.key))),
            status: status)
    }
}
