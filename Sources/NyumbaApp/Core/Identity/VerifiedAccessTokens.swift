import Crypto
import Foundation
import Locking

/// Access tokens this process has already verified, by their exact text, so that the requests of
/// one session do not check the signature and parse the same JWT again and again. A hit is still
/// held to the token's expiry (with `JWT.leeway`, as `JWT.verify`), and to the key it was verified with. The user's token version and
/// status are checked on every request as before (`Sessions.user(fromAccess:)`).
final class VerifiedAccessTokens: Sendable {
    /// The process's tokens.
    static let shared = VerifiedAccessTokens()
    private static let maxEntries = 50_000

    private struct Entry {
        let claims: AccessClaims
        let key: [UInt8]
    }

    private let entries = Locked<[String: Entry]>([:])

    /// The claims of `token` if it was verified with `key` and has not expired, else what `verify` returns.
    func claims(_ token: String, key: [UInt8], verify: () -> AccessClaims?) -> AccessClaims? {
        if let hit = entries.withLock({ $0[token] }), hit.key == key {
            return Date().timeIntervalSince1970 < Double(hit.claims.exp) + JWT.leeway ? hit.claims : nil
        }
        guard let claims = verify() else { return nil }
        entries.withLock { entries in
            // Bounded, crudely: tokens live 15 minutes, so starting again costs little.
            if entries.count >= Self.maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[token] = Entry(claims: claims, key: key)
        }
        return claims
    }
}
