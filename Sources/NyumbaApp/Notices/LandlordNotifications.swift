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
        let row: [(any SQLBindable)?] = [landlord.raw, kind.rawValue, PlainJSON.text(parameters) ?? "{}", link]
        if atCommit {
            try db.executeAtCommit(Self.insert, rows: [row])
        } else {
            try db.execute(Self.insert.sql(rows: 1), parameters: row)
        }
    }

    private static let insert = RowStatement(
        head: "INSERT INTO notifications (landlord_id, kind, parameters, link, created_at) VALUES ",
        row: "(?, ?, ?, ?, UTC_TIMESTAMP(6))")

    /// The stored parameters as the templates see them (empty when unreadable).
    static func parameters(_ json: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
    }
}
