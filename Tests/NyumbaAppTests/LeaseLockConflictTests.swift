import Dispatch
import Foundation
import MariaDB
import XCTest

@testable import NyumbaApp

/// A payment holds its lease row shared (the foreign key of its insert) until its commit updates
/// the lease's total, so a transaction that locks the lease meanwhile deadlocks with it, and
/// InnoDB undoes one of the two. That one runs again: the tenant asking for a prompt, or the
/// landlord adding a charge, sees no error, and both changes are kept.
final class LeaseLockConflictTests: XCTestCase {
    private var app: AppHarness!
    private var lease: LeaseDetails!

    override func setUpWithError() throws {
        app = try AppHarness()
        let landlord = try app.signUpLandlord()
        let place = try app.addProperty(landlord, units: 2)
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, start: CalendarDay(2026, 11, 1))
        lease = try XCTUnwrap(
            LedgerStore(db: app.db).lease(
                LeaseID(Int64(try XCTUnwrap(tenant.leaseID))), landlord: UserID(Int64(landlord.id))))
    }

    override func tearDown() { app = nil }

    func testAPushOpenedWhileAPaymentToTheLeaseCommitsIsOpened() throws {
        let store = PaymentRequestStore(db: app.db)
        let payable = try XCTUnwrap(try store.payableLease(tenant: lease.tenantID))
        let opened = try whileAPaymentCommits(4_000) {
            try store.open(
                payable, tenant: lease.tenantID, amount: 6_000, phone: "254722000111", shortcode: "174379",
                firstQueryAfter: 60)
        }
        guard case .success = opened else { return XCTFail("refused: \(opened)") }
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM payment_requests WHERE lease_id = ?", [lease.id.raw]), 1)
        XCTAssertEqual(try app.value("SELECT total_paid FROM leases WHERE id = ?", [lease.id.raw]), "4000")
    }

    func testAChargeAddedWhileAPaymentToTheLeaseCommitsIsAdded() throws {
        let charge = NewCharge(
            lease: lease, kind: .utility, amount: 1_500, dueOn: CalendarDay(2026, 12, 5), description: "Water")
        let added = try whileAPaymentCommits(4_000) {
            try ChargeStore(db: app.db).add(charge, versions: app.app.versions)
        }
        XCTAssertNotNil(added)
        XCTAssertEqual(
            try app.rows("SELECT total_paid, total_charged FROM leases WHERE id = ?", [lease.id.raw]),
            [["4000", "1500"]])
    }

    /// Runs `action` on the harness's connection while another connection records a payment of
    /// `amount` to the lease and holds its transaction open for a moment; checks that InnoDB did
    /// find a deadlock between them (else this proves nothing) and that the payment was kept,
    /// whichever of the two InnoDB undid.
    private func whileAPaymentCommits<T>(_ amount: Int, _ action: () throws -> T) throws -> T {
        let deadlocksBefore = try deadlocks()
        let entry = LedgerEntry(
            leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID,
            propertyID: lease.propertyID.raw, unitID: lease.unitID.raw, amount: amount, channel: .manual,
            paidAt: Date(), recordedBy: lease.landlordID, method: .cash)
        let (url, versions) = (app.app.config.databaseURL, app.app.versions)
        let inserted = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var paymentError: (any Error)?
        DispatchQueue.global().async {
            MariaDBClient.threadInit()
            let db = Connection(url: url)
            var waiting = true
            do {
                // As `PaymentRecorder` records one: run again if it is the victim.
                try LockConflictRetry.transaction(db) {
                    try LedgerStore(db: db).record(entry, versions: versions)
                    guard waiting else { return }
                    waiting = false
                    inserted.signal()
                    // The action now waits for the lease row; this commit's update of it deadlocks.
                    Thread.sleep(forTimeInterval: 0.5)
                }
            } catch {
                paymentError = error
            }
            if waiting { inserted.signal() }
            db.close()
            MariaDBClient.threadEnd()
            finished.signal()
        }
        inserted.wait()
        let result = Result { try action() }
        finished.wait()
        XCTAssertNil(paymentError, "the payment is kept")
        XCTAssertEqual(try deadlocks(), deadlocksBefore + 1, "InnoDB found the deadlock")
        return try result.get()
    }

    private func deadlocks() throws -> Int {
        Int(try XCTUnwrap(try app.rows("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'").first?[1])) ?? -1
    }
}
