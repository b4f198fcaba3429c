import MariaDB

/// The SQL of properties and units. Every landlord query takes the landlord's id, so a
/// property of another landlord is simply not found.
struct PropertyStore {
    let db: Connection

    /// The landlord's properties with their unit, occupancy and pending-request counts.
    func summaries(landlord: UserID) throws -> [PropertySummary] {
        try db.query(
            """
            SELECT p.id, p.name, p.location,
                   (SELECT COUNT(*) FROM units u WHERE u.property_id = p.id) AS units,
                   (SELECT COUNT(*) FROM leases l
                     WHERE l.property_id = p.id AND l.landlord_id = p.landlord_id AND l.end_date IS NULL) AS occupied,
                   (SELECT COUNT(*) FROM tenancy_requests r
                     WHERE r.property_id = p.id AND r.status = 'pending') AS pending
            FROM properties p WHERE p.landlord_id = ? ORDER BY p.name, p.id
            """, landlord.raw
        ).map { row in
            PropertySummary(
                id: PropertyID(try row.int64("id")), name: try row.string("name"),
                location: try row.string("location"), units: try row.int("units"),
                occupied: try row.int("occupied"), pending: try row.int("pending"))
        }
    }

    /// Creates the property with a fresh code and invite token, and its units, in one transaction.
    /// With the form's one-time `key` spent before by the landlord (a double click, a retried post),
    /// creates nothing and returns the property created then.
    func create(_ property: NewProperty, landlord: UserID, versions: LandlordDataVersions, key: String? = nil)
        throws -> PropertyID
    {
        try db.transaction {
            let keys = SpentFormKeys(db: db)
            if let key, try !keys.spend(key, by: landlord), let earlier = try keys.result(of: key, by: landlord) {
                return PropertyID(earlier)
            }
            let id = try insertWithUniqueCode(property, landlord: landlord)
            for number in 1...property.unitCount {
                try db.execute(
                    "INSERT INTO units (property_id, label, monthly_rent) VALUES (?, ?, ?)",
                    id.raw, property.labelPrefix + String(number), property.defaultRent)
            }
            try UnitAccountStore(db: db).fillMissing()
            versions.landlordChanged(landlord, on: db)
            if let key { try keys.keep(id.raw, of: key, by: landlord) }
            return id
        }
    }

    /// A duplicate code only fails its own statement, so the transaction can try again.
    private func insertWithUniqueCode(_ property: NewProperty, landlord: UserID) throws -> PropertyID {
        var attempt = 0
        while true {
            attempt += 1
            do {
                let result = try db.execute(
                    """
                    INSERT INTO properties (landlord_id, name, location, code, invite_token, default_rent, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))
                    """, landlord.raw, property.name, property.location, PropertyCode.make(),
                    PropertyCode.makeInviteToken(), property.defaultRent)
                return PropertyID(result.lastInsertID)
            } catch let error as DatabaseError where error.isDuplicateKey && attempt < 20 {
                continue
            }
        }
    }

    /// One of the landlord's properties; nil for an unknown id or another landlord's.
    func property(_ id: PropertyID, landlord: UserID) throws -> Property? {
        try db.queryOne(
            "SELECT \(Property.columns) FROM properties p WHERE p.id = ? AND p.landlord_id = ?", id.raw, landlord.raw
        ).map(Property.init)
    }

    /// Turns the landlord's property's SMS reminders on or off.
    func setSMSReminders(_ on: Bool, property: PropertyID, landlord: UserID) throws {
        try db.execute(
            "UPDATE properties SET sms_reminders = ? WHERE id = ? AND landlord_id = ?", on, property.raw, landlord.raw)
    }

    /// The property's units in label order, each with the tenant of its open lease.
    func units(of property: PropertyID, landlord: UserID) throws -> [UnitOccupancy] {
        try db.query(
            """
            SELECT u.id, u.label, u.monthly_rent, t.name AS tenant_name
            FROM units u JOIN properties p ON p.id = u.property_id
            LEFT JOIN leases l ON l.unit_id = u.id AND l.end_date IS NULL
            LEFT JOIN users t ON t.id = l.tenant_id
            WHERE u.property_id = ? AND p.landlord_id = ?
            ORDER BY u.id
            """, property.raw, landlord.raw
        ).map(UnitOccupancy.init)
    }

    /// One unit of one of the landlord's properties.
    func unit(_ id: UnitID, property: PropertyID, landlord: UserID) throws -> UnitOccupancy? {
        try db.queryOne(
            """
            SELECT u.id, u.label, u.monthly_rent, t.name AS tenant_name
            FROM units u JOIN properties p ON p.id = u.property_id
            LEFT JOIN leases l ON l.unit_id = u.id AND l.end_date IS NULL
            LEFT JOIN users t ON t.id = l.tenant_id
            WHERE u.id = ? AND u.property_id = ? AND p.landlord_id = ?
            """, id.raw, property.raw, landlord.raw
        ).map(UnitOccupancy.init)
    }

    /// Changes a unit's label and rent; a label the property already uses throws a duplicate-key error.
    func updateUnit(
        _ id: UnitID, property: PropertyID, landlord: UserID, label: String, rent: Int, versions: LandlordDataVersions
    ) throws {
        try db.execute(
            """
            UPDATE units u JOIN properties p ON p.id = u.property_id
            SET u.label = ?, u.monthly_rent = ?
            WHERE u.id = ? AND u.property_id = ? AND p.landlord_id = ?
            """, label, rent, id.raw, property.raw, landlord.raw)
        try refreshAccountNumber(id, property: property, landlord: landlord, label: label)
        // The label shows in the dashboard's lists.
        versions.landlordChanged(landlord, on: db)
    }

    /// Adds a unit to one of the landlord's properties; a taken label throws a duplicate-key error.
    func addUnit(
        property: PropertyID, landlord: UserID, label: String, rent: Int, versions: LandlordDataVersions
    ) throws {
        try db.execute(
            """
            INSERT INTO units (property_id, label, monthly_rent)
            SELECT p.id, ?, ? FROM properties p WHERE p.id = ? AND p.landlord_id = ?
            """, label, rent, property.raw, landlord.raw)
        try UnitAccountStore(db: db).fillMissing()
        versions.landlordChanged(landlord, on: db)
    }

    /// A renamed unit's paybill account number follows its label (the landlord's own unit only).
    private func refreshAccountNumber(_ id: UnitID, property: PropertyID, landlord: UserID, label: String) throws {
        guard
            try db.queryOne(
                """
                SELECT u.id FROM units u JOIN properties p ON p.id = u.property_id
                WHERE u.id = ? AND u.property_id = ? AND p.landlord_id = ? AND u.account_label <> ?
                """, id.raw, property.raw, landlord.raw,
                String(PaybillAccount.canonical(label).prefix(PaybillAccount.maximumLength))) != nil
        else { return }
        try UnitAccountStore(db: db).forget(unit: id.raw)
        try UnitAccountStore(db: db).fillMissing()
    }
}
