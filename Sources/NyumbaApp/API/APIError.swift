import Web

/// An error of the JSON API: its status, a code a program can branch on, a message a
/// person can read and, for 400 and 409, the fields at fault.
struct APIError: JSONErrorResponse, Sendable {
    let status: Int
    let code: String
    let message: String
    var fields: [String: String]? = nil

    static let unauthorized = APIError(
        status: 401, code: "unauthorized", message: "Send a valid access token: Authorization: Bearer <access>.")
    static let pendingApproval = APIError(
        status: 403, code: "pending_approval", message: "Your landlord has not approved your account yet.")
    static let csrf = APIError(
        status: 403, code: "forbidden", message: "Cookie-authenticated requests must send the X-CSRF-Token header.")
    static let notFound = APIError(status: 404, code: "not_found", message: "There is nothing at this address.")

    /// 400 with a problem per field (the same words as the forms).
    static func validation(_ fields: [String: String]) -> APIError {
        APIError(status: 400, code: "validation_failed", message: "Some fields need correcting.", fields: fields)
    }

    /// 400 for a body or query that cannot be read at all.
    static func badRequest(_ message: String) -> APIError {
        APIError(status: 400, code: "bad_request", message: message)
    }

    /// 409: the request is valid but the state forbids it (already decided, already pending…).
    static func conflict(_ message: String, fields: [String: String]? = nil) -> APIError {
        APIError(status: 409, code: "conflict", message: message, fields: fields)
    }
}

extension APIError {
    /// The error in the JSON paths' one error shape.
    var response: Response {
        .json(APIErrorBody(error: .init(code: code, message: message, fields: fields)), status: status)
    }
}
