import MariaDB

extension BenchSeed {
    /// Landlords, their properties and units, and per unit an approved tenant with the
    /// approved request and a lease from the first day of the history.
    func insertAccountsAndLeases(passwordHash: String) throws {
        let users = BulkInsert(
            db: db, table: "users",
            columns: ["id", "role", "status", "name", "email", "phone", "password_hash", "created_at"])
        for landlord in 0..<size.landlords {
            var random = BenchRandom(seed: layout.seed, 1, UInt64(landlord))
            let name = random.pick(BenchNames.firstNames) + " " + random.pick(BenchNames.lastNames)
            let phone = "2547" + BenchTime.pad(random.int(in: 0...99_999_999), 8)
            try users.add([
                .int(layout.landlordUserID(landlord)), "landlord", "active", .text(name),
                .text(layout.landlordEmail(landlord)), .text(phone), .text(passwordHash),
                .text(layout.beforeHistory(days: 30)),
            ])
        }
        for unit in 0..<size.unitCount {
            let tenancy = layout.tenancy(unit)
            try users.add([
                .int(layout.tenantUserID(unit)), "tenant", "active", .text(tenancy.name),
                .text(layout.tenantEmail(unit)),
                .text(tenancy.phone), .text(passwordHash), .text(layout.beforeHistory(days: 3)),
            ])
        }
        try users.flush()
        try insertProperties()
        try insertUnitsAndLeases()
    }

    private func insertProperties() throws {
        let properties = BulkInsert(
            db: db, table: "properties",
            columns: ["id", "landlord_id", "name", "location", "code", "invite_token", "default_rent", "created_at"])
        for property in 0..<size.propertyCount {
            var random = BenchRandom(seed: layout.seed, 3, UInt64(property))
            let name = random.pick(BenchNames.buildings) + " " + random.pick(BenchNames.kinds) + " \(property + 1)"
            let token = String((0..<22).map { _ in Self.tokenAlphabet[random.int(in: 0...63)] })
            try properties.add([
                .int(layout.propertyID(property)), .int(layout.landlordUserID(layout.landlord(ofProperty: property))),
                .text(name), .text(random.pick(BenchNames.places)), .text(propertyCode(property)), .text(token),
                .int(Int64(5_000 + 500 * random.int(in: 0...110))), .text(layout.beforeHistory(days: 20)),
            ])
        }
        try properties.flush()
    }

    private func insertUnitsAndLeases() throws {
        let units = BulkInsert(
            db: db, table: "units",
            columns: ["id", "property_id", "label", "monthly_rent", "account_no", "account_label"])
        let requests = BulkInsert(
            db: db, table: "tenancy_requests",
            columns: ["id", "tenant_id", "property_id", "requested_unit", "status", "created_at", "decided_at"])
        let leases = BulkInsert(
            db: db, table: "leases",
            columns: [
                "id", "tenant_id", "unit_id", "property_id", "landlord_id", "monthly_rent", "due_day", "start_date",
                "created_at",
            ])
        let start = layout.months[0].firstDay
        for unit in 0..<size.unitCount {
            let tenancy = layout.tenancy(unit)
            let property = layout.property(ofUnit: unit)
            let propertyID = SQLValue.int(layout.propertyID(property))
            let id = SQLValue.int(layout.unitID(unit))
            let tenant = SQLValue.int(layout.tenantUserID(unit))
            let labelText = unitLabel(unit % size.unitsPerProperty)
            let label = SQLValue.text(labelText)
            let rent = SQLValue.int(Int64(tenancy.monthlyRent))
            let account = PaybillAccount.number(
                propertyID: layout.propertyID(property), unitID: layout.unitID(unit), label: labelText)
            try units.add([id, propertyID, label, rent, .text(account), .text(PaybillAccount.canonical(labelText))])
            try requests.add([
                id, tenant, propertyID, label, "approved", .text(layout.beforeHistory(days: 3)),
                .text(layout.beforeHistory(days: 2)),
            ])
            try leases.add([
                id, tenant, id, propertyID, .int(layout.landlordUserID(layout.landlord(ofProperty: property))), rent,
                .int(Int64(tenancy.dueDay)), .text(start), .text(layout.beforeHistory(days: 2)),
            ])
        }
        try units.flush()
        try requests.flush()
        try leases.flush()
    }

    /// `A1`…`A20`, `B1`…: twenty units a floor.
    func unitLabel(_ index: Int) -> String {
        let floors = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        return "\(floors[index / 20 % floors.count])\(index % 20 + 1)"
    }

    /// Six symbols of the property-code alphabet from a bijective scramble of the index,
    /// so the codes look random but never collide.
    func propertyCode(_ property: Int) -> String {
        var value = (UInt64(property) &* 0x2545_F491 &+ layout.seed) & ((1 << 30) - 1)
        var code = ""
        for _ in 0..<PropertyCode.length {
            code.append(PropertyCode.alphabet[Int(value & 31)])
            value >>= 5
        }
        return code
    }

    static let tokenAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
}
