/// Tells a tenant their landlord approved them, with the lease's terms (email and SMS).
struct TenantApproved: NoticeModel {
    static let kind = NoticeKind.tenantApproved
    let propertyName: String
    let unit: String
    let rent: Figure
    let dueDay: Figure
    let startDate: Figure
    let loginURL: String

    /// The notice to the tenant of `request`, approved into `unit` on `terms`.
    static func notice(
        _ request: TenancyRequest, unit: UnitChoice, terms: LeaseTerms, landlord: UserID, _ config: Config
    ) -> Notice<TenantApproved> {
        Notice(
            recipient: request.tenant,
            model: TenantApproved(
                propertyName: request.propertyName, unit: unit.label, rent: .money(terms.monthlyRent),
                dueDay: .dayOfMonth(terms.dueDay),
                startDate: CalendarDay(iso: terms.startDate).map(Figure.day) ?? .words(terms.startDate),
                loginURL: config.link("/login")),
            landlordID: landlord)
    }
}

/// Tells a tenant their landlord declined them, with the reason if one was given.
struct TenantRejected: NoticeModel {
    static let kind = NoticeKind.tenantRejected
    let propertyName: String
    let reason: String?

    static func notice(_ request: TenancyRequest, reason: String?, landlord: UserID) -> Notice<TenantRejected> {
        Notice(
            recipient: request.tenant, model: TenantRejected(propertyName: request.propertyName, reason: reason),
            landlordID: landlord)
    }
}

extension TenancyRequest {
    /// The tenant who asked, as a notice's recipient.
    var tenant: NoticeRecipient { NoticeRecipient(userID: tenantID, name: tenantName, email: tenantEmail) }
}
