import Foundation
import MariaDB

/// The SQL of paybill (C2B) payments: raw bodies, one row per TransID, matching an account
/// number to a lease, and the landlord's queue of payments that matched none.
struct C2BStore {
    let db: Connection

    private static let insertCallback = RowStatement(
        head: "INSERT INTO c2b_callbacks (kind, trans_id, body, remote_address, outcome, received_at) VALUES ",
        row: "(?, ?, ?, ?, ?, UTC_TIMESTAMP(6))")

    /// Keeps a body as received, with its TransID and what came of it; returns its row id.
    func saveCallback(
        kind: String, body: [UInt8], remoteAddress: String, transID: String?, outcome: String
    ) throws -> Int64 {
        try db.execute(
            Self.insertCallback.sql(rows: 1), kind, transID.map { String($0.prefix(20)) }, body,
            String(remoteAddress.prefix(45)), outcome
        ).lastInsertID
    }

    /// Keeps a body as `saveCallback` does, with the commit of the current transaction (no row id:
    /// one round trip fewer), in one statement with the other bodies kept so in the transaction.
    func saveCallbackAtCommit(kind: String, body: [UInt8], remoteAddress: String, transID: String, outcome: String)
        throws
    {
        try db.executeAtCommit(
            Self.insertCallback,
            rows: [[kind, String(transID.prefix(20)), body, String(remoteAddress.prefix(45)), outcome]])
    }

    /// The open lease an account number is for, on `shortcode`: the unit's full account
    /// number, else its label alone when exactly one open lease on that shortcode has it.
    /// A landlord without their own settings is paid on the deployment's `defaultShortcode`.
    /// Returned with what its payment's receipt needs (`ReceiptBasis`).
    func matchLease(account canonical: String, shortcode: String, defaultShortcode: String) throws -> ReceiptBasis? {
        guard !canonical.isEmpty else { return nil }
        if let basis = try leases(accounts: [canonical], defaultShortcode: defaultShortcode)[
            PaybillKey(account: canonical, shortcode: shortcode)]
        {
            return basis
        }
        let onShortcode = "LEFT JOIN mpesa_settings m ON m.landlord_id = l.landlord_id"
        let byLabel = try db.query(
            """
            SELECT l.id FROM units u JOIN leases l ON l.open_unit_id = u.id \(onShortcode)
            WHERE u.account_label = ? AND COALESCE(m.shortcode, ?) = ? LIMIT 2
            """, canonical, defaultShortcode, shortcode)
        guard byLabel.count == 1 else { return nil }
        let id = LeaseID(try byLabel[0].int64("id"))
        return try LedgerStore(db: db).receiptBases([id])[id.raw]
    }

    /// The landlord whose own paybill `shortcode` is, if exactly one has it.
    func owner(shortcode: String) throws -> UserID? {
        let rows = try db.query("SELECT landlord_id FROM mpesa_settings WHERE shortcode = ? LIMIT 2", shortcode)
        guard rows.count == 1 else { return nil }
        return UserID(try rows[0].int64("landlord_id"))
    }

    /// Stores a payment once per TransID; returns its id, or nil when that TransID is stored already.
    func insertOnce(
        _ payment: C2BPaymentFacts, landlord: UserID?, lease: LeaseID?, status: C2BPaymentStatus,
        payment paymentID: PaymentID? = nil
    ) throws -> Int64? {
        let row = NewC2BPayment(facts: payment, landlord: landlord, lease: lease, status: status, payment: paymentID)
        do {
            return try db.execute(Self.insert.sql(rows: 1), parameters: row.parameters).lastInsertID
        } catch let error as DatabaseError where error.isDuplicateKey {
            return nil
        }
    }

    private static let insert = RowStatement(head: "INSERT INTO \(NewC2BPayment.into)", row: NewC2BPayment.row)

    /// What became of a stored payment.
    func settle(
        _ id: Int64, status: C2BPaymentStatus, lease: LeaseID?, payment: PaymentID?, note: String? = nil
    ) throws {
        try db.execute(
            """
            UPDATE c2b_payments SET status = ?, lease_id = COALESCE(?, lease_id), payment_id = ?,
                   note = COALESCE(?, note), decided_at = IF(? IN ('assigned', 'not_rent'), UTC_TIMESTAMP(6), decided_at)
            WHERE id = ?
            """, status.rawValue, lease?.raw, payment?.raw, note.map { String($0.prefix(500)) }, status.rawValue, id)
    }

    /// The ledger entry that already has this receipt.
    func payment(receipt: String) throws -> PaymentID? {
        try db.queryOne("SELECT id FROM payments WHERE receipt = ?", receipt).map { PaymentID(try $0.int64("id")) }
    }

    /// The landlord's payments waiting to be assigned, newest first (nil landlord: the operator's).
    func unmatched(landlord: UserID?, offset: Int = 0, limit: Int = 200) throws -> [UnmatchedPayment] {
        let owner = landlord == nil ? "landlord_id IS NULL" : "landlord_id = ?"
        return try db.query(
            """
            SELECT \(UnmatchedPayment.columns) FROM c2b_payments
            WHERE \(owner) AND status = 'unmatched' ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?
            """, parameters: (landlord.map { [$0.raw] } ?? []) + [Int64(limit), Int64(offset)]
        ).map(UnmatchedPayment.init)
    }

