import MariaDB
import Web

/// Changing the password while signed in: every other session is signed out, this one
/// continues with a fresh token family.
enum PasswordChangeRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/account/password", access: .signedIn) { request, session, context in
            let notice =
                request.query["changed"] == "1"
                ? "Your password was changed. Every other session was signed out." : nil
            let layout = try context.layout("Change your password", session, notice: notice)
            return context.page("accounts/change_password", ChangePasswordPage(layout: layout))
        }
        router.page("POST", "/account/password", access: .signedIn, changePassword)
    }

    /// The "your password was changed" email.
    static func changedEmail(to user: CurrentUser, _ context: AppContext) -> EmailDraft {
        EmailComposer(views: context.views, config: context.config).draft(
            "password_changed", to: (user.name, user.email), subject: "Your Nyumba password was changed",
            ["forgotURL": context.config.link("/password/forgot")])
    }

    private static func changePassword(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        guard let user = session.user else { return .redirect(to: "/login") }
        let form = try request.form()
        var errors = FieldErrors()
        let accounts = AccountStore(db: context.db)
        let throttle = LoginThrottle(db: context.db, lockoutSeconds: context.config.loginLockoutSeconds)
        if let refusal = try throttle.refusal(email: user.email, address: request.remoteAddress) {
            errors.add("current", refusal)
        } else if let hash = try accounts.passwordHash(for: user.id),
            !context.passwords.verify(form["current"] ?? "", against: hash).isValid
        {
            // A stolen session must not be a way to guess the password at full speed.
            try throttle.recordFailure(email: user.email, address: request.remoteAddress)
            errors.add("current", "That is not your current password.")
        }
        let password = Validate.newPassword(form["password"], into: &errors)
        if errors["password"] == nil, form["confirm"] != password {
            errors.add("confirm", "The two passwords are not the same.")
        }
        guard errors.isEmpty else {
            let page = ChangePasswordPage(
                layout: try context.layout("Change your password", session), errors: errors.messages)
            return context.page("accounts/change_password", page, status: 400)
        }
        let newHash = context.passwords.hash(password)
        let reloaded: CurrentUser? = try context.db.transaction {
            try accounts.changePassword(newHash, for: user.id)
            try Outbox(db: context.db).enqueue(changedEmail(to: user, context))
            return try accounts.user(id: user.id)
        }
        context.authCache.invalidate(user.id)
        guard let reloaded else { return .redirect(to: "/login") }
        session.signIn(reloaded, tokens: try context.sessions.start(for: reloaded))
        return .redirect(to: "/account/password?changed=1")
    }
}

/// The view model of `accounts/change_password.mustache`.
struct ChangePasswordPage {
    let layout: Layout
    var errors: [String: String] = [:]
}
