/// Tells a tenant who signed up that their landlord must approve them first.
struct SignupPending: NoticeModel {
    static let kind = NoticeKind.tenantPending
    let propertyName: String
    let unit: String?
    let loginURL: String
}

/// Tells a landlord that a tenant signed up and waits for approval (email, SMS, notifications tab).
struct TenantSignedUp: NoticeModel {
    static let kind = NoticeKind.tenantSignup
    let tenantName: String
    let tenantEmail: String
    let tenantPhone: String
    let propertyName: String
    let unit: String?
    let notificationsURL: String
}
