import Web

/// Changing the password while signed in: every other session is signed out, this one
/// continues with a fresh token family.
enum PasswordChangeRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/account/password", access: .signedIn) { request, session, context in
            let notice =
                request.query["changed"] == "1"
                ? context.say("account.password_changed") : nil
            let layout = try context.layout(session, notice: notice)
            return context.page(.accountsChangePassword, ChangePasswordPage(layout: layout))
        }
        router.page("POST", "/account/password", access: .signedIn, changePassword)
    }

    private static func changePassword(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        guard let user = session.user else { return .redirect(to: "/login") }
        let form = try request.form()
        switch try PasswordChange(context: context).change(
            for: user, family: session.family, current: form["current"], password: form["password"],
            confirm: form["confirm"],
            address: request.remoteAddress)
        {
        case .refused(_, let errors), .invalid(let errors):
            let page = ChangePasswordPage(
                layout: try context.layout(session), errors: context.say(errors))
            return context.page(.accountsChangePassword, page, status: 400)
        case .changed(let reloaded):
            guard let reloaded else { return .redirect(to: "/login") }
            session.signIn(reloaded, tokens: try context.sessions.start(for: reloaded))
            return .redirect(to: "/account/password?changed=1")
        }
    }
}

/// The view model of `accounts/change_password.mustache`.
struct ChangePasswordPage {
    let layout: Layout
    var errors: [String: String] = [:]
}
