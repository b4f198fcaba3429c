import Dispatch
import Foundation
import MariaDB
import Synchronization
import XCTest

@testable import NyumbaApp

/// Late fees per property, applied by the background loop on pinned days: once per lease and period
/// whatever number of loops run, never to a tenant who paid on time, and waivable with a reason.
final class LateFeeTests: XCTestCase {
    private var app: AppHarness!
    private var landlord: AppHarness.Landlord!
    private var place: AppHarness.Place!

    override func setUpWithError() throws {
        app = try AppHarness()
        landlord = try app.signUpLandlord()
        place = try app.addProperty(landlord, units: 4)
    }

    override func tearDown() { app = nil }

    private func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    /// A lease of 10,000 a month on unit `unit`, from `start`.
    private func lease(_ unit: String = "A1", start: String, dueDay: Int) throws -> LeaseDetails {
        let tenant = try app.approve(
            try app.signUpTenant(to: place, name: "Tenant \(unit)"), by: landlord, place: place, unit: unit,
            rent: 10_000, start: day(start), dueDay: dueDay)
        return try XCTUnwrap(
            LedgerStore(db: app.db).lease(
                LeaseID(Int64(try XCTUnwrap(tenant.leaseID))), landlord: UserID(Int64(landlord.id))))
    }

    private func setLateFee(_ kind: String, _ amount: String, days: String) throws -> HarnessResponse {
        try landlord.browser.post(
            "/landlord/properties/\(place.id)/charges", from: "/landlord/properties/\(place.id)/charges",
            ["lateFeeKind": kind, "lateFeeAmount": amount, "lateFeeDays": days])
    }

    private func pay(_ lease: LeaseDetails, _ amount: Int, on text: String) throws {
        let entry = LedgerEntry(
            leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID, propertyID: lease.propertyID.raw,
            unitID: lease.unitID.raw, amount: amount, channel: .manual,
            paidAt: day(text).utcMidnight.addingTimeInterval(9 * 3600), recordedBy: lease.landlordID, method: .cash)
        try LedgerStore(db: app.db).record(entry, versions: app.app.versions)
    }

    private func run(_ text: String) throws -> Int {
        try LateFees(db: app.db, versions: app.app.versions).run(today: day(text))
    }

    private func fees(_ lease: LeaseDetails) throws -> [[String?]] {
        try app.rows(
            "SELECT amount, due_on FROM charges WHERE lease_id = ? AND kind = 'late_fee' ORDER BY id", [lease.id.raw])
    }

