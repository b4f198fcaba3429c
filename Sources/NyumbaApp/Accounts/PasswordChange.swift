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
        /// Too many wrong passwords: the message says how long to wait; the field errors
        /// show it as the current password's, with whatever else is wrong with the form.
        case refused(Words, FieldErrors)
    }

    let context: AppContext

    /// Checks `current` and the new `password` (with its `confirm`) and changes it;
    /// `family` is the login the request belongs to.
    func change(
        for user: CurrentUser, family: String?, current: String?, password value: String?, confirm: String?,
        address: String
    ) throws -> Outcome {
        var errors = FieldErrors()
        let accounts = AccountStore(db: context.db)
        // A stolen session must not be a way to guess the password at full speed.
        var refusal: Words?
        switch try PasswordRecheck(context: context).check(current, of: user, family: family, address: address) {
        case .confirmed: break
        case .wrong: errors.add("current", "password.current_wrong")
        case .refused(let wait):
            refusal = wait
            errors.add("current", wait)
        }
        let password = Validate.newPassword(value, into: &errors)
        if errors["password"] == nil, confirm != password {
            errors.add("confirm", "password.mismatch")
        }
        if let refusal { return .refused(refusal, errors) }
        guard errors.isEmpty else { return .invalid(errors) }
        let newHash = context.passwords.hash(password)
        let reloaded: CurrentUser? = try context.db.transaction {
            try accounts.changePassword(newHash, for: user.id)
            try context.notifier.send(PasswordChanged.notice(to: user, context.config))
            return try UserStore(db: context.db).user(id: user.id)
        }
        context.authCache.invalidate(user.id)
        return .changed(reloaded)
    }
}
