import MariaDB
import Web

/// Changing the password while signed in, for the page and the API alike: the current
/// password checked under the login throttle, then every session signed out.
struct PasswordChange {
    /// What came of one attempt.
    enum Outcome {
        /// Changed; the user as reloaded (nil if the account vanished meanwhile).
        case changed(CurrentUser?)
        case invalid(FieldErrors)
        /// Too many wrong passwords: the message says how long to wait.
        case refused(String)
    }

    let context: AppContext

    /// Checks `current` and the new `password` (with its `confirm`) and changes it.
    func change(for user: CurrentUser, current: String?, password value: String?, confirm: String?, address: String)
        throws -> Outcome
    {
        var errors = FieldErrors()
        let accounts = AccountStore(db: context.db)
        let throttle = LoginThrottle(db: context.db, lockoutSeconds: context.config.loginLockoutSeconds)
        if let refusal = try throttle.refusal(email: user.email, address: address) {
            return .refused(refusal)
        } else if let hash = try accounts.passwordHash(for: user.id),
            !context.passwords.verify(current ?? "", against: hash).isValid
        {
            // A stolen session must not be a way to guess the password at full speed.
            try throttle.recordFailure(email: user.email, address: address)
            errors.add("current", "That is not your current password.")
        }
        let password = Validate.newPassword(value, into: &errors)
        if errors["password"] == nil, confirm != password {
            errors.add("confirm", "The two passwords are not the same.")
        }
        guard errors.isEmpty else { return .invalid(errors) }
        let newHash = context.passwords.hash(password)
        let reloaded: CurrentUser? = try context.db.transaction {
            try accounts.changePassword(newHash, for: user.id)
            try Outbox(db: context.db).enqueue(PasswordChangeRoutes.changedEmail(to: user, context))
            return try accounts.user(id: user.id)
        }
        context.authCache.invalidate(user.id)
        return .changed(reloaded)
    }
}
