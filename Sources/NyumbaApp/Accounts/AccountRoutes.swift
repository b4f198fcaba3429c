import Web

/// Landlord sign-up, log in and log out.
enum AccountRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/signup", access: .guest) { _, session, context in
            try context.page(.accountsSignup, SignupPage(layout: context.layout(session)))
        }
        router.page("POST", "/signup", access: .guest, signUpLandlord)
        router.page("GET", "/login", access: .guest) { request, session, context in
            try context.page(
                .accountsLogin,
                LoginPage(
                    layout: context.layout(session, notice: LoginNotice.text(for: request, context.say)),
                    next: safeNext(request)))
        }
        router.page("POST", "/login", access: .anyone, logIn)
        router.page("POST", "/logout", access: .anyone) { _, session, context in
            if let family = session.family { try context.sessions.revokeFamily(family) }
            session.signOut()
            return .redirect(to: "/login")
        }
        router.page("GET", "/home", access: .signedIn) { _, session, _ in
            .redirect(to: session.user?.homePath ?? "/login")
        }
    }

    private static func signUpLandlord(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        let form = try request.form()
        switch try LandlordSignup(context: context).signUp(form) {
        case .invalid(let errors, let typed):
            let page = SignupPage(
                layout: try context.layout(session), name: typed.name, email: typed.email,
                phone: form["phone"] ?? "", errors: context.say(errors))
            return context.page(.accountsSignup, page, status: 400)
        case .created(let user):
            session.signIn(user, tokens: try context.sessions.start(for: user))
            session.rememberDevice(.make(for: user.id), key: context.sessions.key)
            return .redirect(to: "/landlord")
        }
    }

    private static func logIn(_ request: Request, _ session: RequestSession, _ context: AppContext) throws -> Response {
        let form = try request.form()
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form["password"] ?? ""
        func failure(_ message: String, status: Int) throws -> Response {
            let page = LoginPage(
                layout: try context.layout(session), next: safeNext(request), email: email, error: message)
            return context.page(.accountsLogin, page, status: status)
        }
        let user: CurrentUser
        switch try PasswordLogin(context: context).attempt(
            email: email, password: password, address: request.remoteAddress,
            device: request.cookies[DeviceKey.cookieName])
        {
        case .refused(let wait): return try failure(context.say(wait), status: 429)
        case .invalid: return try failure(context.say(PasswordLogin.invalidMessage), status: 401)
        case .signedIn(let signedIn, let device):
            user = signedIn
            session.rememberDevice(device, key: context.sessions.key)
        }
        session.signIn(user, tokens: try context.sessions.start(for: user))
        return .redirect(to: safeNext(request) ?? "/home")
    }

    /// A local path to return to after logging in; anything else (another site, `//host`,
    /// `/\\host`, a tab or newline, a scheme, an escape hiding one of these) is dropped, so
    /// the login form cannot redirect elsewhere and the person goes home instead.
    static func safeNext(_ request: Request) -> String? {
        let next = (try? request.form())?["next"] ?? request.query["next"]
        return next.flatMap(LocalRedirect.path)
    }
}

/// The view model of `accounts/signup.mustache`.
struct SignupPage {
    let layout: Layout
    var name = ""
    var email = ""
    var phone = ""
    var errors: [String: String] = [:]
}

/// The view model of `accounts/login.mustache`.
struct LoginPage {
    let layout: Layout
    var next: String? = nil
    var email = ""
    var error: String? = nil
}
