import Foundation
import MariaDB

/// A property as a tenant signing up may learn of it: found by its code or invite
/// token only, never listed.
struct JoinableProperty {
    let id: PropertyID
    let name: String
    let inviteToken: String
    let landlordID: UserID
    let landlordName: String
    let landlordEmail: String

    init(row: Row) throws {
        id = PropertyID(try row.int64("id"))
        name = try row.string("name")
        inviteToken = try row.string("invite_token")
        landlordID = UserID(try row.int64("landlord_id"))
        landlordName = try row.string("landlord_name")
        landlordEmail = try row.string("landlord_email")
    }
}

/// The SQL of tenant sign-up.
struct TenancyStore {
    let db: Connection

    private static let joinable = """
        SELECT p.id, p.name, p.invite_token, p.landlord_id, l.name AS landlord_name, l.email AS landlord_email
        FROM properties p JOIN users l ON l.id = p.landlord_id
        """

    /// The property with this code (already normalised), if any.
    func property(code: String) throws -> JoinableProperty? {
        guard code.count == PropertyCode.length else { return nil }
        return try db.queryOne("\(Self.joinable) WHERE p.code = ?", code).map(JoinableProperty.init)
    }

    /// The property of an invite token; compared byte for byte, since the column's collation ignores case.
    func property(inviteToken token: String) throws -> JoinableProperty? {
        guard token.count == 22 else { return nil }
        return try db.queryOne(
            "\(Self.joinable) WHERE p.invite_token = ? AND BINARY p.invite_token = ?", token, token
        ).map(JoinableProperty.init)
    }

    /// Records the tenant's request to join a property (call inside a transaction).
    func requestTenancy(tenant: UserID, property: JoinableProperty, unit: String?, versions: LandlordDataVersions)
        throws
    {
        try db.execute(
            """
            INSERT INTO tenancy_requests (tenant_id, property_id, requested_unit, status, created_at)
            VALUES (?, ?, ?, 'pending', UTC_TIMESTAMP(6))
            """, tenant.raw, property.id.raw, unit)
        // The landlord's count of waiting tenants changed.
        versions.landlordChanged(property.landlordID, on: db)
    }
}
