import Foundation
import XCTest

@testable import NyumbaApp

/// Deposits: charged at approval (the property's months of rent, or what the landlord types), held
/// apart from rent (not expected income), and settled once when the lease has ended.
final class DepositTests: XCTestCase {
    private var app: AppHarness!
    private var landlord: AppHarness.Landlord!
    private var place: AppHarness.Place!
    private var today: CalendarDay!

    override func setUpWithError() throws {
        app = try AppHarness()
        landlord = try app.signUpLandlord()
        place = try app.addProperty(landlord, units: 4)
        today = CalendarDay.nairobi()
        let settings = try landlord.browser.post(
            "/landlord/properties/\(place.id)/charges", from: "/landlord/properties/\(place.id)/charges",
            ["lateFeeKind": "none", "lateFeeDays": "5", "depositMonths": "2"])
        XCTAssertEqual(settings.status, 303)
    }

    override func tearDown() { app = nil }

    private func approve(_ unit: String, deposit: String?, start: CalendarDay) throws -> HarnessResponse {
        let tenant = try app.signUpTenant(to: place, name: "Tenant \(unit)")
        let request = try app.count(
            "SELECT id FROM tenancy_requests WHERE tenant_id = ? ORDER BY id DESC LIMIT 1", [tenant.id])
        let unitID = try app.count("SELECT id FROM units WHERE property_id = ? AND label = ?", [place.id, unit])
        var form = ["unit": String(unitID), "rent": "10000", "start": start.description, "dueDay": "5"]
        if let deposit { form["deposit"] = deposit }
        return try landlord.browser.post(
            "/landlord/requests/\(request)/approve", from: "/landlord/notifications", form)
    }

    private func leaseID(_ unit: String) throws -> Int {
        try app.count(
            "SELECT l.id FROM leases l JOIN units u ON u.id = l.unit_id WHERE u.property_id = ? AND u.label = ?",
            [place.id, unit])
    }

    private func deposits(_ lease: Int) throws -> [[String?]] {
        try app.rows("SELECT amount, due_on FROM charges WHERE lease_id = ? AND kind = 'deposit'", [lease])
    }

    func testTheDepositIsChargedAtApprovalAndIsNotIncome() throws {
        let start = today.adding(days: -10)
        XCTAssertEqual(try approve("A1", deposit: nil, start: start).status, 303)
        XCTAssertEqual(try approve("A2", deposit: "5000", start: today.adding(days: 20)).status, 303)
        XCTAssertEqual(try approve("A3", deposit: "0", start: start).status, 303)
        XCTAssertEqual(try deposits(try leaseID("A1")), [["20000", start.description]])
        XCTAssertEqual(try deposits(try leaseID("A2")), [["5000", today.description]], "never dated ahead")
        XCTAssertEqual(try deposits(try leaseID("A3")), [])
        let leases = try app.count("SELECT COUNT(*) FROM leases")
        let bad = try approve("A4", deposit: "-1", start: start)
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(bad.text.contains("field-error"))
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM leases"), leases, "nothing changed")
        // Owed by the tenant, but not expected income on the dashboard.
        let a1 = LeaseID(Int64(try leaseID("A1")))
        let owed = try LedgerStore(db: app.db).balance(lease: a1)
        XCTAssertEqual(
            owed, RentSchedule(monthlyRent: 10_000, dueDay: 5, start: start, end: nil).rentDue(asOf: today) + 20_000)
        let figures = try dashboard("")
        XCTAssertEqual(
            figures["expected"] as? Int, 20_000 + (today.adding(days: 20).month == today.month ? 10_000 : 0))
    }

    private func dashboard(_ query: String) throws -> [String: Any] {
        try XCTUnwrap(
            JSONSerialization.jsonObject(
                with: Data(landlord.browser.get("/api/v1/landlord/dashboard?\(query)").text.utf8)) as? [String: Any])
    }

