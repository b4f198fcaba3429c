import Crypto
import MariaDB

/// A login that the demo seed created, to print for whoever runs `make run`.
struct DemoLogin {
    let role: String
    let email: String
    let password: String
}

/// Fills an empty database with a landlord, a property of six units and an approved
/// tenant, through the same stores the pages use. Passwords are random and printed once.
struct DemoSeed {
    let db: Connection
    let passwords: PasswordHasher

    /// The logins created, or nil when the database has accounts already.
    func run(today: String = NairobiTime.today()) throws -> [DemoLogin]? {
        let accounts = AccountStore(db: db)
        // A process of its own: no responder shares these versions (they start from the database).
        let versions = LandlordDataVersions(redis: nil)
        guard try !accounts.hasAnyUser() else { return nil }
        let landlordPassword = SecureRandom.token(bytes: 9)
        let tenantPassword = SecureRandom.token(bytes: 9)
        try db.transaction {
            let landlord = try accounts.create(
                role: .landlord, status: .active, name: "Amina Wanjiru", email: "landlord@demo.nyumba.test",
                phone: "254712345678", passwordHash: passwords.hash(landlordPassword))
            let properties = PropertyStore(db: db)
            let propertyID = try properties.create(
                NewProperty(
                    name: "Baraka Court", location: "Kilimani, Nairobi", unitCount: 6, defaultRent: 15_000,
                    labelPrefix: "A"),
                landlord: landlord, versions: versions)
            let tenant = try accounts.create(
                role: .tenant, status: .pending, name: "Brian Otieno", email: "tenant@demo.nyumba.test",
                phone: "254722000111", passwordHash: passwords.hash(tenantPassword))
            let tenancy = TenancyStore(db: db)
            guard let code = try properties.property(propertyID, landlord: landlord)?.code,
                let joinable = try tenancy.property(code: code)
            else { throw DemoSeedError() }
            try tenancy.requestTenancy(tenant: tenant, property: joinable, unit: "A1", versions: versions)
            let approvals = ApprovalStore(db: db)
            guard let request = try approvals.pendingRequests(landlord: landlord).first,
                let unit = try approvals.unitChoices(property: propertyID, landlord: landlord).first
            else { throw DemoSeedError() }
            let firstOfMonth = String(today.prefix(8)) + "01"
            try approvals.createLease(
                LeaseTerms(unit: unit.id, monthlyRent: unit.monthlyRent, startDate: firstOfMonth, dueDay: 5),
                request: request, landlord: landlord, versions: versions)
            try approvals.decide(request.id, landlord: landlord, approved: true, reason: nil, versions: versions)
            try accounts.setStatus(.active, for: tenant)
        }
        return [
            DemoLogin(role: "landlord", email: "landlord@demo.nyumba.test", password: landlordPassword),
            DemoLogin(role: "tenant", email: "tenant@demo.nyumba.test", password: tenantPassword),
        ]
    }
}

/// The demo data could not be put together (a store did not find what it just wrote).
struct DemoSeedError: Error, CustomStringConvertible {
    var description: String { "the demo data could not be created" }
}
