import Crypto
import MariaDB

/// One-time form keys: a form whose action must happen once carries a fresh key; posted twice (a
/// double click, a retried request) with it, the action changes things once. The action keeps the
/// key with its change: a payment's `idempotency_key`, a charge's claim, or `SpentFormKeys`.
enum OneTimeKey {
    /// A new key for a form.
    static func fresh() -> String { SecureRandom.token(bytes: 16) }

    /// A key as sent (16 to 64 letters, digits, `-` or `_`), else nil (then not used).
    static func read(_ text: String?) -> String? {
        guard let text, (16...64).contains(text.count),
            text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        return text
    }
}

/// The SQL of one-time keys spent by actions that keep no key of their own (manual reminders,
/// messages, new properties).
struct SpentFormKeys {
    let db: Connection

    /// Spends `key` of `user` in the caller's transaction; false when it was spent already (the form
    /// came before: change nothing). A second spend at the same moment waits for the first's commit.
    func spend(_ key: String, by user: UserID) throws -> Bool {
        try db.execute(
            """
            INSERT INTO spent_form_keys (user_id, form_key, spent_at) VALUES (?, ?, UTC_TIMESTAMP(6))
            ON DUPLICATE KEY UPDATE user_id = user_id
            """, user.raw, key
        ).affectedRows == 1
    }

    /// Keeps what the action that spent `key` made (a new property's id), for a second post's answer.
    func keep(_ result: Int64, of key: String, by user: UserID) throws {
        try db.execute(
            "UPDATE spent_form_keys SET result_id = ? WHERE user_id = ? AND form_key = ?", result, user.raw, key)
    }

    /// What the action that spent `key` kept, read once `spend` returned false (it waited for that
    /// action's commit); nil when it kept nothing (another form's key).
    func result(of key: String, by user: UserID) throws -> Int64? {
        try db.queryOne(
            "SELECT result_id FROM spent_form_keys WHERE user_id = ? AND form_key = ? FOR UPDATE", user.raw, key
        )?.optionalInt64("result_id")
    }
}
