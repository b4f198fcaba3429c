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
                        throw HTTPError.forbidden("This form has expired. Go back, reload the page and try again.")
                    }
                }
                return try Self.guarded(access, request, session, context, handler)
            }
            session.apply(to: &response)
            return response
        }
    }

    private static func guarded(
        _ access: Access, _ request: Request, _ session: RequestSession, _ context: AppContext,
        _ handler: PageHandler
    ) throws -> Response {
        if access == .anyone { return try handler(request, session, context) }
        if access == .guest {
            if let user = session.user { return .redirect(to: user.homePath) }
            return try handler(request, session, context)
        }
        guard let user = session.user else {
            let next = request.method == "GET" ? "?next=\(URLEncoding.encode(request.path))" : ""
            return .redirect(to: "/login\(next)")
        }
        if user.isWaitingForApproval && access != .signedIn {
            return try WaitingRoutes.waitingPage(session, context)
        }
        switch access {
        case .landlord where user.role != .landlord, .tenant where user.role != .tenant:
            throw HTTPError.notFound
        default:
            return try handler(request, session, context)
        }
    }
}
