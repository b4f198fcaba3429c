import Web

/// Who may use a route.
enum Access {
    /// Anyone, signed in or not.
    case anyone
    /// Someone not signed in (the front page, log in, sign-up): a signed-in person is sent home.
    case guest
    /// Any signed-in user, including a tenant still waiting for approval.
    case signedIn
    /// A landlord.
    case landlord
    /// An approved tenant.
    case tenant

    /// What the rule says of `user`: the one access check of pages and the API, which each answer a
    /// refusal in their own way.
    func decide(_ user: CurrentUser?) -> AccessDecision {
        if self == .anyone { return .allowed }
        if self == .guest { return user.map { .home($0.homePath) } ?? .allowed }
        guard let user else { return .signIn }
        if user.isWaitingForApproval && self != .signedIn { return .waitingForApproval }
        switch self {
        case .landlord where user.role != .landlord, .tenant where user.role != .tenant: return .notFound
        default: return .allowed
        }
    }
}

/// The outcome of an access check.
enum AccessDecision {
    case allowed
    /// Nobody is signed in.
    case signIn
    /// A tenant whose landlord has not approved them yet.
    case waitingForApproval
    /// The wrong kind of user: they learn nothing about what is there.
    case notFound
    /// A signed-in person on a page for guests: sent to their own home.
    case home(String)
}

/// A signed-in landlord, guaranteed to a handler added with `router.landlord`.
struct SignedInLandlord {
    let user: CurrentUser
    /// The request's session (for the layout and its forms).
    let session: RequestSession

    var id: UserID { user.id }
}

/// An approved tenant, guaranteed to a handler added with `router.tenant`.
struct SignedInTenant {
    let user: CurrentUser
    let session: RequestSession

    var id: UserID { user.id }
}

/// A page handler: the request, its session, and the worker's context.
typealias PageHandler = @Sendable (Request, RequestSession, AppContext) throws -> Response

extension Router where Context == AppContext {
    /// Adds a browser route: resolves the session, refuses a POST without a valid CSRF
    /// token (403, nothing changed), enforces `access`, and sets the session's cookies.
    /// A user of the wrong kind gets 404: they learn nothing about what is there.
    mutating func page(_ method: String, _ path: String, access: Access, _ handler: @escaping PageHandler) {
        add(method, path) { request, context in
            let session = try context.session(for: request)
            // Whatever happens next, the response carries the session's cookies (see keepingCookies).
            var response = try session.keepingCookies {
                if method != "GET" {
                    // A body that is not a well-formed form is a bad request (400), refused before anything runs.
                    let sent =
                        try request.headers["x-csrf-token"] ?? (request.body.isEmpty ? nil : request.form()["_csrf"])
                    guard session.acceptsCSRF(sent) else {
                        throw HTTPError.forbidden("error.form_expired")
                    }
                }
                return try Self.guarded(access, request, session, context, handler)
            }
            session.apply(to: &response)
            return response
        }
    }

    /// Adds a landlord's page: the handler runs only for a signed-in landlord.
    mutating func landlord(
        _ method: String, _ path: String,
        _ handler: @escaping @Sendable (Request, SignedInLandlord, AppContext) throws -> Response
    ) {
        page(method, path, access: .landlord) { request, session, context in
            guard let user = session.user else { throw HTTPError.notFound }
            return try handler(request, SignedInLandlord(user: user, session: session), context)
        }
    }

    /// Adds an approved tenant's page: the handler runs only for one.
    mutating func tenant(
        _ method: String, _ path: String,
        _ handler: @escaping @Sendable (Request, SignedInTenant, AppContext) throws -> Response
    ) {
        page(method, path, access: .tenant) { request, session, context in
            guard let user = session.user else { throw HTTPError.notFound }
            return try handler(request, SignedInTenant(user: user, session: session), context)
        }
    }

    private static func guarded(
        _ access: Access, _ request: Request, _ session: RequestSession, _ context: AppContext,
        _ handler: PageHandler
    ) throws -> Response {
        switch access.decide(session.user) {
        case .allowed: return try handler(request, session, context)
        case .signIn:
            let next = request.method == "GET" ? "?next=\(URLEncoding.encode(request.path))" : ""
            return .redirect(to: "/login\(next)")
        case .waitingForApproval: return try context.hooks.waitingPage(session, context)
        case .notFound: throw HTTPError.notFound
        case .home(let path): return .redirect(to: path)
        }
    }
}
