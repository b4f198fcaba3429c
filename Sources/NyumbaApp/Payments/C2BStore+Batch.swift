import MariaDB

/// A unit's full paybill account number, on the shortcode its landlord is paid on.
struct PaybillKey: Hashable {
    let account: String
    let shortcode: String
}

extension C2BStore {
    /// The open leases whose unit's full account number is one of `accounts` (canonical), by
    /// account number and the shortcode the lease's landlord is paid on (their own, else
    /// `defaultShortcode`), each with what a payment's receipt needs (`ReceiptBasis`).
    func leases(accounts: [String], defaultShortcode: String) throws -> [PaybillKey: ReceiptBasis] {
        let accounts = Array(Set(accounts.filter { !$0.isEmpty }))
        guard !accounts.isEmpty else { return [:] }
        var found: [PaybillKey: ReceiptBasis] = [:]
        for row in try db.query(
            """
            SELECT \(ReceiptBasis.columns), COALESCE(m.shortcode, ?) AS paid_to
            FROM \(LeaseDetails.tables) LEFT JOIN mpesa_settings m ON m.landlord_id = l.landlord_id
            WHERE u.account_no IN (\(sqlPlaceholders(accounts.count))) AND l.open_unit_id = u.id
            """, parameters: [defaultShortcode] + accounts)
        {
            let basis = try ReceiptBasis(row: row)
            // Keyed as the caller's canonical account numbers are (the column compares without case).
            let account = PaybillAccount.canonical(basis.lease.accountNumber ?? "")
            found[PaybillKey(account: account, shortcode: try row.string("paid_to"))] = basis
        }
        return found
    }

    /// The ledger entries that have these receipts, by receipt.
    func payments(receipts: [String]) throws -> [String: PaymentID] {
        guard !receipts.isEmpty else { return [:] }
        var found: [String: PaymentID] = [:]
        for row in try db.query(
            "SELECT id, receipt FROM payments WHERE receipt IN (\(sqlPlaceholders(receipts.count)))",
            parameters: receipts)
        {
            found[try row.string("receipt")] = PaymentID(try row.int64("id"))
        }
        return found
    }

    /// Stores, in one statement, each payment whose TransID is not stored yet (`insertOnce` for
    /// several); returns the ids of those it stored, by TransID. Give them in TransID order, so that
    /// concurrent transactions take the unique keys in one order and wait rather than deadlock.
    /// `IGNORE` skips only a TransID stored already: the table has no other unique key and no
    /// foreign key, and every value fits its column (`C2BNotification.parse` bounds them).
    func insertNew(_ payments: [NewC2BPayment]) throws -> [String: Int64] {
        guard !payments.isEmpty else { return [:] }
        var stored: [String: Int64] = [:]
        for row in try db.query(Self.insertNew.sql(rows: payments.count), parameters: payments.flatMap(\.parameters)) {
            stored[try row.string("trans_id")] = try row.int64("id")
        }
        return stored
    }

    private static let insertNew = RowStatement(
        head: "INSERT IGNORE INTO \(NewC2BPayment.into)", row: NewC2BPayment.row, tail: " RETURNING id, trans_id")

    /// Links stored payments to their ledger entries, with the commit: one statement each, by
    /// primary key, so that none scans rows a concurrent insert holds (one `IN` list did so, on a
    /// small table, and deadlocked with it).
    func linkAtCommit(_ links: [(id: Int64, payment: PaymentID)]) throws {
        for link in links {
            try db.executeAtCommit("UPDATE c2b_payments SET payment_id = ? WHERE id = ?", link.payment.raw, link.id)
        }
    }
}
