import Web

/// Tenant sign-up, by invite link or by property code. Anonymous visitors learn the name
/// of a property only from its invite link, and never see a list of properties.
enum TenantSignupRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/signup/tenant", access: .guest) { request, session, context in
            let code = PropertyCode.normalize(request.query["code"] ?? "")
            let page = TenantSignupPage(layout: try context.layout(session), code: String(code.prefix(12)))
            return context.page(.tenancySignup, page)
        }
        router.page("GET", "/join/:token", access: .guest) { request, session, context in
            guard let token = request.parameters["token"],
                let property = try TenancyStore(db: context.db).property(inviteToken: token)
            else { throw HTTPError.notFound }
            let page = TenantSignupPage(
                layout: try context.layout(session), inviteToken: property.inviteToken,
                propertyName: property.name)
            return context.page(.tenancySignup, page)
        }
        router.page("POST", "/signup/tenant", access: .guest, signUpTenant)
    }

    private static func signUpTenant(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        let form = try request.form()
        switch try TenantSignup(context: context).signUp(form) {
        // The token came from our own link; a forged one finds nothing.
        case .unknownInvite: throw HTTPError.notFound
        case .invalid(let errors, let invited):
            var page = TenantSignupPage(layout: try context.layout(session))
            if let invited {
                page.inviteToken = invited.inviteToken
                page.propertyName = invited.name
            } else {
                page.code = form["code"] ?? ""
            }
            page.name = form["name"] ?? ""
            page.email = form["email"] ?? ""
            page.phone = form["phone"] ?? ""
            page.unit = form["unit"] ?? ""
            page.errors = context.say(errors)
            return context.page(.tenancySignup, page, status: 400)
        case .created(let user):
            session.signIn(user, tokens: try context.sessions.start(for: user))
            session.rememberDevice(.make(for: user.id), key: context.sessions.key)
            return .redirect(to: "/tenant")
        }
    }
}