    func testAPercentageIsAppliedOnceWithTwoLoopsRunning() throws {
        XCTAssertEqual(try setLateFee("percent", "10", days: "5").status, 303)
        let owing = try lease("A1", start: "2026-01-01", dueDay: 5)
        let paidUp = try lease("A2", start: "2026-01-01", dueDay: 5)
        try pay(owing, 4_000, on: "2026-03-03")
        try pay(paidUp, 30_000, on: "2026-03-05")  // on the due day: on time
        XCTAssertEqual(try run("2026-03-09"), 0, "a day early")
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM late_fee_checks"), 0)
        // Two loops, each with its own connection, on the same day at the same moment.
        let url = app.app.config.databaseURL
        let versions = app.app.versions
        let applied = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            MariaDBClient.threadInit()
            let db = Connection(url: url)
            let count = (try? LateFees(db: db, versions: versions).run(today: CalendarDay(2026, 3, 10))) ?? -100
            applied.add(count, ordering: .relaxed)
            db.close()
            MariaDBClient.threadEnd()
        }
        XCTAssertEqual(applied.load(ordering: .relaxed), 1)
        XCTAssertEqual(try run("2026-03-10"), 0, "a third pass")
        // 30,000 due by 5 March, 4,000 paid: 10% of the period's 10,000 rent still unpaid.
        XCTAssertEqual(try fees(owing), [["1000", "2026-03-10"]])
        XCTAssertEqual(try fees(paidUp), [])
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM late_fee_checks WHERE charge_id IS NULL"), 1)
        XCTAssertEqual(
            try LedgerStore(db: app.db).balance(lease: owing.id, asOf: day("2026-03-10")), 30_000 + 1_000 - 4_000)
    }

    func testAPaymentBeingRecordedWhileTheFeeIsWorkedOutCounts() throws {
        XCTAssertEqual(try setLateFee("fixed", "500", days: "5").status, 303)
        let lease = try lease("A1", start: "2026-01-01", dueDay: 5)
        try pay(lease, 20_000, on: "2026-03-01")
        // The rest of March's rent is being recorded (its lease locked first, as `PaymentRecorder`
        // does) when the late fee check of 10 March runs: the check waits for it, and owes nothing.
        let entry = LedgerEntry(
            leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID, propertyID: lease.propertyID.raw,
            unitID: lease.unitID.raw, amount: 10_000, channel: .manual, paidAt: day("2026-03-10").utcMidnight,
            recordedBy: lease.landlordID, method: .cash)
        XCTAssertEqual(try app.whileRecording(entry) { try run("2026-03-10") }, 0)
        XCTAssertEqual(try fees(lease), [])
        XCTAssertEqual(try LedgerStore(db: app.db).balance(lease: lease.id, asOf: day("2026-03-10")), 0)
    }

    func testAFixedFeeAfterTheTwentyEighthAndOverNewYear() throws {
        XCTAssertEqual(try setLateFee("fixed", "750", days: "4").status, 303)
        let lease = try lease(start: "2026-01-15", dueDay: 28)
        // 28 February + 4 days is 4 March; 28 December + 4 days is 1 January (the December period).
        XCTAssertEqual(try run("2026-03-03"), 0)
        XCTAssertEqual(try run("2026-03-04"), 1)
        XCTAssertEqual(try run("2027-01-01"), 1)
        XCTAssertEqual(try run("2027-01-01"), 0)
        XCTAssertEqual(try fees(lease), [["750", "2026-03-04"], ["750", "2027-01-01"]])
        XCTAssertEqual(
            try app.rows("SELECT period FROM late_fee_checks WHERE lease_id = ? ORDER BY period", [lease.id.raw]),
            [["2026-02-01"], ["2026-12-01"]])
    }

    func testNoLateFeeWhenOffOrBeforeTheLeaseStarted() throws {
        let lease = try lease(start: "2026-03-07", dueDay: 5)
        XCTAssertEqual(try run("2026-03-10"), 0, "no setting")
        XCTAssertEqual(try setLateFee("fixed", "500", days: "5").status, 303)
        XCTAssertEqual(try run("2026-03-10"), 0, "the lease started after the due day")
        XCTAssertEqual(try setLateFee("none", "", days: "5").status, 303)
        XCTAssertEqual(try run("2026-04-10"), 0, "turned off")
        XCTAssertEqual(try fees(lease), [])
    }

    func testTheLandlordWaivesALateFeeWithAReason() throws {
        XCTAssertEqual(try setLateFee("fixed", "1000", days: "2").status, 303)
        let lease = try lease(start: "2026-01-01", dueDay: 5)
        XCTAssertEqual(try run("2026-02-07"), 1)
        let before = try LedgerStore(db: app.db).balance(lease: lease.id, asOf: day("2026-03-01"))
        let fee = try app.count("SELECT id FROM charges WHERE kind = 'late_fee' AND lease_id = ?", [lease.id.raw])
        let page = "/landlord/leases/\(lease.id)/charges"
        XCTAssertEqual(
            try landlord.browser.post("\(page)/\(fee)/reverse", from: page, ["reason": "First time late"]).status, 303)
        XCTAssertEqual(
            try LedgerStore(db: app.db).balance(lease: lease.id, asOf: day("2026-03-01")), before - 1_000)
        XCTAssertTrue(landlord.browser.get(page).text.contains("Late fee waived"))
        // The period stays claimed: the fee is not applied again.
        XCTAssertEqual(try run("2026-02-07"), 0)
    }

    func testBadSettingsAreRefusedAndChangeNothing() throws {
        for (kind, amount, days, field) in [
            ("fixed", "", "5", "lateFeeAmount"), ("percent", "150", "5", "lateFeeAmount"),
            ("fixed", "500", "0", "lateFeeDays"), ("fixed", "500", "29", "lateFeeDays"),
            ("weekly", "500", "5", "lateFeeKind"),
        ] {
            let response = try setLateFee(kind, amount, days: days)
            XCTAssertEqual(response.status, 400, "\(kind) \(amount) \(days)")
            XCTAssertTrue(response.text.contains("field-error"))
            XCTAssertTrue(response.text.contains(#"name="\#(field)""#))
        }
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM property_charge_settings"), 0)
        let other = try app.signUpLandlord("Other Landlord")
        let theirs = try other.browser.post(
            "/landlord/properties/\(place.id)/charges", from: "/landlord/properties",
            ["lateFeeKind": "fixed", "lateFeeAmount": "500", "lateFeeDays": "5"])
        XCTAssertEqual(theirs.status, 404)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM property_charge_settings"), 0)
    }
}
