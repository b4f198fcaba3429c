import MariaDB

/// A user's id; distinct from other ids so that they cannot be mixed up.
public struct UserID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let raw: Int64
    public init(_ raw: Int64) { self.raw = raw }
    public var description: String { String(raw) }
}

/// What a user is to the product.
public enum Role: String, Sendable, Codable {
    case landlord
    case tenant
}

/// Where an account stands: landlords are active at once, tenants wait for approval.
public enum AccountStatus: String, Sendable, Codable {
    case active
    case pending
    case rejected
}

/// The signed-in user, as every handler sees it.
public struct CurrentUser: Sendable, Codable {
    public let id: UserID
    public let role: Role
    public let status: AccountStatus
    public let name: String
    public let email: String
    public let phone: String
    /// Raised to sign out every session at once.
    public let tokenVersion: Int
    /// The landlords of every lease a tenant has had (none for a landlord). Only an approval adds
    /// one, and it invalidates the tenant in the auth-state cache.
    public let leaseLandlords: [UserID]
    /// The language the person chose (`en`, `sw`); nil until they choose one.
    public let language: String?

    /// A tenant whose landlord has not approved them yet sees only the waiting page.
    public var isWaitingForApproval: Bool { role == .tenant && status != .active }
    /// Where this person starts: the landlord's dashboard or the tenant's home (which shows
    /// a tenant still waiting for approval the waiting page).
    public var homePath: String { role == .landlord ? "/landlord" : "/tenant" }

    init(row: Row) throws {
        id = UserID(try row.int64("id"))
        role = Role(rawValue: try row.string("role")) ?? .tenant
        status = AccountStatus(rawValue: try row.string("status")) ?? .pending
        name = try row.string("name")
        email = try row.string("email")
        phone = try row.string("phone")
        tokenVersion = try row.int("token_version")
        language = try row.optionalString("language")
        leaseLandlords =
            try row.optionalString("lease_landlords").map {
                $0.split(separator: ",").compactMap { Int64($0).map(UserID.init) }
            } ?? []
    }
}
