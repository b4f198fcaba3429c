/// Why a Daraja call failed.
public enum DarajaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Refused before sending (amount out of range, bad phone, …).
    case invalidRequest(DarajaRefusal)
    /// Daraja's `{"requestId","errorCode","errorMessage"}` answer (or an HTTP error without one).
    case api(httpStatus: Int, errorCode: String, message: String)
    /// Connect, timeout or TLS failure.
    case transport(String)
    /// An answer (or a callback) that is not the documented shape.
    case malformedResponse(DarajaMalformation)

    /// What went wrong, as a code the application puts into its own words; never internal details.
    public var problem: DarajaProblem {
        switch self {
        case .invalidRequest: .invalidRequest
        case .api(_, let errorCode, _):
            switch errorCode {
            case "400.002.02": .detailsRefused
            case "500.001.1001": .promptOpen
            case "500.003.02", "500.003.03": .busy
            default: .unavailable
            }
        case .transport: .unreachable
        case .malformedResponse: .unexpectedAnswer
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

    /// A precise line for the operator log: a code and its values (`message` is Daraja's own).
    public var description: String {
        switch self {
        case .invalidRequest(let refusal): return "daraja invalid_request \(refusal.rawValue)"
        case .api(let status, let code, let message):
            return "daraja api_error http=\(status) errorCode=\(code.isEmpty ? "-" : code): \(message)"
        case .transport(let text): return "daraja transport: \(text)"
        case .malformedResponse(let problem): return "daraja malformed_response \(problem)"
        }
    }
}

/// Why a Daraja call failed, for the person who asked: a stable code, not words.
public enum DarajaProblem: String, Sendable, CaseIterable {
    /// We refused to send it (a bad phone number or amount, a misconfiguration).
    case invalidRequest = "invalid_request"
    /// M-Pesa did not accept the phone number or amount.
    case detailsRefused = "details_refused"
    /// Another prompt is open on the phone.
    case promptOpen = "prompt_open"
    /// M-Pesa is rate-limiting: try again in a minute.
    case busy
    /// M-Pesa is down or answered with an error.
    case unavailable
    /// M-Pesa could not be reached.
    case unreachable
    /// M-Pesa answered with something unreadable.
    case unexpectedAnswer = "unexpected_answer"
}
