import Web

/// Checks an email and password for the login page and the API's token endpoint alike:
/// the same throttle, the same dummy hashing for unknown emails, the same rehash.
struct PasswordLogin {
    /// What came of one attempt.
    enum Outcome {
        case signedIn(CurrentUser)
        /// Throttled: the message says how long to wait.
        case refused(String)
        case invalid
    }

    static let invalidMessage = "That email and password do not match an account."

    let context: AppContext

    /// Verifies the credentials, counting failures for the account and the address.
    func attempt(email rawEmail: String, password: String, address: String) throws -> Outcome {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        let throttle = LoginThrottle(db: context.db, lockoutSeconds: context.config.loginLockoutSeconds)
        if let wait = try throttle.refusal(email: email, address: address) { return .refused(wait) }
        let accounts = AccountStore(db: context.db)
        guard let (user, hash) = try accounts.credentials(email: email) else {
            context.passwords.verifyDummy(password)
            try throttle.recordFailure(email: email, address: address)
            return .invalid
        }
        let verification = context.passwords.verify(password, against: hash)
        guard verification.isValid else {
            try throttle.recordFailure(email: email, address: address)
            return .invalid
        }
        try throttle.recordSuccess(email: email)
        if verification.needsRehash {
            try accounts.updatePasswordHash(context.passwords.hash(password), for: user.id)
        }
        return .signedIn(user)
    }
}
