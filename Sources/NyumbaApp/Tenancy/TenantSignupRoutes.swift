import MariaDB
import Web

/// Tenant sign-up, by invite link or by property code. Anonymous visitors learn the name
/// of a property only from its invite link, and never see a list of properties.
enum TenantSignupRoutes {
    static let title = "Sign up as a tenant"

    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/signup/tenant", access: .anyone) { request, session, context in
            let code = PropertyCode.normalize(request.query["code"] ?? "")
            let page = TenantSignupPage(layout: try context.layout(title, session), code: String(code.prefix(12)))
            return context.page("tenancy/signup", page)
        }
        router.page("GET", "/join/:token", access: .anyone) { request, session, context in
            guard let token = request.parameters["token"],
                let property = try TenancyStore(db: context.db).property(inviteToken: token)
            else { throw HTTPError.notFound }
            let page = TenantSignupPage(
                layout: try context.layout(title, session), inviteToken: property.inviteToken,
                propertyName: property.name)
            return context.page("tenancy/signup", page)
        }
        router.page("POST", "/signup/tenant", access: .anyone, signUpTenant)
    }

    private static func signUpTenant(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        let form = try request.form()
        let store = TenancyStore(db: context.db)
        var errors = FieldErrors()
        var page = TenantSignupPage(layout: try context.layout(title, session))
        var property: JoinableProperty?
        if let token = form["invite"], !token.isEmpty {
            // The token came from our own link; a forged one finds nothing.
            guard let invited = try store.property(inviteToken: token) else { throw HTTPError.notFound }
            property = invited
            page.inviteToken = invited.inviteToken
            page.propertyName = invited.name
        } else {
            let code = PropertyCode.normalize(form["code"] ?? "")
            page.code = form["code"] ?? ""
            if code.isEmpty {
                errors.add("code", "Enter the property code your landlord gave you.")
            } else {
                property = try store.property(code: code)
                if property == nil { errors.add("code", "No property has this code. Check it with your landlord.") }
            }
        }
        let name = Validate.text(form["name"], "name", limit: 120, into: &errors)
        let email = Validate.email(form["email"], into: &errors)
        let phone = Validate.phone(form["phone"], into: &errors)
        let password = Validate.newPassword(form["password"], into: &errors)
        let unit = optionalUnit(form["unit"], into: &errors)
        if errors.isEmpty, try AccountStore(db: context.db).emailExists(email) {
            errors.add("email", "An account with this email exists already. Log in instead.")
        }
        page.name = form["name"] ?? ""
        page.email = form["email"] ?? ""
        page.phone = form["phone"] ?? ""
        page.unit = form["unit"] ?? ""
        guard errors.isEmpty, let property else {
            page.errors = errors.messages
            return context.page("tenancy/signup", page, status: 400)
        }
        let tenant = NewTenant(name: name, email: email, phone: phone, unit: unit)
        do {
            let user = try createTenant(tenant, passwordHash: context.passwords.hash(password), property, context)
            session.signIn(user, tokens: try context.sessions.start(for: user))
            return .redirect(to: "/tenant")
        } catch let error as DatabaseError where error.isDuplicateKey {
            // Another sign-up with this email won the race.
            page.errors = ["email": "An account with this email exists already. Log in instead."]
            return context.page("tenancy/signup", page, status: 400)
        }
    }

    /// The unit a tenant thinks they are in: optional, at most 12 characters.
    private static func optionalUnit(_ value: String?, into errors: inout FieldErrors) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        return Validate.text(trimmed, "unit", limit: 12, into: &errors)
    }

    /// What the tenant typed, checked.
    private struct NewTenant {
        let name: String
        let email: String
        let phone: String
        let unit: String?
    }

    /// The pending account, its request, the landlord's notification and both emails, together.
    private static func createTenant(
        _ tenant: NewTenant, passwordHash: String, _ property: JoinableProperty, _ context: AppContext
    ) throws -> CurrentUser {
        try context.db.transaction {
            let accounts = AccountStore(db: context.db)
            let id = try accounts.create(
                role: .tenant, status: .pending, name: tenant.name, email: tenant.email, phone: tenant.phone,
                passwordHash: passwordHash)
            try TenancyStore(db: context.db).requestTenancy(
                tenant: id, tenantName: tenant.name, property: property, unit: tenant.unit)
            var pending: [String: Any] = ["propertyName": property.name, "loginURL": context.config.link("/login")]
            var signup: [String: Any] = [
                "tenantName": tenant.name, "tenantEmail": tenant.email, "tenantPhone": tenant.phone,
                "propertyName": property.name, "notificationsURL": context.config.link("/landlord/notifications"),
            ]
            if let unit = tenant.unit {
                pending["unit"] = unit
                signup["unit"] = unit
            }
            let composer = EmailComposer(views: context.views, config: context.config)
            let outbox = Outbox(db: context.db)
            try outbox.enqueue(
                composer.draft(
                    "tenant_pending", to: (tenant.name, tenant.email),
                    subject: "We received your sign-up: wait for your landlord's approval", pending,
                    landlordID: property.landlordID))
            try outbox.enqueue(
                composer.draft(
                    "tenant_signup", to: (property.landlordName, property.landlordEmail),
                    subject: "New tenant waiting for your approval", signup, landlordID: property.landlordID))
            guard let user = try accounts.user(id: id) else { throw HTTPError.notFound }
            return user
        }
    }
}
