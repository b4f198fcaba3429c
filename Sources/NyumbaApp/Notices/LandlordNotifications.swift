import Foundation
import MariaDB

/// The landlord's notifications tab: each line stores its kind and parameters, never words,
/// and is put into words when shown (`NoticeRenderer.notification`).
struct LandlordNotifications {
    let db: Connection

    /// Adds a line with an optional link (a path) to follow, now or with the commit of the current
    /// transaction (`executeAtCommit`); `Notifier` is the one caller.
    func add(_ kind: NoticeKind, landlord: UserID, parameters: [String: Any], link: String?, atCommit: Bool = false)
        throws
    {
        let json = PlainJSON.text(parameters) ?? "{}"
        let sql = """
            INSERT INTO notifications (landlord_id, kind, parameters, link, created_at)
            VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))
            """
        if atCommit {
            try db.executeAtCommit(sql, landlord.raw, kind.rawValue, json, link)
        } else {
            try db.execute(sql, landlord.raw, kind.rawValue, json, link)
        }
    }

    /// The stored parameters as the templates see them (empty when unreadable).
    static func parameters(_ json: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
    }
}
