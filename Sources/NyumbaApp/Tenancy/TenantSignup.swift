import MariaDB
import Web

/// Tenant sign-up by invite token or property code, for the sign-up page and the API alike:
/// the same checks and words, then a pending account, its tenancy request, the landlord's
/// notification and both emails, together.
struct TenantSignup {
    /// What came of one sign-up.
    enum Outcome {
        case created(CurrentUser)
        /// The field errors, and the property of a valid invite token (the form names it again).
        case invalid(FieldErrors, invited: JoinableProperty?)
        /// An invite token that no property has (a forged or stale link).
        case unknownInvite
    }

    let context: AppContext

    /// Checks `invite` or `code`, `name`, `email`, `phone`, `password` and the optional `unit`.
    func signUp(_ form: FormData) throws -> Outcome {
        let store = TenancyStore(db: context.db)
        var errors = FieldErrors()
        var property: JoinableProperty?
        var invited: JoinableProperty?
        if let token = form["invite"], !token.isEmpty {
            guard let found = try store.property(inviteToken: token) else { return .unknownInvite }
            (property, invited) = (found, found)
        } else {
            let code = PropertyCode.normalize(form["code"] ?? "")
            if code.isEmpty {
                errors.add("code", "tenancy.code_required")
            } else {
                property = try store.property(code: code)
                if property == nil { errors.add("code", "tenancy.code_unknown") }
            }
        }
        let name = Validate.text(form["name"], "name", limit: 120, into: &errors)
        let email = Validate.email(form["email"], into: &errors)
        let phone = Validate.phone(form["phone"], into: &errors)
        let password = Validate.newPassword(form["password"], into: &errors)
        let unit = Self.optionalUnit(form["unit"], into: &errors)
        if errors.isEmpty, try AccountStore(db: context.db).emailExists(email) {
            errors.add("email", LandlordSignup.emailTaken)
        }
        guard errors.isEmpty, let property else { return .invalid(errors, invited: invited) }
        let tenant = NewTenant(
            name: name, email: email, phone: phone, unit: unit,
            language: Language.chosen(in: form) ?? context.language)
        do {
            return .created(try create(tenant, passwordHash: context.passwords.hash(password), property))
        } catch let error as DatabaseError where error.isDuplicateKey {
            // Another sign-up with this email won the race.
            errors.add("email", LandlordSignup.emailTaken)
            return .invalid(errors, invited: invited)
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
        let language: Language
    }

    /// The pending account, its request, the landlord's notification and both emails, together.
    private func create(_ tenant: NewTenant, passwordHash: String, _ property: JoinableProperty) throws -> CurrentUser {
        try context.db.transaction {
            let accounts = AccountStore(db: context.db)
            let id = try accounts.create(
                role: .tenant, status: .pending, name: tenant.name, email: tenant.email, phone: tenant.phone,
                passwordHash: passwordHash, language: tenant.language)
            try TenancyStore(db: context.db).requestTenancy(
                tenant: id, property: property, unit: tenant.unit, versions: context.versions)
            let config = context.config
            try context.notifier.send(
                Notice(
                    recipient: NoticeRecipient(userID: id, name: tenant.name, email: tenant.email),
                    model: SignupPending(
                        propertyName: property.name, unit: tenant.unit, loginURL: config.link("/login")),
                    landlordID: property.landlordID))
            try context.notifier.send(
                Notice(
                    recipient: NoticeRecipient(
                        userID: property.landlordID, name: property.landlordName, email: property.landlordEmail),
                    model: TenantSignedUp(
                        tenantName: tenant.name, tenantEmail: tenant.email, tenantPhone: tenant.phone,
                        propertyName: property.name, unit: tenant.unit,
                        notificationsURL: config.link("/landlord/notifications")),
                    landlordID: property.landlordID, link: "/landlord/notifications"))
            guard let user = try UserStore(db: context.db).user(id: id) else { throw HTTPError.notFound }
            return user
        }
    }
}
