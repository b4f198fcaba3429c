import Foundation
import MariaDB

/// The SQL of raw Daraja callbacks: every body is kept as received, with what came of it.
struct DarajaCallbackStore {
    let db: Connection

    private static let insert = RowStatement(
        head: "INSERT INTO daraja_callbacks (checkout_request_id, body, remote_address, outcome, received_at) VALUES ",
        row: "(?, ?, ?, ?, UTC_TIMESTAMP(6))")

    /// Keeps a body as received, with the request it was about and what came of it; returns its row id.
    func save(body: [UInt8], remoteAddress: String, checkoutRequestID: String? = nil, outcome: String) throws -> Int64 {
        try db.execute(
            Self.insert.sql(rows: 1), checkoutRequestID.map { String($0.prefix(64)) }, body,
            String(remoteAddress.prefix(45)),
            outcome
        ).lastInsertID
    }

    /// Keeps a body as `save` does, with the commit of the current transaction (no row id: one round trip
    /// fewer), in one statement with the other bodies kept so in the transaction.
    func saveAtCommit(body: [UInt8], remoteAddress: String, checkoutRequestID: String, outcome: String) throws {
        try db.executeAtCommit(
            Self.insert,
            rows: [[String(checkoutRequestID.prefix(64)), body, String(remoteAddress.prefix(45)), outcome]])
    }

    /// Notes which request the body was about and what came of it.
    func update(_ id: Int64, checkoutRequestID: String?, outcome: String) throws {
        try db.execute(
            "UPDATE daraja_callbacks SET checkout_request_id = ?, outcome = ? WHERE id = ?",
            checkoutRequestID.map { String($0.prefix(64)) }, outcome, id)
    }

    /// The body of a callback that arrived before its push's CheckoutRequestID was stored.
    func unmatchedBody(checkoutRequestID: String) throws -> (id: Int64, body: [UInt8])? {
        try db.queryOne(
            """
            SELECT id, body FROM daraja_callbacks WHERE checkout_request_id = ? AND outcome = 'unknown'
            ORDER BY id LIMIT 1
            """, checkoutRequestID
        ).map { (try $0.int64("id"), try $0.bytes("body")) }
    }

    /// Every callback that matched no request (kept for the operator), newest first.
    func unknown(limit: Int = 1000) throws -> [(body: [UInt8], receivedAt: Date)] {
        try db.query(
            "SELECT body, received_at FROM daraja_callbacks WHERE outcome = 'unknown' ORDER BY id DESC LIMIT ?", limit
        ).map { (try $0.bytes("body"), try $0.date("received_at")) }
    }

    /// Callbacks of the last `withinSeconds` that matched no request, oldest first.
    func recentUnmatched(withinSeconds: Int) throws -> [(id: Int64, body: [UInt8])] {
        try db.query(
            """
            SELECT id, body FROM daraja_callbacks
            WHERE outcome = 'unknown' AND received_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND
            ORDER BY id LIMIT 100
            """, withinSeconds
        ).map { (try $0.int64("id"), try $0.bytes("body")) }
    }
}
