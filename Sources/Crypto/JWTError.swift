/// Why a JSON Web Token was refused.
public enum JWTError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not three base64url segments of JSON, too large, or missing a required claim.
    case malformed
    /// The header names an algorithm other than HS256 (including `none`), or carries unexpected fields.
    case badAlgorithm
    /// The signature does not match: wrong key or tampered token.
    case badSignature
    /// The `exp` time has passed.
    case expired
    /// The `nbf` or `iat` time is still in the future.
    case notYetValid

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case .malformed: return "malformed token"
        case .badAlgorithm: return "token algorithm is not HS256"
        case .badSignature: return "token signature does not match (wrong key or tampered token)"
        case .expired: return "token has expired"
        case .notYetValid: return "token is not valid yet"
        }
    }
}
