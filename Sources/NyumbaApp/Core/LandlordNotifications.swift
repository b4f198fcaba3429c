import MariaDB

/// What a line on a landlord's notifications tab is about.
enum NotificationKind: String, Sendable {
    case tenantSignup = "tenant_signup"
    case payment
    case amountMismatch = "amount_mismatch"
    case message
}

/// The one way to add a line to a landlord's notifications tab, in the transaction of the change
/// that causes it.
struct LandlordNotifications {
    let db: Connection

    /// Adds a line (at most 500 characters of `message`) with an optional link to follow.
    func add(_ kind: NotificationKind, landlord: UserID, message: String, link: String? = nil) throws {
        try db.execute(
            """
            INSERT INTO notifications (landlord_id, kind, message, link, created_at)
            VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))
            """, landlord.raw, kind.rawValue, String(message.prefix(500)), link)
    }
}
