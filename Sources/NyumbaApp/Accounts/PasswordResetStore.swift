import MariaDB

/// The SQL of password reset links: only the SHA-256 of each token is stored.
struct PasswordResetStore {
    let db: Connection

    /// How long a link works.
    static let lifetimeSeconds = 3600

    /// Records a new link for `user`.
    func create(for user: UserID, tokenHash: [UInt8]) throws {
        try db.execute(
            """
            INSERT INTO password_resets (user_id, token_hash, created_at, expires_at)
            VALUES (?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? SECOND)
            """, user.raw, tokenHash, Self.lifetimeSeconds)
    }

    /// The user of an unused, unexpired link (nil otherwise); inside a transaction with
    /// `lock`, the row stays locked so that two submissions cannot both use it.
    func usableUser(tokenHash: [UInt8], lock: Bool = false) throws -> UserID? {
        try db.queryOne(
            """
            SELECT user_id FROM password_resets
            WHERE token_hash = ? AND used_at IS NULL AND expires_at > UTC_TIMESTAMP(6)
            \(lock ? "FOR UPDATE" : "")
            """, tokenHash
        ).map { UserID(try $0.int64("user_id")) }
    }

    /// Uses up every open link of `user`: the one just followed and any older ones.
    func markUsed(for user: UserID) throws {
        try db.execute(
            "UPDATE password_resets SET used_at = UTC_TIMESTAMP(6) WHERE user_id = ? AND used_at IS NULL", user.raw)
    }
}
