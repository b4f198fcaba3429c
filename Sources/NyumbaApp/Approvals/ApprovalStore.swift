import MariaDB

/// The SQL of tenancy requests: tenants waiting for their landlord's decision.
struct ApprovalStore {
    let db: Connection

    /// How many tenants wait for this landlord's decision.
    func pendingCount(landlord: UserID) throws -> Int {
        try db.queryOne(
            """
            SELECT COUNT(*) AS n FROM tenancy_requests r JOIN properties p ON p.id = r.property_id
            WHERE p.landlord_id = ? AND r.status = 'pending'
            """, landlord.raw)?.int("n") ?? 0
    }
}
