import Web

/// Tokens like simple-jwt: a pair for an email and password, a rotated pair for a refresh
/// token (the same pair again within `Sessions.reuseGrace`; reuse of a rotated one after
/// that revokes its login), and logout.
enum APIAuthRoutes {
    /// `{"access", "refresh"}`.
    struct TokenPair: Encodable {
        let access: String
        let refresh: String
    }

    /// What `/auth/token` answers: the pair and the device key to send as `X-Device-Key`
    /// on later sign-ins, so that other people's failures do not lock this client out.
    struct SignedIn: Encodable {
        let access: String
        let refresh: String
        let deviceKey: String
    }

    /// What `/auth/logout` answers.
    struct LoggedOut: Encodable {
        let loggedOut = true
    }

    static func register(in router: inout Router<AppContext>) {
        router.api("POST", "/auth/token", access: .anyone) { request, _, context in
            let body = try APIBody(request)
            var errors = FieldErrors()
            let email = body["email"] ?? ""
            let password = body["password"] ?? ""
            if email.isEmpty { errors.add("email", "form.required") }
            if password.isEmpty { errors.add("password", "form.required") }
            try body.check(errors)
            switch try PasswordLogin(context: context).attempt(
                email: email, password: password, address: request.remoteAddress,
                device: request.headers[DeviceKey.headerName])
            {
            case .refused(let wait):
                throw APIError.tooManyRequests(wait)
            case .invalid:
                throw APIError(status: 401, code: "unauthorized", message: PasswordLogin.invalidMessage)
            case .signedIn(let user, let device):
                let tokens = try context.sessions.start(for: user)
                return APIJSON.response(
                    SignedIn(
                        access: tokens.access, refresh: tokens.refresh,
                        deviceKey: device.value(key: context.sessions.key)))
            }
        }
        router.api("POST", "/auth/token/refresh", access: .anyone) { request, _, context in
            let token = try refreshToken(request)
            switch try context.sessions.refresh(token) {
            case .renewed(_, let tokens):
                return APIJSON.response(TokenPair(access: tokens.access, refresh: tokens.refresh))
            case .invalid:
                throw APIError(status: 401, code: "unauthorized", message: "api.error.refresh_invalid")
            }
        }
        router.api("POST", "/auth/logout", access: .anyone) { request, _, context in
            let token = try refreshToken(request)
            if let family = context.sessions.family(ofRefresh: token) { try context.sessions.revokeFamily(family) }
            return APIJSON.response(LoggedOut())
        }
    }

    private static func refreshToken(_ request: Request) throws -> String {
        let body = try APIBody(request)
        guard let token = body["refresh"], !token.isEmpty else {
            throw APIError.validation(["refresh": Words("form.required")])
        }
        return token
    }
}
