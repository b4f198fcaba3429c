/// Where each seeded thing sits and its id: ids are assigned by the seeder (the database
/// is empty), so landlord `n` is user `n`, and its properties, units, tenants and leases
/// follow in order. The benchmark scripts rely on this (landlord 1 owns property 1).
struct BenchLayout: Sendable {
    let size: BenchSize
    let seed: UInt64
    /// The months of history, oldest first; the last one is the current month.
    let months: [BenchMonth]
    /// Today in Nairobi (the current month's payments stop before it).
    let today: (year: Int, month: Int, day: Int)

    init(size: BenchSize, seed: UInt64, today: (year: Int, month: Int, day: Int)) {
        self.size = size
        self.seed = seed
        self.today = today
        let current = BenchMonth(year: today.year, month: today.month)
        months = (0..<size.months).map { current.adding($0 - size.months + 1) }
    }

    static let emailDomain = "bench.nyumba.test"

    func landlordEmail(_ landlord: Int) -> String { "landlord\(landlord + 1)@\(Self.emailDomain)" }
    func tenantEmail(_ unit: Int) -> String { "tenant\(unit + 1)@\(Self.emailDomain)" }

    func landlordUserID(_ landlord: Int) -> Int64 { Int64(landlord + 1) }
    func tenantUserID(_ unit: Int) -> Int64 { Int64(size.landlords + unit + 1) }
    func propertyID(_ property: Int) -> Int64 { Int64(property + 1) }
    /// Unit, lease and tenancy request share the unit's position.
    func unitID(_ unit: Int) -> Int64 { Int64(unit + 1) }

    func landlord(ofProperty property: Int) -> Int { property / size.propertiesPerLandlord }
    func property(ofUnit unit: Int) -> Int { unit / size.unitsPerProperty }

    /// The lease's terms and its tenant, drawn from the unit's own random stream.
    func tenancy(_ unit: Int) -> BenchTenancy {
        var random = BenchRandom(seed: seed, 2, UInt64(unit))
        let first = random.pick(BenchNames.firstNames)
        let last = random.pick(BenchNames.lastNames)
        let phone = "2547" + BenchTime.pad(random.int(in: 0...99_999_999), 8)
        let rent = 5_000 + 500 * random.int(in: 0...110)
        let dueDay = random.int(in: 1...10)
        return BenchTenancy(name: "\(first) \(last)", phone: phone, monthlyRent: rent, dueDay: dueDay)
    }

    /// Nairobi midnight `days` before the history starts, as UTC text (for created_at).
    func beforeHistory(days: Int) -> String {
        let first = months[0]
        let (y, m, d) = BenchTime.civil(BenchTime.days(first.year, first.month, 1) - days)
        return BenchTime.utc(y, m, d, 9, 0, 0)
    }
}

/// One unit's tenant and lease terms.
struct BenchTenancy: Sendable {
    let name: String
    let phone: String
    let monthlyRent: Int
    let dueDay: Int
}