    /// A payment's part that pays the deposit (the oldest item) is held, not collected rent: on the month,
    /// the chart, a range of days cut through months, per property and per lease.
    func testWhatPaysTheDepositIsNotCollectedRent() throws {
        let first = MonthMath.first(today.monthIndex - 3)
        XCTAssertEqual(try approve("A1", deposit: nil, start: first).status, 303)
        let id = try leaseID("A1")
        let lease = try XCTUnwrap(
            LedgerStore(db: app.db).lease(LeaseID(Int64(id)), landlord: UserID(Int64(landlord.id))))
        func pay(_ amount: Int, on day: CalendarDay) throws {
            try LedgerStore(db: app.db).record(
                LedgerEntry(
                    leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID,
                    propertyID: lease.propertyID.raw, unitID: lease.unitID.raw, amount: amount, channel: .manual,
                    paidAt: MonthMath.start(of: day).addingTimeInterval(10 * 3600), recordedBy: lease.landlordID,
                    method: .cash), versions: app.app.versions)
        }
        // Deposit 20,000: the first payment goes to it whole, the second half and half, the third is rent.
        try pay(15_000, on: first.adding(days: 2))
        try pay(10_000, on: first.adding(days: 19))
        try pay(10_000, on: MonthMath.first(today.monthIndex - 2).adding(days: 1))
        let month = MonthMath.iso(today.monthIndex - 3)
        let next = MonthMath.iso(today.monthIndex - 2)
        XCTAssertEqual(try dashboard("month=\(month)")["collected"] as? Int, 5_000)
        XCTAssertEqual(try dashboard("month=\(next)")["collected"] as? Int, 10_000)
        XCTAssertEqual(try dashboard("month=\(month)&property_id=\(place.id)")["collected"] as? Int, 5_000)
        XCTAssertEqual(try dashboard("month=\(month)&lease_id=\(id)")["collected"] as? Int, 5_000)
        let chart = try XCTUnwrap(try dashboard("")["months"] as? [[String: Any]])
        let byMonth = Dictionary(
            uniqueKeysWithValues: chart.map { ($0["month"] as? String ?? "", $0["collected"] as? Int) })
        XCTAssertEqual(byMonth[month], 5_000)
        XCTAssertEqual(byMonth[next], 10_000)
        // Ranges of days, read from the payments: the deposit part is taken by the month's payments in order.
        for (from, to, collected) in [
            (first, first.adding(days: 9), 0),
            (first, first.adding(days: 24), 5_000),
            (first.adding(days: 14), MonthMath.first(today.monthIndex - 2).adding(days: 4), 15_000),
        ] {
            XCTAssertEqual(
                try dashboard("from=\(from)&to=\(to)")["collected"] as? Int, collected, "\(from)…\(to)")
        }
        // An independent computation over the raw rows: everything paid less the deposit.
        XCTAssertEqual(
            try app.count("SELECT SUM(collected - deposit_collected) FROM lease_month_totals WHERE lease_id = ?", [id]),
            try app.count("SELECT SUM(amount) FROM payments WHERE lease_id = ?", [id]) - 20_000)
        XCTAssertEqual(
            try app.count(
                "SELECT SUM(collected - deposit_collected) FROM property_month_totals WHERE property_id = ?",
                [place.id]), 15_000)
    }

