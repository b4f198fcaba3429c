import Crypto
import MariaDB
import Web

/// Landlord sign-up, log in and log out.
enum AccountRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/signup", access: .anyone) { _, session, context in
            try context.page("accounts/signup", SignupPage(layout: context.layout("Sign up as a landlord", session)))
        }
        router.page("POST", "/signup", access: .anyone, signUpLandlord)
        router.page("GET", "/login", access: .anyone) { request, session, context in
            if session.user != nil { return .redirect(to: "/home") }
            return try context.page(
                "accounts/login",
                LoginPage(
                    layout: context.layout("Log in", session, notice: LoginNotice.text(for: request)),
                    next: safeNext(request)))
        }
        router.page("POST", "/login", access: .anyone, logIn)
        router.page("POST", "/logout", access: .anyone) { _, session, context in
            if let family = session.family { try context.sessions.revokeFamily(family) }
            session.signOut()
            return .redirect(to: "/login")
        }
        router.page("GET", "/home", access: .signedIn) { _, session, _ in
            .redirect(to: session.user?.role == .landlord ? "/landlord" : "/tenant")
        }
    }

    private static func signUpLandlord(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        let form = try request.form()
        var errors = FieldErrors()
        let name = Validate.text(form["name"], "name", limit: 120, into: &errors)
        let email = Validate.email(form["email"], into: &errors)
        let phone = Validate.phone(form["phone"], into: &errors)
        let password = Validate.newPassword(form["password"], into: &errors)
        if errors.isEmpty, try AccountStore(db: context.db).emailExists(email) {
            errors.add("email", "An account with this email exists already. Log in instead.")
        }
        guard errors.isEmpty else {
            let page = SignupPage(
                layout: try context.layout("Sign up as a landlord", session), name: name, email: email,
                phone: form["phone"] ?? "", errors: errors.messages)
            return context.page("accounts/signup", page, status: 400)
        }
        let hash = context.passwords.hash(password)
        let user: CurrentUser = try context.db.transaction {
            let accounts = AccountStore(db: context.db)
            let id = try accounts.create(
                role: .landlord, status: .active, name: name, email: email, phone: phone, passwordHash: hash)
            let composer = EmailComposer(views: context.views, config: context.config)
            try Outbox(db: context.db).enqueue(
                composer.draft(
                    "welcome", to: (name, email), subject: "Welcome to Nyumba",
                    ["loginURL": context.config.link("/login")], landlordID: id))
            guard let user = try accounts.user(id: id) else { throw HTTPError.notFound }
            return user
        }
        session.signIn(user, tokens: try context.sessions.start(for: user))
        return .redirect(to: "/landlord")
    }

    private static func logIn(_ request: Request, _ session: RequestSession, _ context: AppContext) throws -> Response {
        let form = try request.form()
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form["password"] ?? ""
        func failure(_ message: String, status: Int) throws -> Response {
            let page = LoginPage(
                layout: try context.layout("Log in", session), next: safeNext(request), email: email, error: message)
            return context.page("accounts/login", page, status: status)
        }
        let user: CurrentUser
        switch try PasswordLogin(context: context).attempt(
            email: email, password: password, address: request.remoteAddress)
        {
        case .refused(let wait): return try failure(wait, status: 429)
        case .invalid: return try failure(PasswordLogin.invalidMessage, status: 401)
        case .signedIn(let signedIn): user = signedIn
        }
        session.signIn(user, tokens: try context.sessions.start(for: user))
        return .redirect(to: safeNext(request) ?? "/home")
    }

    /// A local path to return to after logging in; anything else (another site,
    /// `//host`, a scheme) is dropped so the login form cannot redirect elsewhere.
    static func safeNext(_ request: Request) -> String? {
        let next = (try? request.form())?["next"] ?? request.query["next"]
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.contains(where: { $0.isNewline || $0 == "\0" })
        else { return nil }
        return next
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
