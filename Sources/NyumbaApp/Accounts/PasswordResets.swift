import Crypto
import MariaDB
import Web

/// "Forgot password" for the pages and the API alike: the emailed single-use link, and
/// choosing a new password with it (every session signed out, a "changed" email).
struct PasswordResets {
    /// What came of choosing a new password.
    enum Outcome {
        case changed(CurrentUser)
        case invalid(FieldErrors)
        /// The link is unknown, used or expired.
        case unusableLink
    }

    let context: AppContext

    /// Emails a link when `email` is an account's; the outcome is the same either way
    /// (only field errors for an address of the wrong shape), so nothing tells whether it is registered.
    /// The email comes back as checked (trimmed, lower-cased), to show the form again.
    func requestLink(email value: String?) throws -> (email: String, errors: FieldErrors) {
        var errors = FieldErrors()
        let email = Validate.email(value, into: &errors)
        guard errors.isEmpty else { return (email, errors) }
        if let (user, _) = try AccountStore(db: context.db).credentials(email: email) {
            let token = SecureRandom.bytes(32)
            let link = context.config.link("/password/reset/\(Base64URL.encode(token))")
            try context.db.transaction {
                try PasswordResetStore(db: context.db).create(for: user.id, tokenHash: SHA256.hash(token))
                try context.notifier.send(
                    Notice(recipient: NoticeRecipient(user), model: PasswordResetLink(resetURL: link)))
            }
        }
        return (email, errors)
    }

    /// The SHA-256 of a link's token, or nil when the token is not 32 base64url bytes.
    static func tokenHash(_ token: String?) -> [UInt8]? {
        guard let token, let bytes = Base64URL.decode(token), bytes.count == 32 else { return nil }
        return SHA256.hash(bytes)
    }

    /// Sets `password` for the user of the link and uses the link up.
    func reset(token: String?, password value: String?, confirm: String?) throws -> Outcome {
        guard let hash = Self.tokenHash(token) else { return .unusableLink }
        var errors = FieldErrors()
        let password = Validate.newPassword(value, into: &errors)
        if errors["password"] == nil, confirm != password {
            errors.add("confirm", "password.mismatch")
        }
        guard errors.isEmpty else { return .invalid(errors) }
        let newHash = context.passwords.hash(password)
        let changed: CurrentUser? = try context.db.transaction {
            let resets = PasswordResetStore(db: context.db)
            let accounts = AccountStore(db: context.db)
            guard let id = try resets.usableUser(tokenHash: hash, lock: true),
                let user = try UserStore(db: context.db).user(id: id)
            else { return nil }
            try resets.markUsed(for: id)
            try accounts.changePassword(newHash, for: id)
            try context.notifier.send(PasswordChanged.notice(to: user, context.config))
            return user
        }
        guard let changed else { return .unusableLink }
        context.authCache.invalidate(changed.id)
        return .changed(changed)
    }
}
