import Foundation
import MariaDB

/// The SQL of STK push requests: opening one for a lease, following it, settling it.
struct PaymentRequestStore {
    let db: Connection

    /// The tenant's open lease, if any.
    func payableLease(tenant: UserID) throws -> PayableLease? {
        try db.queryOne(
            """
            SELECT l.id, l.unit_id, l.property_id, l.landlord_id, u.label, p.name AS property_name
            FROM leases l JOIN units u ON u.id = l.unit_id JOIN properties p ON p.id = l.property_id
            WHERE l.tenant_id = ? AND l.end_date IS NULL
            ORDER BY l.start_date DESC, l.id DESC LIMIT 1
            """, tenant.raw
        ).map(PayableLease.init)
    }

    /// The lease's request that blocks a new push, if any: one still waiting for the PIN, or
    /// one that got no clear answer less than `unconfirmedHoldSeconds` ago (its prompt may
    /// be on the phone, and paying twice is what we must prevent).
    func blockingRequest(lease: LeaseID) throws -> (id: PaymentRequestID, status: PaymentRequestStatus)? {
        try db.queryOne(
            """
            SELECT id, status FROM payment_requests
            WHERE lease_id = ? AND (status = 'pending'
                   OR (status = 'unconfirmed' AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND))
            ORDER BY id DESC LIMIT 1
            """, lease.raw, Self.unconfirmedHoldSeconds
        ).map {
            (PaymentRequestID(try $0.int64("id")), PaymentRequestStatus(rawValue: try $0.string("status")) ?? .pending)
        }
    }

    /// True when the tenant confirmed `phone` (normalised) for prompts before.
    func isConfirmedPhone(_ phone: String, tenant: UserID) throws -> Bool {
        try db.queryOne("SELECT 1 FROM tenant_payment_phones WHERE tenant_id = ? AND phone = ?", tenant.raw, phone)
            != nil
    }

    /// Remembers that the tenant confirmed `phone` (normalised) for prompts.
    func confirmPhone(_ phone: String, tenant: UserID) throws {
        try db.execute(
            """
            INSERT INTO tenant_payment_phones (tenant_id, phone, confirmed_at) VALUES (?, ?, UTC_TIMESTAMP(6))
            ON DUPLICATE KEY UPDATE confirmed_at = confirmed_at
            """, tenant.raw, phone)
    }

    /// Seconds until the tenant may ask for another prompt, when they asked for `limit` in
    /// the last `window` seconds; nil when they may now.
    func promptLimitWait(tenant: UserID, limit: Int, window: Int) throws -> Int? {
        guard
            let row = try db.queryOne(
                """
                SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), created_at + INTERVAL ? SECOND) AS wait
                FROM payment_requests
                WHERE tenant_id = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND
                ORDER BY created_at DESC LIMIT 1 OFFSET ?
                """, window, tenant.raw, window, limit - 1)
        else { return nil }
        return max(1, try row.int("wait"))
    }

    /// How long an unconfirmed push blocks another one for the same lease.
    static let unconfirmedHoldSeconds = 600
    /// How long after an unanswered push a paid callback is still matched to it by phone and amount.
    static let unconfirmedMatchSeconds = 3600

    /// Opens a pending request, unless the lease has one that blocks it (then that one's status). The lease row
    /// is locked so two concurrent submissions cannot both open one (and run again if a payment to the lease,
    /// committing meanwhile, made this the deadlock's victim: `LockConflictRetry`).
    func open(
        _ lease: PayableLease, tenant: UserID, amount: Int, phone: String, shortcode: String, firstQueryAfter: Int
    ) throws -> Result<PaymentRequestID, Blocked> {
        try LockConflictRetry.transaction(db) {
            _ = try db.queryOne("SELECT id FROM leases WHERE id = ? FOR UPDATE", lease.leaseID.raw)
            if let blocking = try blockingRequest(lease: lease.leaseID) {
                return .failure(Blocked(status: blocking.status))
            }
            let result = try db.execute(
                """
                INSERT INTO payment_requests (lease_id, tenant_id, landlord_id, property_id, amount, phone, shortcode,
                                              status, created_at, next_query_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? SECOND)
                """, lease.leaseID.raw, tenant.raw, lease.landlordID.raw, lease.propertyID, amount, phone, shortcode,
                firstQueryAfter)
            return .success(PaymentRequestID(result.lastInsertID))
        }
    }

