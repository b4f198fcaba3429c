import Crypto
import Foundation
import MariaDB

/// Issues, checks, rotates and revokes session tokens: a short-lived access JWT and a
/// rotating refresh JWT whose id is stored, so that logout, a password change and the
/// reuse of an already-rotated refresh token can revoke it.
struct Sessions {
    let db: Connection
    let key: [UInt8]
    let cache: AuthStateCache

    static let accessLifetime = 15 * 60
    static let refreshLifetime = 14 * 24 * 60 * 60
    /// A refresh token presented again this soon after its rotation is not a theft: two
    /// requests sent at once, or a response (and its cookies) lost on a flaky mobile link.
    static let reuseGrace = 30

    /// A freshly issued pair.
    struct Tokens {
        let access: String
        let refresh: String
        let family: String
    }

    /// What a refresh token turned out to be.
    enum Refreshed {
        case renewed(CurrentUser, Tokens)
        case invalid
    }

    /// Starts a new session (a new token family) for a user who just proved who they are.
    func start(for user: CurrentUser) throws -> Tokens {
        let family = SecureRandom.token(bytes: 16)
        return try issue(for: user, family: family)
    }

    /// The user of a valid access token whose version still matches, with the session family.
    func user(fromAccess token: String) throws -> (CurrentUser, family: String)? {
        let verified = VerifiedAccessTokens.shared.claims(token, key: key) {
            try? JWT.verify(token, key: key, as: AccessClaims.self)
        }
        guard let claims = verified, claims.typ == "access" else { return nil }
        let id = UserID(claims.sub)
        guard let user = try cache.user(id, load: { try UserStore(db: db).user(id: id) }),
            user.tokenVersion == claims.ver, user.status != .rejected
        else { return nil }
        return (user, claims.fam)
    }

    /// Exchanges a refresh token for a new pair; reuse of a rotated token revokes its family.
    func refresh(_ token: String) throws -> Refreshed {
        guard let claims = try? JWT.verify(token, key: key, as: RefreshClaims.self), claims.typ == "refresh" else {
            return .invalid
        }
        return try db.transaction {
            guard
                let row = try db.queryOne(
                    """
                    SELECT user_id, family_id, revoked_at,
                           rotated_at IS NOT NULL AS rotated,
                           rotated_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND AS within_grace
                    FROM refresh_tokens WHERE id = ? AND expires_at > UTC_TIMESTAMP(6) FOR UPDATE
                    """, Self.reuseGrace, claims.jti),
                try row.int64("user_id") == claims.sub, try row.optionalString("revoked_at") == nil,
                let user = try UserStore(db: db).user(id: UserID(claims.sub)), user.status != .rejected
            else { return .invalid }
            let family = try row.string("family_id")
            if try row.bool("rotated") {
                guard try row.optionalBool("within_grace") == true else {
                    try revokeFamily(family)
                    return .invalid
                }
                return .renewed(user, try successor(in: family, for: user))
            }
            try db.execute("UPDATE refresh_tokens SET rotated_at = UTC_TIMESTAMP(6) WHERE id = ?", claims.jti)
            return .renewed(user, try issue(for: user, family: family))
        }
    }

    /// The login a refresh token belongs to, if its signature is ours (for logout by token).
    func family(ofRefresh token: String) -> String? {
        guard let claims = try? JWT.verify(token, key: key, as: RefreshClaims.self), claims.typ == "refresh" else {
            return nil
        }
        return claims.fam
    }

    /// Ends one session: its whole token family.
    func revokeFamily(_ family: String) throws {
        try db.execute(
            "UPDATE refresh_tokens SET revoked_at = UTC_TIMESTAMP(6) WHERE family_id = ? AND revoked_at IS NULL",
            family)
    }

    /// The pair a rotation within the grace already issued: the family's current refresh
    /// token (signed again, same id and expiry) and a fresh access token. The client then
    /// holds a refresh token that is valid, whichever of the racing responses it kept.
    private func successor(in family: String, for user: CurrentUser) throws -> Tokens {
        guard
            let row = try db.queryOne(
                """
                SELECT id, CAST(UNIX_TIMESTAMP(created_at) AS SIGNED) AS issued,
                       CAST(UNIX_TIMESTAMP(expires_at) AS SIGNED) AS expires
                FROM refresh_tokens
                WHERE family_id = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP(6)
                ORDER BY created_at DESC LIMIT 1
                """, family)
        else { return try issue(for: user, family: family) }
        let refresh = JWT.sign(
            claims: RefreshClaims(
                sub: user.id.raw, jti: try row.string("id"), fam: family, typ: "refresh",
                iat: Int(try row.int64("issued")), exp: Int(try row.int64("expires"))),
            key: key)
        return Tokens(access: accessToken(for: user, family: family), refresh: refresh, family: family)
    }

    private func issue(for user: CurrentUser, family: String) throws -> Tokens {
        let now = Int(Date().timeIntervalSince1970)
        let id = SecureRandom.token(bytes: 16)
        try db.execute(
            """
            INSERT INTO refresh_tokens (id, user_id, family_id, created_at, expires_at)
            VALUES (?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? SECOND)
            """, id, user.id.raw, family, Self.refreshLifetime)
        let refresh = JWT.sign(
            claims: RefreshClaims(
                sub: user.id.raw, jti: id, fam: family, typ: "refresh", iat: now, exp: now + Self.refreshLifetime),
            key: key)
        return Tokens(access: accessToken(for: user, family: family), refresh: refresh, family: family)
    }

    private func accessToken(for user: CurrentUser, family: String) -> String {
        let now = Int(Date().timeIntervalSince1970)
        return JWT.sign(
            claims: AccessClaims(
                sub: user.id.raw, ver: user.tokenVersion, fam: family, typ: "access", iat: now,
                exp: now + Self.accessLifetime),
            key: key)
    }
}
