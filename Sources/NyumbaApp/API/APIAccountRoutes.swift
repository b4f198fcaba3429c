import Web

/// Sign-up (a landlord; a tenant by invite token or property code), password reset by
/// email, and changing the password while signed in: the pages' checks, words and emails.
enum APIAccountRoutes {
    /// What sign-up answers: the new user, signed in at once as on the sign-up pages.
    struct SignedUp: Encodable {
        let user: APIUser
        let access: String
        let refresh: String
    }

    /// A request taken in whose outcome is not told (password reset).
    struct Accepted: Encodable {
        let detail: String
    }

    /// What a password reset answers.
    struct PasswordReset: Encodable {
        let passwordChanged = true
    }

    static let unusableLink = Words("api.error.reset_link")
    static let unknownInvite = Words("api.error.invite")

    static func register(in router: inout Router<AppContext>) {
        router.api("POST", "/auth/signup/landlord", access: .anyone) { request, _, context in
            let body = try APIBody(request)
            switch try LandlordSignup(context: context).signUp(body.form) {
            case .invalid(let errors, _): throw APIError.validation(body.fields(errors))
            case .created(let user): return try signedUp(user, context)
            }
        }
        router.api("POST", "/auth/signup/tenant", access: .anyone) { request, _, context in
            let body = try APIBody(request)
            switch try TenantSignup(context: context).signUp(body.form) {
            case .invalid(let errors, _): throw APIError.validation(body.fields(errors))
            case .unknownInvite: throw APIError.validation(["invite": unknownInvite])
            case .created(let user): return try signedUp(user, context)
            }
        }
        router.api("POST", "/auth/password/reset", access: .anyone) { request, _, context in
            let body = try APIBody(request)
            try body.check(try PasswordResets(context: context).requestLink(email: body["email"]).errors)
            return APIJSON.response(Accepted(detail: context.text("forgot.sent")), status: 202)
        }
        router.api("POST", "/auth/password/reset/confirm", access: .anyone) { request, _, context in
            let body = try APIBody(request)
            // A mobile form checks its own "repeat the password" field: the API takes one.
            switch try PasswordResets(context: context).reset(
                token: body["token"], password: body["password"], confirm: body["password"])
            {
            case .unusableLink: throw APIError.validation(["token": unusableLink])
            case .invalid(let errors): throw APIError.validation(body.fields(errors))
            case .changed: return APIJSON.response(PasswordReset())
            }
        }
        router.api("POST", "/me/password", access: .signedIn) { request, caller, context in
            let user = try caller.required()
            let body = try APIBody(request, renaming: ["current_password": "current", "new_password": "password"])
            switch try PasswordChange(context: context).change(
                for: user, family: caller.family, current: body["current_password"], password: body["new_password"],
                confirm: body["new_password"], address: request.remoteAddress)
            {
            case .refused(let wait, _):
                throw APIError.tooManyRequests(wait)
            case .invalid(let errors): throw APIError.validation(body.fields(errors))
            case .changed(let reloaded):
                // Every login was signed out, this one too: the caller continues with a new pair.
                guard let reloaded else { throw APIError.unauthorized }
                let tokens = try context.sessions.start(for: reloaded)
                return APIJSON.response(APIAuthRoutes.TokenPair(access: tokens.access, refresh: tokens.refresh))
            }
        }
    }

    /// 201 with the user and a token pair, as `/auth/token` would give right after.
    private static func signedUp(_ user: CurrentUser, _ context: AppContext) throws -> Response {
        let tokens = try context.sessions.start(for: user)
        var response = APIJSON.response(
            SignedUp(user: APIUser(user), access: tokens.access, refresh: tokens.refresh), status: 201)
        response.setHeader("Location", "/api/v1/me")
        return response
    }
}