    /// Why no request was opened: another one of the lease's, in this status, is in the way.
    struct Blocked: Error {
        let status: PaymentRequestStatus
    }

    /// Daraja accepted the push: keep its ids to match the callback and to query.
    func markAccepted(_ id: PaymentRequestID, merchantRequestID: String, checkoutRequestID: String) throws {
        try db.execute(
            "UPDATE payment_requests SET merchant_request_id = ?, checkout_request_id = ? WHERE id = ?",
            merchantRequestID, checkoutRequestID, id.raw)
    }

    /// Daraja refused the push: nothing was sent to the phone.
    func markRefused(_ id: PaymentRequestID, message: String) throws {
        try db.execute(
            """
            UPDATE payment_requests SET status = 'failed', result_desc = ?, settled_at = UTC_TIMESTAMP(6)
            WHERE id = ? AND status = 'pending'
            """, String(message.prefix(255)), id.raw)
    }

    /// The push got no clear answer: the prompt may be on the phone, so it is not a failure.
    func markUnconfirmed(_ id: PaymentRequestID, message: String) throws {
        try db.execute(
            """
            UPDATE payment_requests SET status = 'unconfirmed', result_desc = ?
            WHERE id = ? AND status = 'pending'
            """, String(message.prefix(255)), id.raw)
    }

    /// Closes the unconfirmed requests older than `unconfirmedMatchSeconds`: no paid callback
    /// came for them in that time (one coming later is listed for the operator by
    /// `nyumba unmatched`). Safe on any number of nodes at once; returns how many were closed.
    func expireUnconfirmed(message: String) throws -> Int {
        Int(
            try db.execute(
                """
                UPDATE payment_requests SET status = 'timed_out', result_desc = ?, settled_at = UTC_TIMESTAMP(6)
                WHERE status = 'unconfirmed' AND checkout_request_id IS NULL
                  AND created_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND
                """, String(message.prefix(255)), Self.unconfirmedMatchSeconds
            ).affectedRows)
    }

    /// Locks the oldest request, not yet linked to a push, that a paid callback from `phone`
    /// for `amount` may belong to: one whose push got no clear answer, opened within
    /// `unconfirmedMatchSeconds` (call inside a transaction). A request still waiting for its
    /// answer is left alone: the answer links it, and a callback that came first is replayed.
    func lockUnlinked(phone: String, amount: Int) throws -> LockedPaymentRequest? {
        guard
            let row = try db.queryOne(
                """
                SELECT id FROM payment_requests
                WHERE phone = ? AND status = 'unconfirmed' AND checkout_request_id IS NULL
                  AND amount = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND
                ORDER BY created_at LIMIT 1 FOR UPDATE
                """, phone, amount, Self.unconfirmedMatchSeconds)
        else { return nil }
        return try details(PaymentRequestID(try row.int64("id")))
    }

    /// Links a request to the push a callback proved it made.
    func link(_ id: PaymentRequestID, checkoutRequestID: String, merchantRequestID: String?) throws {
        try db.execute(
            """
            UPDATE payment_requests SET checkout_request_id = ?, merchant_request_id = COALESCE(?, merchant_request_id)
            WHERE id = ? AND checkout_request_id IS NULL
            """, checkoutRequestID, merchantRequestID, id.raw)
    }

    /// The landlord's pushes that need a look: an unclear result, or no answer at all.
    func requestsToCheck(landlord: UserID, limit: Int = 50) throws -> [PaymentRequestToCheck] {
        try db.query(
            """
            SELECT r.id, r.status, r.amount, r.phone, r.created_at, r.result_desc, t.name AS tenant_name, u.label,
                   p.name AS property_name
            FROM payment_requests r JOIN leases l ON l.id = r.lease_id JOIN units u ON u.id = l.unit_id
            JOIN properties p ON p.id = r.property_id JOIN users t ON t.id = r.tenant_id
            WHERE r.landlord_id = ? AND r.status IN ('needs_review', 'unconfirmed')
            ORDER BY r.created_at DESC LIMIT ?
            """, landlord.raw, limit
        ).map(PaymentRequestToCheck.init)
    }

