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

extension UserStore {
    /// The language a notice's recipient chose; English for an address that is no account's, or
    /// before they choose.
    func language(of recipient: NoticeRecipient) throws -> Language {
        guard let id = recipient.userID else { return .english }
        return try db.queryOne("SELECT language FROM users WHERE id = ?", id.raw)?.optionalString("language")
            .flatMap(Language.init(rawValue:)) ?? .english
    }

    /// What a notice to the user needs from their row: their language (English until they choose),
    /// phone and SMS choice; nil for an unknown id.
    func noticeContact(id: UserID) throws -> NoticeContact? {
        try db.queryOne("SELECT language, phone, sms_enabled FROM users WHERE id = ?", id.raw).map {
            try NoticeContact(row: $0)
        }
    }

    /// The user's phone and whether they take SMS; nil for an unknown id.
    func smsContact(id: UserID) throws -> (phone: String, enabled: Bool)? {
        try db.queryOne("SELECT phone, sms_enabled FROM users WHERE id = ?", id.raw).map {
            (try $0.string("phone"), try $0.bool("sms_enabled"))
        }
    }
}
