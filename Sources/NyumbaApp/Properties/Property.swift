import MariaDB

/// A property as its landlord sees it.
struct Property {
    let id: PropertyID
    let landlordID: UserID
    let name: String
    let location: String
    let code: String
    let inviteToken: String
    let defaultRent: Int
    /// Its tenants get their rent reminders by SMS too (the landlord may turn it off).
    let smsReminders: Bool

    static let columns =
        "p.id, p.landlord_id, p.name, p.location, p.code, p.invite_token, p.default_rent, p.sms_reminders"

    init(row: Row) throws {
        id = PropertyID(try row.int64("id"))
        landlordID = UserID(try row.int64("landlord_id"))
        name = try row.string("name")
        location = try row.string("location")
        code = try row.string("code")
        inviteToken = try row.string("invite_token")
        defaultRent = try row.int("default_rent")
        smsReminders = try row.bool("sms_reminders")
    }
}

/// One line of the landlord's list of properties.
struct PropertySummary {
    let id: PropertyID
    let name: String
    let location: String
    let units: Int
    let occupied: Int
    let pending: Int
}

/// A unit with whoever holds its open lease.
struct UnitOccupancy {
    let id: UnitID
    let label: String
    let monthlyRent: Int
    let tenantName: String?

    init(row: Row) throws {
        id = UnitID(try row.int64("id"))
        label = try row.string("label")
        monthlyRent = try row.int("monthly_rent")
        tenantName = try row.optionalString("tenant_name")
    }
}

/// What a new property is made of.
struct NewProperty {
    let name: String
    let location: String
    let unitCount: Int
    let defaultRent: Int
    let labelPrefix: String
}
