/// A failure from sealing or opening data, worded for the person reading the log.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key does not have the length the algorithm requires.
    case invalidKeyLength(expected: Int, actual: Int)
    /// The input is too short or otherwise not in the expected layout.
    case malformed
    /// The authentication tag did not match: the key is wrong or the data was changed.
    case authenticationFailed

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case .invalidKeyLength(let expected, let actual):
            return "invalid key length: expected \(expected) bytes, got \(actual)"
        case .malformed:
            return "malformed sealed data: too short or not in the expected layout"
        case .authenticationFailed:
            return "authentication failed: wrong key or tampered data"
        }
    }
}
