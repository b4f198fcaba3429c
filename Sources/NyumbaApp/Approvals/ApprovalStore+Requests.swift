import MariaDB

extension ApprovalStore {
    /// The landlord's requests still waiting for a decision, oldest first.
    func pendingRequests(landlord: UserID) throws -> [TenancyRequest] {
        try db.query(
            "\(TenancyRequest.select) WHERE p.landlord_id = ? AND r.status = 'pending' ORDER BY r.created_at, r.id",
            landlord.raw
        ).map(TenancyRequest.init)
    }

    /// One of the landlord's requests, locked until the transaction ends; nil for another landlord's.
    func lockRequest(_ id: TenancyRequestID, landlord: UserID) throws -> TenancyRequest? {
        try db.queryOne(
            "\(TenancyRequest.select) WHERE r.id = ? AND p.landlord_id = ? FOR UPDATE", id.raw, landlord.raw
        )
        .map(TenancyRequest.init)
    }

    /// The property's units, vacant ones first.
    func unitChoices(property: PropertyID, landlord: UserID) throws -> [UnitChoice] {
        try db.query(
            """
            SELECT u.id, u.label, u.monthly_rent,
                   NOT EXISTS (SELECT 1 FROM leases l WHERE l.unit_id = u.id AND l.end_date IS NULL) AS vacant
            FROM units u JOIN properties p ON p.id = u.property_id
            WHERE u.property_id = ? AND p.landlord_id = ?
            ORDER BY vacant DESC, u.id
            """, property.raw, landlord.raw
        ).map { row in
            UnitChoice(
                id: UnitID(try row.int64("id")), label: try row.string("label"),
                monthlyRent: try row.int("monthly_rent"), isVacant: try row.bool("vacant"))
        }
    }

    /// The unit if it belongs to the property, locked, with whether it is vacant.
    func lockUnit(_ id: UnitID, property: PropertyID) throws -> UnitChoice? {
        guard
            let row = try db.queryOne(
                "SELECT id, label, monthly_rent FROM units WHERE id = ? AND property_id = ? FOR UPDATE", id.raw,
                property.raw)
        else { return nil }
        let occupied = try db.queryOne("SELECT 1 FROM leases WHERE unit_id = ? AND end_date IS NULL", id.raw) != nil
        return UnitChoice(
            id: id, label: try row.string("label"), monthlyRent: try row.int("monthly_rent"), isVacant: !occupied)
    }

    /// Creates the lease; a unit taken meanwhile surfaces as a duplicate-key error.
    @discardableResult
    func createLease(
        _ terms: LeaseTerms, request: TenancyRequest, landlord: UserID, versions: LandlordDataVersions
    ) throws -> LeaseID {
        let result = try db.execute(
            """
            INSERT INTO leases (tenant_id, unit_id, property_id, landlord_id, monthly_rent, due_day, start_date,
                                created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))
            """, request.tenantID.raw, terms.unit.raw, request.propertyID.raw, landlord.raw, terms.monthlyRent,
            terms.dueDay, terms.startDate)
        versions.landlordChanged(landlord, on: db)
        return LeaseID(result.lastInsertID)
    }

    /// Records the decision on one of the landlord's pending requests.
    func decide(
        _ id: TenancyRequestID, landlord: UserID, approved: Bool, reason: String?, versions: LandlordDataVersions
    ) throws {
        try db.execute(
            """
            UPDATE tenancy_requests SET status = ?, reason = ?, decided_at = UTC_TIMESTAMP(6)
            WHERE id = ? AND status = 'pending'
            """, approved ? "approved" : "rejected", reason, id.raw)
        // The count of waiting tenants shows on every landlord page.
        versions.landlordChanged(landlord, on: db)
    }

    /// The landlord's latest notifications, newest first (`offset` pages the API's list).
    func recentNotifications(landlord: UserID, offset: Int = 0, limit: Int = 20) throws -> [LandlordNotification] {
        try db.query(
            """
            SELECT kind, message, parameters, link, created_at FROM notifications WHERE landlord_id = ?
            ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?
            """, landlord.raw, limit, offset
        ).map { row in
            LandlordNotification(
                kind: try row.string("kind"), storedMessage: try row.optionalString("message"),
                parameters: try row.optionalString("parameters").map(LandlordNotifications.parameters),
                link: try row.optionalString("link"), createdAt: try row.date("created_at"))
        }
    }
}
