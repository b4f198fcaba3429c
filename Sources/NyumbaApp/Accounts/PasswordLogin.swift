import Web

/// Checks an email and password for the login page and the API's token endpoint alike:
/// the same throttle, the same dummy hashing for unknown emails, the same rehash.
struct PasswordLogin {
    /// What came of one attempt.
    enum Outcome {
        /// Signed in; the device key to give back (the one presented, or a new one).
        case signedIn(CurrentUser, device: DeviceKey)
        /// Throttled: the message says how long to wait.
        case refused(Words)
        case invalid
    }

    static let invalidMessage = Words("login.invalid")

    let context: AppContext

    /// Verifies the credentials, counting failures for the account, the address and the
    /// device; `device` is the device key the browser or client presented, if any.
    func attempt(email rawEmail: String, password: String, address: String, device presented: String?) throws
        -> Outcome
    {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        let accounts = AccountStore(db: context.db)
        let credentials = try accounts.credentials(email: email)
        // The throttle counts per account, whichever spelling found it (or would have).
        let accountID = try credentials?.user.id ?? accounts.userID(email: LoginThrottle.normalisedEmail(email))
        let known = DeviceKey.verified(presented, key: context.sessions.key).flatMap {
            $0.userID == accountID ? $0 : nil
        }
        let attempt = LoginThrottle.Attempt(user: accountID, email: email, address: address, device: known?.nonce)
        let throttle = LoginThrottle(db: context.db, lockoutSeconds: context.config.loginLockoutSeconds)
        if let wait = try throttle.refusal(attempt) { return .refused(wait) }
        guard let (user, hash) = credentials else {
            context.passwords.verifyDummy(password)
            try throttle.recordFailure(attempt)
            return .invalid
        }
        let verification = context.passwords.verify(password, against: hash)
        guard verification.isValid else {
            try throttle.recordFailure(attempt)
            return .invalid
        }
        try throttle.recordSuccess(attempt)
        if verification.needsRehash {
            try accounts.updatePasswordHash(context.passwords.hash(password), for: user.id)
        }
        return .signedIn(user, device: known ?? DeviceKey.make(for: user.id))
    }
}

/// A signed-in person typing their password again (to change it, or before a change that
/// moves money): checked under the login throttle, with their session as the known device,
/// so that a stolen session cannot guess at full speed and strangers' failures on the
/// account do not stop its owner.
struct PasswordRecheck {
    /// What came of one check.
    enum Outcome {
        case confirmed
        /// Wrong password (counted).
        case wrong
        /// Throttled: the message says how long to wait.
        case refused(Words)
    }

    let context: AppContext

    /// Checks `password` against `user`'s, counting a failure for the account, the address
    /// and the session `family`.
    func check(_ password: String?, of user: CurrentUser, family: String?, address: String) throws -> Outcome {
        let attempt = LoginThrottle.Attempt(
            user: user.id, email: user.email, address: address, device: family.map { "session:\($0)" },
            countsAddress: false)
        let throttle = LoginThrottle(db: context.db, lockoutSeconds: context.config.loginLockoutSeconds)
        if let wait = try throttle.refusal(attempt) { return .refused(wait) }
        guard let hash = try AccountStore(db: context.db).passwordHash(for: user.id),
            context.passwords.verify(password ?? "", against: hash).isValid
        else {
            try throttle.recordFailure(attempt)
            return .wrong
        }
        return .confirmed
    }
}