    func testADepositIsSettledOnceWhenTheLeaseHasEnded() throws {
        XCTAssertEqual(try approve("A1", deposit: nil, start: today.adding(days: -70)).status, 303)
        let id = try leaseID("A1")
        let page = "/landlord/leases/\(id)/charges"
        let path = "/landlord/leases/\(id)/deposit"
        let open = try landlord.browser.post(path, from: page, ["refunded": "20000", "kept": "0", "reason": ""])
        XCTAssertEqual(open.status, 409)
        XCTAssertTrue(open.text.contains("End the lease first"))
        XCTAssertEqual(
            try landlord.browser.post(
                "/landlord/leases/\(id)/end", from: "/landlord/leases/\(id)", ["end": today.description]
            ).status, 303)
        // Paid all but 3,000 of what is owed: the deposit is held in full.
        let lease = try XCTUnwrap(
            LedgerStore(db: app.db).lease(LeaseID(Int64(id)), landlord: UserID(Int64(landlord.id))))
        let owedBefore = lease.balance(asOf: today)
        try LedgerStore(db: app.db).record(
            LedgerEntry(
                leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID,
                propertyID: lease.propertyID.raw, unitID: lease.unitID.raw, amount: owedBefore - 3_000,
                channel: .manual,
                paidAt: Date(), recordedBy: lease.landlordID, method: .cash), versions: app.app.versions)
        let held = try dashboard("")
        XCTAssertEqual((held["deposits_held"] as? [[String: Any]])?.first?["amount"] as? Int, 20_000)
        let shown = landlord.browser.get(page).text
        XCTAssertTrue(shown.contains("data-deposit"))
        XCTAssertTrue(shown.contains("held KES 20,000"), shown)
        let before =
            try app.count("SELECT COUNT(*) FROM charges") + app.count("SELECT COUNT(*) FROM deposit_settlements")
        for (refunded, kept, reason, message) in [
            ("15000", "4000", "", "add up to the deposit held"),
            ("15000", "5000", "Repairs", "at most what the tenant owes"),
            ("17000", "3000", "", "Say what the deposit is kept for"),
            ("17000", "x", "Rent", "Enter a whole number"),
        ] {
            let response = try landlord.browser.post(
                path, from: page, ["refunded": refunded, "kept": kept, "reason": reason])
            XCTAssertEqual(response.status, 400, message)
            XCTAssertTrue(response.text.contains(message), message)
            XCTAssertEqual(
                try app.count("SELECT COUNT(*) FROM charges") + app.count("SELECT COUNT(*) FROM deposit_settlements"),
                before, message)
        }
        XCTAssertEqual(
            try landlord.browser.post(
                path, from: page, ["refunded": "17000", "kept": "3000", "reason": "Last month's rent"]
            )
            .status, 303)
        XCTAssertEqual(
            try app.rows("SELECT deposit, held, refunded, kept FROM deposit_settlements WHERE lease_id = ?", [id]),
            [["20000", "20000", "17000", "3000"]])
        XCTAssertEqual(try LedgerStore(db: app.db).balance(lease: LeaseID(Int64(id))), 0)
        XCTAssertEqual(
            try landlord.browser.post(path, from: page, ["refunded": "17000", "kept": "3000", "reason": "x"]).status,
            409)
        XCTAssertTrue(landlord.browser.get(page).text.contains("data-deposit-settled"))
        let figures = try dashboard("")
        XCTAssertEqual((figures["deposits_held"] as? [Any])?.count, 0, "a settled deposit is no longer held")
    }

    /// The tenant's last payment is being recorded when the landlord settles the deposit with the
    /// lease as the page read it (owing 3,000): the settlement waits for it and counts it, so the
    /// deposit cannot be kept for rent that is paid.
    func testAPaymentBeingRecordedWhileTheDepositIsSettledCounts() throws {
        XCTAssertEqual(try approve("A1", deposit: nil, start: today.adding(days: -70)).status, 303)
        let id = try leaseID("A1")
        XCTAssertEqual(
            try landlord.browser.post(
                "/landlord/leases/\(id)/end", from: "/landlord/leases/\(id)", ["end": today.description]
            ).status, 303)
        let ledger = LedgerStore(db: app.db)
        let lease = try XCTUnwrap(ledger.lease(LeaseID(Int64(id)), landlord: UserID(Int64(landlord.id))))
        func payment(_ amount: Int) -> LedgerEntry {
            LedgerEntry(
                leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID,
                propertyID: lease.propertyID.raw, unitID: lease.unitID.raw, amount: amount, channel: .manual,
                paidAt: Date(), recordedBy: lease.landlordID, method: .cash)
        }
        try ledger.record(payment(lease.balance(asOf: today) - 3_000), versions: app.app.versions)
        let shown = try XCTUnwrap(ledger.lease(lease.id, landlord: lease.landlordID))
        XCTAssertEqual(shown.balance(asOf: today), 3_000)

        let outcome = try app.whileRecording(payment(3_000)) {
            try Deposits(db: app.db, versions: app.app.versions).settle(
                shown, refunded: 17_000, kept: 3_000, reason: "Rent", by: lease.landlordID, today: today)
        }
        XCTAssertEqual(outcome, .invalid(Words("deposit.keep_at_most", amounts: ["owed": 0]), field: "kept"))
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM deposit_settlements WHERE lease_id = ?", [id]), 0)
        XCTAssertEqual(try ledger.balance(lease: lease.id), 0)
    }
}
