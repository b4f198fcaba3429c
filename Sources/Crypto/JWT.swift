import Foundation

/// JSON Web Tokens signed with HMAC-SHA256 only; the algorithm is fixed here, never read from the token.
public enum JWT {
    /// Tokens longer than this are refused before any parsing.
    public static let maximumLength = 8 * 1024
    /// Allowed clock difference, in seconds, for `exp`, `nbf` and `iat`.
    public static let leeway: Double = 30
    /// The shortest key accepted: RFC 7518 requires at least the hash length.
    public static let minimumKeyLength = 32

    /// Returns a compact HS256 token for `claims` signed with `key` (at least 32 bytes).
    public static func sign(claims: some JWTClaims, key: [UInt8]) -> String {
        precondition(key.count >= minimumKeyLength, "JWT key must be at least \(minimumKeyLength) bytes")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let payload = try? encoder.encode(claims) else {
            preconditionFailure("JWT claims of type \(type(of: claims)) failed to encode as JSON")
        }
        let signingInput = JWTHeader.encoded + "." + Base64URL.encode(Array(payload))
        return signingInput + "." + Base64URL.encode(HMAC.sha256(key: key, message: Array(signingInput.utf8)))
    }

    /// Checks `token`'s header, signature (in constant time) and times, then decodes its claims.
    public static func verify<T: JWTClaims>(
        _ token: String, key: [UInt8], as type: T.Type = T.self, now: Date = Date()
    ) throws(JWTError) -> T {
        precondition(key.count >= minimumKeyLength, "JWT key must be at least \(minimumKeyLength) bytes")
        guard token.utf8.count <= maximumLength else { throw .malformed }
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3,
            let header = Base64URL.decode(String(segments[0])),
            let payload = Base64URL.decode(String(segments[1])),
            let signature = Base64URL.decode(String(segments[2]))
        else { throw .malformed }

        do {
            _ = try JSONDecoder().decode(JWTHeader.self, from: Data(header))
        } catch let error as JWTError {
            throw error
        } catch {
            throw .malformed
        }

        let signingInput = Array(token.utf8.prefix(segments[0].utf8.count + 1 + segments[1].utf8.count))
        guard constantTimeEquals(HMAC.sha256(key: key, message: signingInput), signature) else {
            throw .badSignature
        }

        // Only now, with the payload authenticated, is it parsed.
        let times: RegisteredClaims
        let claims: T
        do {
            times = try JSONDecoder().decode(RegisteredClaims.self, from: Data(payload))
            claims = try JSONDecoder().decode(T.self, from: Data(payload))
        } catch {
            throw .malformed
        }
        let seconds = now.timeIntervalSince1970
        guard seconds < times.exp + leeway else { throw .expired }
        if let notBefore = times.nbf, seconds + leeway < notBefore { throw .notYetValid }
        if let issuedAt = times.iat, seconds + leeway < issuedAt { throw .notYetValid }
        return claims
    }
}
