import Daraja
import Foundation
import MariaDB
import XCTest

@testable import NyumbaApp

/// Paybill confirmations that arrive together (`C2BPayments.confirm(batch:keep:)`): most of them
/// settled in one transaction, each still ending as it would alone.
final class C2BBatchTests: XCTestCase {
    private var app: AppHarness!
    private var landlord: AppHarness.Landlord!
    private var place: AppHarness.Place!
    /// The leases of units A1 to A4, and their account numbers.
    private var leases: [Int] = []
    private var accounts: [String] = []

    override func setUpWithError() throws {
        app = try AppHarness()
        landlord = try app.signUpLandlord()
        place = try app.addProperty(landlord)
        for (index, unit) in ["A1", "A2", "A3", "A4"].enumerated() {
            let tenant = try app.approve(
                try app.signUpTenant(to: place, name: "Tenant \(index + 1)"), by: landlord, place: place, unit: unit,
                start: CalendarDay(2026, 1, 1))
            leases.append(try XCTUnwrap(tenant.leaseID))
            accounts.append(
                try XCTUnwrap(
                    app.value("SELECT account_no FROM units WHERE property_id = ? AND label = ?", [place.id, unit])))
        }
    }

    override func tearDown() { app = nil }

    private var payments: C2BPayments {
        C2BPayments(db: app.db, views: app.app.views, config: app.app.config, versions: app.app.versions)
    }

    private static func confirmation(_ transID: String, _ amount: Int, account: String) -> C2BNotification {
        C2BNotification(
            transID: transID, transTime: "20260115093000", amount: amount, businessShortCode: "174379",
            billRefNumber: account, msisdn: "254722000111", firstName: "JANE")
    }

    /// The commits of the harness's connection so far.
    private func commits() throws -> Int {
        Int(try XCTUnwrap(try app.db.queryOne("SHOW SESSION STATUS LIKE 'Com_commit'")?.string("Value"))) ?? 0
    }

    /// Two payments to one lease, a typed account number, a duplicate in the batch, an unknown
    /// account number, a TransID an STK callback brought to the ledger before, and one stored
    /// before unmatched: each ends as it would alone, with one payment and one receipt per
    /// recorded TransID, linked to its ledger entry, and the receipts' balances as if one by one.
    func testABatchOfConfirmationsSettlesEachAsItWouldAlone() throws {
        // In the ledger through an STK callback (the same receipt), and stored before unmatched.
        try app.recordManualPayment(1, lease: leases[2], by: landlord)
        try app.db.execute("UPDATE payments SET channel = 'stk', receipt = 'QB00000006' WHERE lease_id = ?", leases[2])
        XCTAssertEqual(try payments.confirm(Self.confirmation("QB00000007", 2_000, account: "NOBODY9")), .unmatched)
        let typed = accounts[1].lowercased().map(String.init).joined(separator: "-")
        let batch = [
            Self.confirmation("QB00000001", 5_000, account: accounts[0]),
            Self.confirmation("QB00000002", 4_000, account: typed),
            Self.confirmation("QB00000003", 3_000, account: accounts[0]),
            Self.confirmation("QB00000001", 5_000, account: accounts[0]),
            Self.confirmation("QB00000005", 700, account: "NOBODY9"),
            Self.confirmation("QB00000006", 6_000, account: accounts[2]),
            Self.confirmation("QB00000007", 2_000, account: accounts[3]),
        ]
        let commits = try self.commits()
        var kept: [Int] = []
        // Alone, a TransID stored before unmatched rolls its transaction back (`AlreadyStored`): a duplicate.
        let outcomes = try payments.confirm(batch: batch) { index, _ in kept.append(index) }.map { result in
            if case .failure(let error) = result, error is C2BPayments.AlreadyStored {
                return C2BPayments.Outcome.duplicate
            }
            return try result.get()
        }
        XCTAssertEqual(kept.sorted(), Array(0..<7), "each outcome kept once, in its settlement's transaction")
        XCTAssertEqual(outcomes, [.recorded, .recorded, .recorded, .duplicate, .unmatched, .inLedger, .duplicate])
        XCTAssertEqual(
            try self.commits() - commits, 3,
            "the batch's transaction, then the lease's second payment and the unmatched one alone")
        XCTAssertEqual(
            try app.rows("SELECT lease_id, amount, channel FROM payments WHERE receipt LIKE 'QB%' ORDER BY receipt"),
            [
                ["\(leases[0])", "5000", "c2b"], ["\(leases[1])", "4000", "c2b"], ["\(leases[0])", "3000", "c2b"],
                ["\(leases[2])", "1", "stk"],
            ])
        // Each stored once, linked to the ledger entry of its receipt (none for the unmatched ones).
        XCTAssertEqual(
            try app.rows(
                """
                SELECT c.trans_id, c.status, c.lease_id, c.payment_id = p.id FROM c2b_payments c
                LEFT JOIN payments p ON p.receipt = c.trans_id ORDER BY c.trans_id
                """),
            [
                ["QB00000001", "recorded", "\(leases[0])", "1"], ["QB00000002", "recorded", "\(leases[1])", "1"],
                ["QB00000003", "recorded", "\(leases[0])", "1"], ["QB00000005", "unmatched", nil, nil],
                ["QB00000006", "duplicate", "\(leases[2])", "1"], ["QB00000007", "unmatched", nil, nil],
            ])
        XCTAssertEqual(
            try app.rows("SELECT id, total_paid FROM leases WHERE id IN (?, ?) ORDER BY id", [leases[0], leases[1]]),
            [["\(leases[0])", "8000"], ["\(leases[1])", "4000"]])
        XCTAssertEqual(
            try app.count(
                "SELECT SUM(collected) FROM property_month_totals WHERE property_id = ?", [place.id]), 12_001)
        XCTAssertEqual(
            try app.rows(
                "SELECT channel, COUNT(*) FROM outbox WHERE kind = 'payment_receipt' GROUP BY channel ORDER BY 1"),
            [["email", "3"], ["sms", "3"]], "the tenants' receipts of the three recorded payments")
        // The first lease's two receipts: the second one's balance counts the first payment too.
        let balances = try app.rows(
            "SELECT text_body FROM outbox WHERE kind = 'payment_receipt' AND channel = 'email' AND recipient = "
                + "(SELECT email FROM users WHERE id = (SELECT tenant_id FROM leases WHERE id = ?)) ORDER BY id",
            [leases[0]]
        ).map { row in
            row[0]!.split(separator: "\n").first { $0.contains("Balance:") }.map { String($0) } ?? ""
        }
        // As of the day paid (15 January 2026): January's rent of 10,000 less what was paid by then.
        XCTAssertEqual(balances.map { Int($0.filter(\.isNumber)) }, [5_000, 2_000], "\(balances)")
    }

