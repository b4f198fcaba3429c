import Web

/// "Forgot password": an emailed single-use link, valid one hour, to choose a new password.
///
/// The answer to a request never tells whether the email is registered: same status, same
/// page, and only a lookup plus (for a real account) one small transaction in between.
enum PasswordResetRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/password/forgot", access: .anyone) { _, session, context in
            context.page(.accountsForgotPassword, ForgotPasswordPage(layout: try layout(session, context)))
        }
        router.page("POST", "/password/forgot", access: .anyone, sendLink)
        router.page("GET", "/password/reset/:token", access: .anyone) { request, session, context in
            guard let hash = PasswordResets.tokenHash(request.parameters["token"]),
                try PasswordResetStore(db: context.db).usableUser(tokenHash: hash) != nil
            else { return try invalidLink(session, context) }
            let page = ResetPasswordPage(
                layout: try context.layout(session), token: request.parameters["token"] ?? "")
            return context.page(.accountsResetPassword, page)
        }
        router.page("POST", "/password/reset/:token", access: .anyone, resetPassword)
    }

    private static func sendLink(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        let form = try request.form()
        let (email, errors) = try PasswordResets(context: context).requestLink(email: form["email"])
        guard errors.isEmpty else {
            let page = ForgotPasswordPage(
                layout: try layout(session, context), email: email, errors: context.say(errors))
            return context.page(.accountsForgotPassword, page, status: 400)
        }
        return context.page(
            .accountsForgotPassword, ForgotPasswordPage(layout: try layout(session, context), sent: true))
    }

    private static func resetPassword(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        let token = request.parameters["token"]
        // A token that cannot be a link's is refused (410) before the form is read, as on the link's page.
        guard PasswordResets.tokenHash(token) != nil else { return try invalidLink(session, context) }
        let form = try request.form()
        switch try PasswordResets(context: context).reset(
            token: token, password: form["password"], confirm: form["confirm"])
        {
        case .unusableLink: return try invalidLink(session, context)
        case .invalid(let errors):
            let page = ResetPasswordPage(
                layout: try context.layout(session), token: token ?? "",
                errors: context.say(errors))
            return context.page(.accountsResetPassword, page, status: 400)
        case .changed:
            session.signOut()
            return .redirect(to: "/login?notice=\(LoginNotice.passwordReset.rawValue)")
        }
    }

    private static func invalidLink(_ session: RequestSession, _ context: AppContext) throws -> Response {
        context.page(
            .accountsResetLinkInvalid, InvalidLinkPage(layout: try context.layout(session)),
            status: 410)
    }

    private static func layout(_ session: RequestSession, _ context: AppContext) throws -> Layout {
        try context.layout(session)
    }
}

/// Fixed messages the login page shows after a redirect (`/login?notice=…`); the query
/// only picks one, so nothing typed into a URL is ever shown.
enum LoginNotice: String {
    case passwordReset = "password-reset"

    /// The catalogue key of the notice.
    var words: String {
        switch self {
        case .passwordReset: "login.notice.password_reset"
        }
    }

    /// The notice a request asks for, if it names one, in `say`'s words.
    static func text(for request: Request, _ say: Wording) -> String? {
        request.query["notice"].flatMap(LoginNotice.init(rawValue:)).map { say($0.words) }
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