    /// How many of the landlord's payments wait to be assigned (the badge).
    func unmatchedCount(landlord: UserID) throws -> Int {
        try db.queryOne(
            "SELECT COUNT(*) AS n FROM c2b_payments WHERE landlord_id = ? AND status = 'unmatched'", landlord.raw)?
            .int("n") ?? 0
    }

    /// Locks one of the landlord's unmatched payments (another landlord's, or one decided, is nil).
    func lockUnmatched(_ id: Int64, landlord: UserID) throws -> UnmatchedPayment? {
        try db.queryOne(
            """
            SELECT \(UnmatchedPayment.columns) FROM c2b_payments
            WHERE id = ? AND landlord_id = ? AND status = 'unmatched' FOR UPDATE
            """, id, landlord.raw
        ).map(UnmatchedPayment.init)
    }

    /// The landlord's open leases, to assign a payment to: id, unit, property and tenant.
    func openLeases(landlord: UserID) throws -> [(id: LeaseID, unit: String, property: String, tenant: String)] {
        try db.query(
            """
            SELECT l.id, u.label, p.name AS property_name, t.name AS tenant_name
            FROM leases l JOIN units u ON u.id = l.unit_id JOIN properties p ON p.id = l.property_id
            JOIN users t ON t.id = l.tenant_id
            WHERE l.landlord_id = ? AND l.end_date IS NULL ORDER BY p.name, u.label LIMIT 2000
            """, landlord.raw
        ).map {
            (
                LeaseID(try $0.int64("id")), try $0.string("label"), try $0.string("property_name"),
                try $0.string("tenant_name")
            )
        }
    }

    /// The phones of the landlord's current tenants, to tell who a masked or hashed payer may be.
    func tenantPhones(landlord: UserID) throws -> [(name: String, phone: String)] {
        try db.query(
            """
            SELECT DISTINCT t.name, t.phone FROM leases l JOIN users t ON t.id = l.tenant_id
            WHERE l.landlord_id = ? AND l.end_date IS NULL AND t.phone IS NOT NULL LIMIT 2000
            """, landlord.raw
        ).map { (try $0.string("name"), try $0.string("phone")) }
    }

    /// The paybill account number of the tenant's open lease's unit.
    func accountNumber(lease: LeaseID) throws -> String? {
        try db.queryOne(
            "SELECT u.account_no FROM leases l JOIN units u ON u.id = l.unit_id WHERE l.id = ?", lease.raw)?
            .optionalString("account_no")
    }
}

/// Where a C2B payment stands.
enum C2BPaymentStatus: String {
    /// In the ledger through this confirmation.
    case recorded
    /// Its receipt was in the ledger already (the same payment through an STK callback).
    case duplicate
    /// Matched no lease: waits for the landlord (or the operator).
    case unmatched
    /// The landlord put it on a lease.
    case assigned
    /// The landlord said it is not rent, with a note.
    case notRent = "not_rent"
}

/// The facts of one C2B confirmation, as stored.
struct C2BPaymentFacts {
    let transID: String
    let shortcode: String
    let amount: Int
    let billRef: String
    let msisdn: String
    let payerName: String
    let paidAt: Date
}

/// A payment to store in `c2b_payments`, with what became of it.
struct NewC2BPayment {
    let facts: C2BPaymentFacts
    let landlord: UserID?
    let lease: LeaseID?
    let status: C2BPaymentStatus
    /// Its ledger entry, when it has one already.
    let payment: PaymentID?

    /// The table and columns of an insert, up to `VALUES`; then one `row` per payment.
    static let into = """
        c2b_payments (trans_id, shortcode, amount, bill_ref, msisdn, payer_name, paid_at, received_at, landlord_id,
                      lease_id, payment_id, status) VALUES
        """
    static let row = "(?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?, ?, ?, ?)"

    var parameters: [(any SQLBindable)?] {
        [
            facts.transID, facts.shortcode, facts.amount, String(facts.billRef.prefix(40)), facts.msisdn,
            String(facts.payerName.prefix(200)), facts.paidAt, landlord?.raw, lease?.raw, payment?.raw,
            status.rawValue,
        ]
    }
}

/// A paybill payment that matched no lease, as the landlord sees it.
struct UnmatchedPayment {
    static let columns = "id, trans_id, shortcode, amount, bill_ref, msisdn, payer_name, paid_at, landlord_id"

    let id: Int64
    let transID: String
    let shortcode: String
    let amount: Int
    let billRef: String
    let msisdn: String
    let payerName: String
    let paidAt: Date
    let landlordID: UserID?

    init(row: Row) throws {
        id = try row.int64("id")
        transID = try row.string("trans_id")
        shortcode = try row.string("shortcode")
        amount = try row.int("amount")
        billRef = try row.string("bill_ref")
        msisdn = try row.string("msisdn")
        payerName = try row.string("payer_name")
        paidAt = try row.date("paid_at")
        landlordID = try row.optionalInt64("landlord_id").map(UserID.init)
    }
}