    /// The tenant's own request (another tenant's is nil).
    func request(_ id: PaymentRequestID, tenant: UserID) throws -> PaymentRequestRecord? {
        try db.queryOne(
            """
            SELECT r.id, r.amount, r.phone, r.status, r.result_code, r.result_desc, r.receipt, r.created_at,
                   (SELECT p.id FROM payments p WHERE p.checkout_request_id = r.checkout_request_id) AS payment_id
            FROM payment_requests r WHERE r.id = ? AND r.tenant_id = ?
            """, id.raw, tenant.raw
        ).map(PaymentRequestRecord.init)
    }

    /// Locks the request of a CheckoutRequestID until the transaction ends (call inside one).
    func lock(checkoutRequestID: String) throws -> LockedPaymentRequest? {
        guard
            let row = try db.queryOne(
                "SELECT id FROM payment_requests WHERE checkout_request_id = ? FOR UPDATE", checkoutRequestID)
        else { return nil }
        return try details(PaymentRequestID(try row.int64("id")))
    }

    /// Locks a request by id until the transaction ends (call inside one).
    func lock(_ id: PaymentRequestID) throws -> LockedPaymentRequest? {
        guard try db.queryOne("SELECT id FROM payment_requests WHERE id = ? FOR UPDATE", id.raw) != nil else {
            return nil
        }
        return try details(id)
    }

    /// Settles the request of a CheckoutRequestID in one statement, which also locks it, if it
    /// is still waiting for its answer (pending or unconfirmed: whatever the answer, it is
    /// taken); returns it as settled. Nil when no request has this CheckoutRequestID or it has
    /// an answer already: then `lock(checkoutRequestID:)` it and decide. `reportedAmount` is
    /// the amount a paid callback reports, compared with the request's.
    func settleWaiting(
        checkoutRequestID: String, status: PaymentRequestStatus, resultCode: Int?, resultDesc: String,
        receipt: String?, reportedAmount: Int?
    ) throws -> LockedPaymentRequest? {
        let settled = try db.execute(
            """
            UPDATE payment_requests
            SET status = ?, result_code = ?, result_desc = ?, receipt = COALESCE(?, receipt),
                amount_mismatch = COALESCE(? <> amount, 0), settled_at = UTC_TIMESTAMP(6)
            WHERE checkout_request_id = ? AND status IN ('pending', 'unconfirmed')
            """, status.rawValue, resultCode, String(resultDesc.prefix(255)), receipt, reportedAmount,
            checkoutRequestID
        ).affectedRows
        guard settled == 1 else { return nil }
        return try details("r.checkout_request_id = ?", checkoutRequestID)
    }

    /// The locked request with its lease, unit and tenant (only the request row is locked:
    /// MariaDB would lock every joined row otherwise).
    private func details(_ id: PaymentRequestID) throws -> LockedPaymentRequest? {
        try details("r.id = ?", id.raw)
    }

    private func details(_ condition: String, _ value: any SQLBindable) throws -> LockedPaymentRequest? {
        try db.queryOne(Self.details(condition), value).map { try LockedPaymentRequest(row: $0) }
    }

    private static func details(_ condition: String) -> String {
        """
        SELECT r.id, r.status, r.amount, r.phone, r.receipt, r.checkout_request_id, r.lease_id, r.tenant_id,
               r.landlord_id, r.property_id, l.unit_id, u.label, p.name AS property_name,
               t.name AS tenant_name, t.email AS tenant_email
        FROM payment_requests r JOIN leases l ON l.id = r.lease_id JOIN units u ON u.id = l.unit_id
        JOIN properties p ON p.id = r.property_id JOIN users t ON t.id = r.tenant_id
        WHERE \(condition)
        """
    }