    /// Confirmations of the same TransIDs in two batches at once, on two connections, in
    /// different orders: each TransID is stored once and in the ledger once.
    func testConcurrentBatchesWithTheSameTransIDsRecordEachOnce() throws {
        let application = app.app
        let accounts = accounts
        let transIDs = (1...4).map { "QC0000000\($0)" }
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let db = Connection(url: application.config.databaseURL)
            let batch = zip(transIDs, accounts).map { Self.confirmation($0, 1_000, account: $1) }
            let payments = C2BPayments(
                db: db, views: application.views, config: application.config, versions: application.versions)
            for _ in 0..<5 {
                let results = payments.confirm(batch: worker == 0 ? batch : batch.reversed()) { _, _ in }
                XCTAssertTrue(results.allSatisfy { (try? $0.get()) != nil }, "\(results)")
            }
        }
        XCTAssertEqual(
            try app.rows(
                "SELECT receipt, COUNT(*) FROM payments WHERE receipt LIKE 'QC%' GROUP BY receipt ORDER BY receipt"),
            transIDs.map { [$0, "1"] })
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM c2b_payments WHERE status = 'recorded'"), 4)
        XCTAssertEqual(
            try app.count("SELECT SUM(total_paid) FROM leases WHERE id IN (?, ?, ?, ?)", leases), 4_000)
    }

    /// An STK callback records the same receipt while the batch runs (Safaricom may send both for
    /// one payment): the batch's ledger insert waits for it, finds the receipt taken and rolls back,
    /// and each confirmation is settled alone. One payment for the receipt, the other recorded.
    func testAReceiptCommittedByAnSTKCallbackDuringTheBatchLeavesOnePayment() throws {
        nonisolated(unsafe) let other = Connection(url: app.app.config.databaseURL)
        try other.execute("START TRANSACTION")
        try other.execute(
            """
            INSERT INTO payments (lease_id, tenant_id, landlord_id, property_id, unit_id, amount, channel, receipt,
                                  paid_at, recorded_at)
            SELECT id, tenant_id, landlord_id, property_id, unit_id, 5000, 'stk', 'QD00000001', UTC_TIMESTAMP(6),
                   UTC_TIMESTAMP(6) FROM leases WHERE id = ?
            """, leases[2])
        let committed = expectation(description: "the STK payment committed")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            _ = try? other.execute("COMMIT")
            committed.fulfill()
        }
        let batch = [
            Self.confirmation("QD00000001", 5_000, account: accounts[0]),
            Self.confirmation("QD00000002", 4_000, account: accounts[1]),
        ]
        let outcomes = try payments.confirm(batch: batch) { _, _ in }.map { try $0.get() }
        wait(for: [committed], timeout: 10)
        XCTAssertEqual(outcomes, [.inLedger, .recorded])
        XCTAssertEqual(
            try app.rows("SELECT lease_id, channel FROM payments WHERE receipt LIKE 'QD%' ORDER BY receipt"),
            [["\(leases[2])", "stk"], ["\(leases[1])", "c2b"]])
        XCTAssertEqual(
            try app.rows(
                """
                SELECT c.trans_id, c.status, c.payment_id = p.id FROM c2b_payments c
                JOIN payments p ON p.receipt = c.trans_id ORDER BY c.trans_id
                """),
            [["QD00000001", "duplicate", "1"], ["QD00000002", "recorded", "1"]])
        XCTAssertEqual(try app.count("SELECT total_paid FROM leases WHERE id = ?", [leases[0]]), 0)
    }
}
