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
}
