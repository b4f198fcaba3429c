import Foundation
import MariaDB

/// The SQL of accounts: users and their password hashes.
struct AccountStore {
    let db: Connection

    /// The user and their stored password hash, by (normalised) email.
    func credentials(email: String) throws -> (user: CurrentUser, passwordHash: String)? {
        guard
            let row = try db.queryOne(
                "SELECT \(UserStore.userColumns), password_hash FROM users WHERE email = ?", email)
        else { return nil }
        return (try CurrentUser(row: row), try row.string("password_hash"))
    }

    /// The id of the account with this email (compared as the `email` column's collation does).
    func userID(email: String) throws -> UserID? {
        try db.queryOne("SELECT id FROM users WHERE email = ?", email).map { UserID(try $0.int64("id")) }
    }

    /// The stored password hash of a user, to check their current password.
    func passwordHash(for id: UserID) throws -> String? {
        try db.queryOne("SELECT password_hash FROM users WHERE id = ?", id.raw).map { try $0.string("password_hash") }
    }

    /// False on a fresh database (the demo seed only fills an empty one).
    func hasAnyUser() throws -> Bool {
        try db.queryOne("SELECT 1 FROM users LIMIT 1") != nil
    }

    func emailExists(_ email: String) throws -> Bool {
        try db.queryOne("SELECT 1 FROM users WHERE email = ?", email) != nil
    }

    /// Inserts a user; a taken email surfaces as a duplicate-key error.
    func create(
        role: Role, status: AccountStatus, name: String, email: String, phone: String, passwordHash: String,
        language: Language? = nil
    ) throws -> UserID {
        let result = try db.execute(
            """
            INSERT INTO users (role, status, name, email, phone, password_hash, language, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))
            """, role.rawValue, status.rawValue, name, email, phone, passwordHash, language?.rawValue)
        return UserID(result.lastInsertID)
    }

    /// Records the language a person chose.
    func setLanguage(_ language: Language, for id: UserID) throws {
        try db.execute("UPDATE users SET language = ? WHERE id = ?", language.rawValue, id.raw)
    }

    func updatePasswordHash(_ hash: String, for id: UserID) throws {
        try db.execute("UPDATE users SET password_hash = ? WHERE id = ?", hash, id.raw)
    }

    /// Sets a new password and signs out every session (all access tokens and refresh tokens).
    func changePassword(_ hash: String, for id: UserID) throws {
        try db.execute(
            "UPDATE users SET password_hash = ?, token_version = token_version + 1 WHERE id = ?", hash, id.raw)
        try db.execute(
            "UPDATE refresh_tokens SET revoked_at = UTC_TIMESTAMP(6) WHERE user_id = ? AND revoked_at IS NULL",
            id.raw)
    }

    func setStatus(_ status: AccountStatus, for id: UserID) throws {
        try db.execute("UPDATE users SET status = ? WHERE id = ?", status.rawValue, id.raw)
    }

    /// Turns SMS from Nyumba on or off for the user.
    func setSMS(_ on: Bool, for id: UserID) throws {
        try db.execute("UPDATE users SET sms_enabled = ? WHERE id = ?", on, id.raw)
    }
}
