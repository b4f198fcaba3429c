import Foundation
import MariaDB

/// A tenancy request's id; distinct from other ids so that they cannot be mixed up.
struct TenancyRequestID: RowID {
    let raw: Int64
    init(_ raw: Int64) { self.raw = raw }
}

/// A tenant's request as their landlord sees it.
struct TenancyRequest {
    let id: TenancyRequestID
    let status: String
    let tenantID: UserID
    let tenantName: String
    let tenantEmail: String
    let tenantPhone: String
    let propertyID: PropertyID
    let propertyName: String
    let requestedUnit: String?
    let createdAt: Date

    static let select = """
        SELECT r.id, r.status, r.tenant_id, t.name AS tenant_name, t.email AS tenant_email, t.phone AS tenant_phone,
               r.property_id, p.name AS property_name, r.requested_unit, r.created_at
        FROM tenancy_requests r JOIN properties p ON p.id = r.property_id JOIN users t ON t.id = r.tenant_id
        """

    init(row: Row) throws {
        id = TenancyRequestID(try row.int64("id"))
        status = try row.string("status")
        tenantID = UserID(try row.int64("tenant_id"))
        tenantName = try row.string("tenant_name")
        tenantEmail = try row.string("tenant_email")
        tenantPhone = try row.string("tenant_phone")
        propertyID = PropertyID(try row.int64("property_id"))
        propertyName = try row.string("property_name")
        requestedUnit = try row.optionalString("requested_unit")
        createdAt = try row.date("created_at")
    }
}

/// A unit offered when approving a tenant.
struct UnitChoice {
    let id: UnitID
    let label: String
    let monthlyRent: Int
    let isVacant: Bool
}

/// A line of the landlord's recent notifications: its kind and parameters, put into words when shown.
struct LandlordNotification {
    let kind: String
    /// The words lines written before notifications kept their parameters were stored with.
    let storedMessage: String?
    /// Nil for such an older line.
    let parameters: [String: Any]?
    let link: String?
    let createdAt: Date

    /// The line in `language`.
    func message(_ renderer: NoticeRenderer, language: Language) -> String {
        guard let parameters, let kind = NoticeKind(rawValue: kind), kind.channels.contains(.notification) else {
            return storedMessage ?? ""
        }
        return renderer.notification(kind, parameters: parameters, language: language)
    }
}

/// What the landlord decided to let a tenant in on.
struct LeaseTerms {
    let unit: UnitID
    let monthlyRent: Int
    let startDate: String
    let dueDay: Int
    /// The deposit the landlord typed; nil for the property's default.
    var deposit: Int? = nil
}
