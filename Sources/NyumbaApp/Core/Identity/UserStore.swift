import MariaDB

/// Reads who a user is, for sessions (every signed-in request) and for features.
struct UserStore {
    let db: Connection

    static let userColumns = """
        id, role, status, name, email, phone, token_version, language,
        (SELECT GROUP_CONCAT(DISTINCT l.landlord_id ORDER BY l.landlord_id) FROM leases l
         WHERE l.tenant_id = users.id) AS lease_landlords
        """

    func user(id: UserID) throws -> CurrentUser? {
        try db.queryOne("SELECT \(Self.userColumns) FROM users WHERE id = ?", id.raw).map(CurrentUser.init)
    }
}
