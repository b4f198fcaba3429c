import Foundation
import MariaDB

/// Which way a message went.
enum MessageDirection: String {
    case toLandlord = "to_landlord"
    case toTenant = "to_tenant"
}

/// One message of a conversation.
struct StoredMessage {
    let direction: MessageDirection
    let subject: String
    let body: String
    let createdAt: Date

    init(row: Row) throws {
        direction = MessageDirection(rawValue: try row.string("direction")) ?? .toLandlord
        subject = try row.string("subject")
        body = try row.string("body")
        createdAt = try row.date("created_at")
    }
}

/// The SQL of messages between tenants and landlords; every query is bound to its reader.
struct MessageStore {
    let db: Connection

    /// The tenant's current lease, with their landlord; nil without an open lease.
    func openLease(tenant: UserID) throws -> LeaseDetails? {
        try db.queryOne(
            "\(LeaseDetails.select) WHERE l.tenant_id = ? AND l.end_date IS NULL ORDER BY l.start_date DESC, l.id DESC LIMIT 1",
            tenant.raw
        ).map(LeaseDetails.init)
    }

    /// Locks the sender's user row (so that two requests at once cannot both slip under the
    /// limit) and counts their messages in that direction during the last hour.
    func lockAndCountLastHour(sender: UserID, direction: MessageDirection) throws -> Int {
        _ = try db.queryOne("SELECT id FROM users WHERE id = ? FOR UPDATE", sender.raw)
        let column = direction == .toLandlord ? "tenant_id" : "landlord_id"
        return try db.queryOne(
            """
            SELECT COUNT(*) AS sent FROM messages
            WHERE \(column) = ? AND direction = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL 1 HOUR
            """, sender.raw, direction.rawValue
        )?.int("sent") ?? 0
    }

    /// Stores a message pointing at its email's outbox row; call it inside the transaction
    /// that queued the email.
    func record(lease: LeaseDetails, direction: MessageDirection, subject: String, body: String, outbox: Int64?)
        throws
    {
        try db.execute(
            """
            INSERT INTO messages (landlord_id, tenant_id, lease_id, direction, subject, body, outbox_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))
            """, lease.landlordID.raw, lease.tenantID.raw, lease.id.raw, direction.rawValue, subject, body, outbox ?? 0)
    }

    /// The tenant's messages with their landlords, newest first (`offset` pages the API's list).
    func conversation(tenant: UserID, offset: Int = 0, limit: Int = 50) throws -> [StoredMessage] {
        try db.query(
            """
            SELECT direction, subject, body, created_at FROM messages WHERE tenant_id = ?
            ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?
            """, tenant.raw, limit, offset
        ).map(StoredMessage.init)
    }

    /// The messages under one of the landlord's leases, newest first (`offset` pages the API's list).
    func conversation(lease: LeaseID, landlord: UserID, offset: Int = 0, limit: Int = 50) throws -> [StoredMessage] {
        try db.query(
            """
            SELECT direction, subject, body, created_at FROM messages WHERE lease_id = ? AND landlord_id = ?
            ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?
            """, lease.raw, landlord.raw, limit, offset
        ).map(StoredMessage.init)
    }
}
