import Crypto
import MariaDB
import Web

/// "Forgot password": an emailed single-use link, valid one hour, to choose a new password.
///
/// The answer to a request never tells whether the email is registered: same status, same
/// page, and only a lookup plus (for a real account) one small transaction in between.
enum PasswordResetRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/password/forgot", access: .anyone) { _, session, context in
            context.page("accounts/forgot_password", ForgotPasswordPage(layout: try layout(session, context)))
        }
        router.page("POST", "/password/forgot", access: .anyone, sendLink)
        router.page("GET", "/password/reset/:token", access: .anyone) { request, session, context in
            guard let hash = tokenHash(request),
                try PasswordResetStore(db: context.db).usableUser(tokenHash: hash) != nil
            else { return try invalidLink(session, context) }
            let page = ResetPasswordPage(
                layout: try context.layout("Choose a new password", session), token: request.parameters["token"] ?? "")
            return context.page("accounts/reset_password", page)
        }
        router.page("POST", "/password/reset/:token", access: .anyone, resetPassword)
    }

    private static func sendLink(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        let form = try request.form()
        var errors = FieldErrors()
        let email = Validate.email(form["email"], into: &errors)
        guard errors.isEmpty else {
            let page = ForgotPasswordPage(layout: try layout(session, context), email: email, errors: errors.messages)
            return context.page("accounts/forgot_password", page, status: 400)
        }
        if let (user, _) = try AccountStore(db: context.db).credentials(email: email) {
            let token = SecureRandom.bytes(32)
            let composer = EmailComposer(views: context.views, config: context.config)
            let link = context.config.link("/password/reset/\(Base64URL.encode(token))")
            try context.db.transaction {
                try PasswordResetStore(db: context.db).create(for: user.id, tokenHash: SHA256.hash(token))
                try Outbox(db: context.db).enqueue(
                    composer.draft(
                        "password_reset", to: (user.name, user.email), subject: "Choose a new Nyumba password",
                        ["resetURL": link]))
            }
        }
        return context.page(
            "accounts/forgot_password", ForgotPasswordPage(layout: try layout(session, context), sent: true))
    }

    private static func resetPassword(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        guard let hash = tokenHash(request) else { return try invalidLink(session, context) }
        let form = try request.form()
        var errors = FieldErrors()
        let password = Validate.newPassword(form["password"], into: &errors)
        if errors["password"] == nil, form["confirm"] != password {
            errors.add("confirm", "The two passwords are not the same.")
        }
        guard errors.isEmpty else {
            let page = ResetPasswordPage(
                layout: try context.layout("Choose a new password", session), token: request.parameters["token"] ?? "",
                errors: errors.messages)
            return context.page("accounts/reset_password", page, status: 400)
        }
        let newHash = context.passwords.hash(password)
        let changed: CurrentUser? = try context.db.transaction {
            let resets = PasswordResetStore(db: context.db)
            let accounts = AccountStore(db: context.db)
            guard let id = try resets.usableUser(tokenHash: hash, lock: true), let user = try accounts.user(id: id)
            else { return nil }
            try resets.markUsed(for: id)
            try accounts.changePassword(newHash, for: id)
            try Outbox(db: context.db).enqueue(PasswordChangeRoutes.changedEmail(to: user, context))
            return user
        }
        guard let changed else { return try invalidLink(session, context) }
        context.authCache.invalidate(changed.id)
        session.signOut()
        return .redirect(to: "/login?notice=\(LoginNotice.passwordReset.rawValue)")
    }

    /// The SHA-256 of the link's token, or nil when the token is not 32 base64url bytes.
    private static func tokenHash(_ request: Request) -> [UInt8]? {
        guard let token = request.parameters["token"], let bytes = Base64URL.decode(token), bytes.count == 32 else {
            return nil
        }
        return SHA256.hash(bytes)
    }

    private static func invalidLink(_ session: RequestSession, _ context: AppContext) throws -> Response {
        context.page(
            "accounts/reset_link_invalid", InvalidLinkPage(layout: try context.layout("Link expired", session)),
            status: 410)
    }

    private static func layout(_ session: RequestSession, _ context: AppContext) throws -> Layout {
        try context.layout("Forgot your password", session)
    }
}

/// Fixed messages the login page shows after a redirect (`/login?notice=…`); the query
/// only picks one, so nothing typed into a URL is ever shown.
enum LoginNotice: String {
    case passwordReset = "password-reset"

    var text: String {
        switch self {
        case .passwordReset: "Your password was changed and every session was signed out. Log in with the new one."
        }
    }

    /// The notice a request asks for, if it names one.
    static func text(for request: Request) -> String? {
        request.query["notice"].flatMap(LoginNotice.init(rawValue:))?.text
    }
}

/// The view model of `accounts/forgot_password.mustache`.
struct ForgotPasswordPage {
    let layout: Layout
    var email = ""
    var errors: [String: String] = [:]
    var sent = false
}

/// The view model of `accounts/reset_password.mustache`.
struct ResetPasswordPage {
    let layout: Layout
    let token: String
    var errors: [String: String] = [:]
}

/// The view model of `accounts/reset_link_invalid.mustache`.
struct InvalidLinkPage {
    let layout: Layout
}
