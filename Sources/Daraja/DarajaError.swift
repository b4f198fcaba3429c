/// Why a Daraja call failed.
public enum DarajaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Refused before sending (amount out of range, bad phone, …); the text is plain words.
    case invalidRequest(String)
    /// Daraja's `{"requestId","errorCode","errorMessage"}` answer (or an HTTP error without one).
    case api(httpStatus: Int, errorCode: String, message: String)
    /// Connect, timeout or TLS failure.
    case transport(String)
    /// An answer that is not the documented shape.
    case malformedResponse(String)

    /// Plain words for the tenant ("M-Pesa is busy, try again in a minute", …); never internal details.
    public var tenantMessage: String {
        switch self {
        case .invalidRequest(let text):
            return text
        case .api(_, let errorCode, _):
            switch errorCode {
            case "400.002.02":
                return "M-Pesa did not accept the payment details. Check the phone number and amount, then try again."
            case "500.001.1001":
                return "M-Pesa could not start the payment. If an M-Pesa prompt is open on your phone, "
                    + "finish it first, then try again in a minute."
            case "500.003.02", "500.003.03":
                return "M-Pesa is busy. Please try again in a minute."
            default:
                return "M-Pesa is not available right now. Please try again in a few minutes."
            }
        case .transport:
            return "We could not reach M-Pesa. Please try again in a few minutes."
        case .malformedResponse:
            return "M-Pesa gave an unexpected answer. Check your M-Pesa messages before trying again."
        }
    }

    /// True when Daraja may have carried the call out although we got no clear answer (a timeout,
    /// a dropped connection, an unreadable body, a server error without Daraja's error shape):
    /// for a push, the prompt may have reached the phone, so it must not be called a failure.
    public var mayHaveBeenApplied: Bool {
        switch self {
        case .invalidRequest: return false
        case .api(let status, let errorCode, _): return errorCode.isEmpty && status >= 500
        case .transport, .malformedResponse: return true
        }
    }

    /// A precise line for the operator log.
    public var description: String {
        switch self {
        case .invalidRequest(let text): return "Daraja request refused before sending: \(text)"
        case .api(let status, let code, let message):
            return "Daraja API error: HTTP \(status), errorCode \(code.isEmpty ? "-" : code): \(message)"
        case .transport(let text): return "Daraja transport error: \(text)"
        case .malformedResponse(let text): return "Daraja malformed response: \(text)"
        }
    }
}
