import Web

/// An API handler: the request, who calls, and the worker's context.
typealias APIHandler = @Sendable (Request, APICaller, AppContext) throws -> Response

extension Router where Context == AppContext {
    /// Adds a `/api/v1` route: authenticates `Authorization: Bearer <access>` or, without
    /// that header, the browser's cookies (then unsafe methods need `X-CSRF-Token`);
    /// 401 without valid credentials, 403 `pending_approval` for a tenant not yet approved,
    /// 404 for the wrong kind of user, as the pages do.
    mutating func api(_ method: String, _ path: String, access: Access, _ handler: @escaping APIHandler) {
        add(method, "/api/v1" + path) { request, context in
            if let header = request.headers["authorization"] {
                guard let token = APICaller.bearerToken(header),
                    let (user, family) = try context.sessions.user(fromAccess: token)
                else { throw APIError.unauthorized }
                let caller = APICaller(user: user, family: family, viaBearer: true)
                return try APIRoutes.guarded(access, request, caller, context, handler)
            }
            let hasCookies =
                request.cookies[RequestSession.accessCookie] != nil
                || request.cookies[RequestSession.refreshCookie] != nil
            guard access != .anyone, hasCookies else {
                return try APIRoutes.guarded(access, request, .anonymous, context, handler)
            }
            let session = try context.session(for: request)
            var response = try session.keepingCookies {
                if method != "GET", session.user != nil, !session.acceptsCSRF(request.headers["x-csrf-token"]) {
                    throw APIError.csrf
                }
                let caller = APICaller(user: session.user, family: session.family, viaBearer: false)
                return try APIRoutes.guarded(access, request, caller, context, handler)
            }
            session.apply(to: &response)
            return response
        }
    }
}

/// The API's routes and the checks every one of them shares.
enum APIRoutes {
    /// Registers every `/api/v1` route.
    static func register(in router: inout Router<AppContext>, config: Config) {
        APIDocumentRoutes.register(in: &router, config: config)
        APIAuthRoutes.register(in: &router)
        APIAccountRoutes.register(in: &router)
        APITenantRoutes.register(in: &router)
        APIPropertyRoutes.register(in: &router)
        APIApprovalRoutes.register(in: &router)
        APILandlordPaymentRoutes.register(in: &router)
        APIUnmatchedPaymentRoutes.register(in: &router)
        APIDashboardRoutes.register(in: &router)
        APIReminderRoutes.register(in: &router)
        APISMSRoutes.register(in: &router)
        APIMessageRoutes.register(in: &router)
        APINotificationRoutes.register(in: &router)
        APIMpesaRoutes.register(in: &router)
    }

    static func guarded(
        _ access: Access, _ request: Request, _ caller: APICaller, _ context: AppContext, _ handler: APIHandler
    ) throws -> Response {
        // The caller's words (errors included) are in the language on their account, else the browser's.
        if let chosen = caller.user?.language.flatMap(Language.init(rawValue:)) { context.language = chosen }
        var response: Response
        switch access.decide(caller.user) {
        case .allowed: response = try handler(request, caller, context)
        case .signIn: throw APIError.unauthorized
        case .waitingForApproval: throw APIError.pendingApproval
        case .notFound, .home: throw APIError.notFound
        }
        response.setHeader("Cache-Control", "no-store")
        return response
    }
}