    /// Locks the requests of these CheckoutRequestIDs that wait for their answer (pending or
    /// unconfirmed), and their leases, by CheckoutRequestID: a lease locked before its payment is
    /// inserted makes another payment to it wait rather than deadlock (`LedgerStore.lockTotals`).
    func lockWaiting(checkoutRequestIDs: [String]) throws -> [String: WaitingRequest] {
        let marks = sqlPlaceholders(checkoutRequestIDs.count)
        let rows = try db.query(
            """
            SELECT r.id, r.checkout_request_id, r.amount, r.lease_id
            FROM payment_requests r JOIN leases l ON l.id = r.lease_id
            WHERE r.checkout_request_id IN (\(marks)) AND r.status IN ('pending', 'unconfirmed')
            ORDER BY r.id FOR UPDATE
            """, parameters: checkoutRequestIDs)
        var waiting: [String: WaitingRequest] = [:]
        for row in rows {
            waiting[try row.string("checkout_request_id")] = WaitingRequest(
                id: PaymentRequestID(try row.int64("id")), amount: try row.int("amount"),
                leaseID: LeaseID(try row.int64("lease_id")))
        }
        return waiting
    }

    /// The requests with their lease, unit and tenant, and their lease's `ReceiptBasis` for the
    /// payment about to be recorded, by request id.
    func detailsForReceipts(ids: [PaymentRequestID]) throws -> [Int64: (LockedPaymentRequest, ReceiptBasis)] {
        guard !ids.isEmpty else { return [:] }
        var found: [Int64: (LockedPaymentRequest, ReceiptBasis)] = [:]
        for row in try db.query(
            """
            SELECT r.id AS request_id, r.status, r.amount, r.phone AS request_phone, r.receipt, r.checkout_request_id,
                   r.lease_id, \(ReceiptBasis.columns)
            FROM payment_requests r JOIN \(LeaseDetails.tables)
            WHERE r.id IN (\(sqlPlaceholders(ids.count))) AND l.id = r.lease_id
            """, parameters: ids.map(\.raw))
        {
            let request = try LockedPaymentRequest(row: row, id: "request_id", phone: "request_phone")
            found[request.id.raw] = (request, try ReceiptBasis(row: row))
        }
        return found
    }

    /// Records how each request ended, in one statement.
    func settle(_ settlements: [RequestSettlement]) throws {
        guard !settlements.isEmpty else { return }
        let cases =
            "CASE id " + Array(repeating: "WHEN ? THEN ?", count: settlements.count).joined(separator: " ") + " END"
        func values(_ value: (RequestSettlement) -> (any SQLBindable)?) -> [(any SQLBindable)?] {
            settlements.flatMap { [$0.id.raw, value($0)] }
        }
        let marks = sqlPlaceholders(settlements.count)
        var parameters = values { $0.status.rawValue }
        parameters += values { $0.resultCode }
        parameters += values { String($0.resultDesc.prefix(255)) }
        parameters += values { $0.receipt }
        parameters += values { $0.amountMismatch }
        parameters += settlements.map { $0.id.raw }
        try db.execute(
            """
            UPDATE payment_requests
            SET status = \(cases), result_code = \(cases), result_desc = \(cases), receipt = COALESCE(\(cases), receipt),
                amount_mismatch = \(cases), settled_at = UTC_TIMESTAMP(6)
            WHERE id IN (\(marks))
            """, parameters: parameters)
    }

    /// Records how a request ended.
    func settle(
        _ id: PaymentRequestID, status: PaymentRequestStatus, resultCode: Int?, resultDesc: String,
        receipt: String?, amountMismatch: Bool
    ) throws {
        try db.execute(
            """
            UPDATE payment_requests
            SET status = ?, result_code = ?, result_desc = ?, receipt = COALESCE(?, receipt), amount_mismatch = ?,
                settled_at = UTC_TIMESTAMP(6)
            WHERE id = ?
            """, status.rawValue, resultCode, String(resultDesc.prefix(255)), receipt, amountMismatch, id.raw)
    }

    /// A late callback brought the receipt of a payment the reconciler had already recorded.
    func fillReceipt(_ id: PaymentRequestID, checkoutRequestID: String, receipt: String) throws {
        try db.execute("UPDATE payment_requests SET receipt = ? WHERE id = ? AND receipt IS NULL", receipt, id.raw)
        try db.execute(
            "UPDATE payments SET receipt = ? WHERE checkout_request_id = ? AND receipt IS NULL", receipt,
            checkoutRequestID)
    }
}
