/// The meaning of a ResultCode, for people. Always mapped from the code, never from ResultDesc.
public enum STKOutcome: Sendable, Equatable {
    case paid
    case cancelled
    case timedOut
    case failed
    case needsReview

    /// 0 paid; 1032 cancelled; 1037, 1019 timed out; known refusals failed; anything else needs review.
    public init(resultCode: Int) {
        switch resultCode {
        case 0: self = .paid
        case 1032: self = .cancelled
        case 1037, 1019: self = .timedOut
        case 1, 2, 3, 4, 8, 17, 1001, 1025, 9999, 2001, 2028: self = .failed
        default: self = .needsReview
        }
    }

    /// Plain words for a tenant about `resultCode`.
    public static func tenantMessage(resultCode: Int) -> String {
        switch resultCode {
        case 0: return "Paid"
        case 1: return "Not enough money in your M-Pesa account."
        case 2: return "The amount is below the M-Pesa minimum."
        case 3: return "The amount is above the M-Pesa maximum for one payment."
        case 4: return "This payment would go over your daily M-Pesa limit."
        case 8: return "This payment would go over your M-Pesa account limit."
        case 17: return "You just paid this amount. Please wait two minutes before trying again."
        case 1001: return "Another M-Pesa payment is in progress on your phone. Finish it, then try again."
        case 1019: return "The M-Pesa prompt expired before it was answered. Please try again."
        case 1025, 9999: return "M-Pesa could not send the prompt to your phone. Please try again."
        case 1032: return "You cancelled the M-Pesa prompt."
        case 1037: return "Your phone could not be reached. Check it is on and has signal, then try again."
        case 2001: return "Wrong M-Pesa PIN entered."
        case 2028: return "The landlord's M-Pesa account is not set up correctly. Please tell your landlord."
        default: return "We could not confirm this payment yet. Check your M-Pesa messages; we will keep checking."
        }
    }
}
