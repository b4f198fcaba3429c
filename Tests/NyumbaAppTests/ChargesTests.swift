import Foundation
import XCTest

@testable import NyumbaApp

/// One account per lease: rent falling due, charges, credits and payments, read by every figure the
/// app shows. Expectations come from a second, simple computation in the test (rent counted due day
/// by due day, charges and payments summed over the raw rows), on pinned days.
final class ChargesTests: XCTestCase {
    private var app: AppHarness!
    private var landlord: AppHarness.Landlord!
    private var place: AppHarness.Place!

    override func setUpWithError() throws {
        app = try AppHarness()
        landlord = try app.signUpLandlord()
        place = try app.addProperty(landlord, units: 4)
    }

    override func tearDown() { app = nil }

    // MARK: - The independent computation

    /// Rent due by `day`: one month's rent per due day from the start (inclusive) to `day` (inclusive),
    /// before the end date.
    private func rentDue(_ lease: Int, by day: CalendarDay) throws -> Int {
        let row = try app.rows(
            "SELECT monthly_rent, due_day, start_date, end_date FROM leases WHERE id = ?", [lease])[0]
        let rent = Int(row[0]!)!
        let dueDay = Int(row[1]!)!
        let start = CalendarDay(iso: row[2]!)!
        let end = row[3].flatMap { CalendarDay(iso: $0) }
        var (year, month, due) = (start.year, start.month, 0)
        while (year, month) <= (day.year, day.month) {
            let date = CalendarDay(year, month, dueDay)
            if date >= start && date <= day && end.map({ date < $0 }) ?? true { due += rent }
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return due
    }

    /// What the lease owes at the end of `day` in Nairobi, from the raw rows.
    private func owed(_ lease: Int, by day: CalendarDay) throws -> Int {
        let charged = try app.count(
            "SELECT COALESCE(SUM(amount), 0) FROM charges WHERE lease_id = ? AND due_on <= ?", [lease, day.description])
        // The end of a Nairobi day is 21:00 UTC of that day.
        let paid = try app.count(
            "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE lease_id = ? AND paid_at < ? + INTERVAL 21 HOUR",
            [lease, day.description])
        return try rentDue(lease, by: day) + charged - paid
    }

    // MARK: - Helpers

    private func lease(_ tenant: AppHarness.Tenant) throws -> LeaseDetails {
        try XCTUnwrap(
            LedgerStore(db: app.db).lease(
                LeaseID(Int64(try XCTUnwrap(tenant.leaseID))), landlord: UserID(Int64(landlord.id))))
    }

    private func charge(_ lease: LeaseDetails, _ kind: ChargeKind, _ amount: Int, on day: String, reason: String? = nil)
        throws
    {
        try ChargeStore(db: app.db).add(
            NewCharge(
                lease: lease, kind: kind, amount: amount, dueOn: CalendarDay(iso: day)!, description: kind.label,
                reason: reason), versions: app.app.versions)
    }

    /// A payment at an exact instant (UTC), through the ledger as every channel records one.
    private func pay(_ lease: LeaseDetails, _ amount: Int, atUTC text: String) throws {
        let formatter = ISO8601DateFormatter()
        let entry = LedgerEntry(
            leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID, propertyID: lease.propertyID.raw,
            unitID: lease.unitID.raw, amount: amount, channel: .manual, paidAt: formatter.date(from: text)!,
            recordedBy: lease.landlordID, method: .cash)
        try LedgerStore(db: app.db).record(entry, versions: app.app.versions)
    }

    private func json(_ response: HarnessResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    private func addCharge(_ lease: Int, _ form: [String: String]) throws -> HarnessResponse {
        try landlord.browser.post("/landlord/leases/\(lease)/charges", from: "/landlord/leases/\(lease)/charges", form)
    }

    // MARK: - Tests

    func testTheAccountOnPinnedDaysEqualsTheRawRows() throws {
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, unit: "A1", rent: 10_000,
            start: CalendarDay(2025, 10, 15), dueDay: 28)
        let other = try app.approve(
            try app.signUpTenant(to: place, name: "Wanjiru Kamau"), by: landlord, place: place, unit: "A2",
            rent: 7_500, start: CalendarDay(2025, 10, 15), dueDay: 1)
        for tenant in [tenant, other] {
            let lease = try lease(tenant)
            try charge(lease, .deposit, 20_000, on: "2025-10-15")
            try charge(lease, .utility, 1_350, on: "2025-12-31")
            try charge(lease, .lateFee, 1_000, on: "2026-01-31")
            try charge(lease, .credit, 500, on: "2026-02-28", reason: "Plumbing fixed by tenant")
            try pay(lease, 15_000, atUTC: "2025-10-20T09:00:00Z")
            try pay(lease, 10_000, atUTC: "2025-12-31T20:30:00Z")  // 23:30 on New Year's Eve in Nairobi
            try pay(lease, 8_000, atUTC: "2025-12-31T21:30:00Z")  // 00:30 on New Year's Day in Nairobi
            try pay(lease, 12_000, atUTC: "2026-02-28T10:00:00Z")
        }
        let days = [
            "2025-10-14", "2025-10-15", "2025-10-28", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-31",
            "2026-02-27", "2026-02-28", "2026-03-01", "2026-03-31", "2026-12-31", "2027-01-01", "2028-02-29",
        ].map { CalendarDay(iso: $0)! }
        let store = ChargeStore(db: app.db)
        for tenant in [tenant, other] {
            let id = try XCTUnwrap(tenant.leaseID)
            for day in days {
                let account = try XCTUnwrap(store.account(lease: LeaseID(Int64(id)), asOf: day))
                XCTAssertEqual(account.balance(asOf: day), try owed(id, by: day), "lease \(id) on \(day)")
            }
        }
        // By hand for the first lease (due on the 28th): rent for 28 Oct, 28 Nov, 28 Dec, a deposit
        // and water, less what was paid by 23:30 on New Year's Eve; the 00:30 payment is the next year's.
        let first = LeaseID(Int64(try XCTUnwrap(tenant.leaseID)))
        func balance(_ day: String) throws -> Int {
            try XCTUnwrap(store.account(lease: first, asOf: CalendarDay(iso: day)!)).balance(
                asOf: CalendarDay(iso: day)!)
        }
        XCTAssertEqual(try balance("2025-10-15"), 20_000)
        XCTAssertEqual(try balance("2025-12-31"), 30_000 + 20_000 + 1_350 - 25_000)
        XCTAssertEqual(try balance("2026-01-01"), 30_000 + 20_000 + 1_350 - 33_000)
        // February's rent falls due on the 28th, the credit too.
        XCTAssertEqual(try balance("2026-02-27"), 40_000 + 20_000 + 1_350 + 1_000 - 33_000)
        XCTAssertEqual(try balance("2026-02-28"), 50_000 + 20_000 + 1_350 + 1_000 - 500 - 45_000)
        // The monthly summary the dashboard reads equals the rows (deposits left out).
        XCTAssertEqual(
            try app.rows("SELECT property_id, month, charged FROM property_month_charges ORDER BY property_id, month"),
            try app.rows(
                """
                SELECT property_id, DATE_FORMAT(due_on, '%Y-%m-01'), SUM(amount) FROM charges WHERE kind <> 'deposit'
                GROUP BY property_id, DATE_FORMAT(due_on, '%Y-%m-01') ORDER BY 1, 2
                """))
        // The running totals kept on the lease equal the rows: today's balance counts them all.
        for tenant in [tenant, other] {
            let id = try XCTUnwrap(tenant.leaseID)
            XCTAssertEqual(
                try app.count("SELECT total_charged FROM leases WHERE id = ?", [id]),
                try app.count("SELECT SUM(amount) FROM charges WHERE lease_id = ?", [id]))
            XCTAssertEqual(try app.count("SELECT deposit FROM leases WHERE id = ?", [id]), 20_000)
            let far = CalendarDay(2028, 2, 29)
            XCTAssertEqual(
                try LedgerStore(db: app.db).balance(lease: LeaseID(Int64(id)), asOf: far), try owed(id, by: far))
        }
    }

    /// The balance a payment's receipt notices show (from the lease's running totals read just before
    /// it is recorded) is what the receipt page shows (summed from the rows) and what the raw rows
    /// say, also for a payment back-dated before later ones, one at the same instant as an earlier
    /// one, and one with a charge due after its day.
    func testANewPaymentsReceiptShowsTheBalanceJustAfterIt() throws {
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, unit: "A1", rent: 10_000,
            start: CalendarDay(2025, 10, 15), dueDay: 28)
        let lease = try lease(tenant)
        try charge(lease, .deposit, 20_000, on: "2025-10-15")
        try charge(lease, .utility, 1_350, on: "2026-01-31")
        let formatter = ISO8601DateFormatter()
        // In the order recorded: the third and fourth are dated before the second.
        let payments = [
            (15_000, "2025-10-20T09:00:00Z"), (12_000, "2026-02-28T10:00:00Z"), (8_000, "2025-12-31T21:30:00Z"),
            (3_000, "2026-02-28T10:00:00Z"),
        ]
        for (amount, instant) in payments {
            let paidAt = formatter.date(from: instant)!
            let entry = LedgerEntry(
                leaseID: lease.id, tenantID: lease.tenantID, landlordID: lease.landlordID,
                propertyID: lease.propertyID.raw, unitID: lease.unitID.raw, amount: amount, channel: .manual,
                paidAt: paidAt, recordedBy: lease.landlordID, method: .cash)
            try app.db.transaction {
                let store = LedgerStore(db: app.db)
                let basis = try XCTUnwrap(try store.receiptBases([lease.id])[lease.id.raw])
                let payment = try store.record(entry, versions: app.app.versions)
                let id = payment.id
                let fresh = try store.receipt(payment, entry, basis: basis)
                let page = try XCTUnwrap(try store.receipt(id, landlord: lease.landlordID))
                XCTAssertEqual(fresh.balanceAfter, page.balanceAfter, "\(amount) at \(instant)")
                // The raw rows: what was due by the payment's day, minus it and every payment before it.
                let day = CalendarDay.nairobi(paidAt)
                let later = try app.count(
                    "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE lease_id = ? AND (paid_at > ? OR (paid_at = ? AND id > ?))",
                    [lease.id.raw, paidAt, paidAt, id.raw])
                let afterDay = try app.count(
                    "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE lease_id = ? AND paid_at >= ? + INTERVAL 21 HOUR",
                    [lease.id.raw, day.description])
                XCTAssertEqual(fresh.balanceAfter, try owed(Int(lease.id.raw), by: day) + later - afterDay)
                XCTAssertEqual(fresh.tenantContact?.smsEnabled, true)
            }
        }
    }

    func testChargesAndCreditsReachEveryFigure() throws {
        let today = CalendarDay.nairobi()
        let start = CalendarDay((today.monthIndex - 3) / 12, (today.monthIndex - 3) % 12 + 1, 10)
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, unit: "A1", rent: 9_000, start: start,
            dueDay: 5)
        let id = try XCTUnwrap(tenant.leaseID)
        for (kind, amount, reason) in [
            ("one_off", "2500", ""), ("utility", "700", ""), ("credit", "300", "Overcharged"),
        ] {
            let response = try addCharge(
                id,
                [
                    "kind": kind, "amount": amount, "date": today.description, "description": "Item \(kind)",
                    "reason": reason,
                ])
            XCTAssertEqual(response.status, 303, kind)
        }
        try app.recordManualPayment(4_000, lease: id, by: landlord)
        let owes = try owed(id, by: today)
        XCTAssertEqual(owes, try rentDue(id, by: today) + 2_500 + 700 - 300 - 4_000)

        XCTAssertEqual(try json(tenant.browser.get("/api/v1/tenant/balance"))["balance"] as? Int, owes)
        XCTAssertEqual(try json(tenant.browser.get("/api/v1/tenant/lease"))["balance"] as? Int, owes)
        XCTAssertTrue(
            tenant.browser.get("/tenant").text.contains(app.app.views.wording(.english).balance(owes)), "tenant home")
        XCTAssertTrue(
            landlord.browser.get("/landlord/leases/\(id)").text.contains(app.app.views.wording(.english).balance(owes)))
        let charges = landlord.browser.get("/landlord/leases/\(id)/charges")
        XCTAssertEqual(charges.status, 200)
        XCTAssertTrue(charges.text.contains("Overcharged"))
        let dashboard = try json(landlord.browser.get("/api/v1/landlord/dashboard"))
        XCTAssertEqual(dashboard["outstanding"] as? Int, max(owes, 0))
        // This month's rent (the lease overlaps it) plus this month's charges less the credit.
        XCTAssertEqual(dashboard["expected"] as? Int, 9_000 + 2_500 + 700 - 300)
        let arrears = landlord.browser.get("/landlord/dashboard/arrears.csv").text
        if owes > 0 { XCTAssertTrue(arrears.contains(",\(owes),"), arrears) }
        let figures = ReminderFigures.manual(try lease(tenant), today: today)
        XCTAssertEqual(figures.amountDue, owes > 0 ? owes : owes + 9_000)
    }

    func testAClaimedChargeIsAddedOnce() throws {
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, start: CalendarDay(2026, 1, 1))
        var fee = NewCharge(
            lease: try lease(tenant), kind: .lateFee, amount: 700, dueOn: CalendarDay(2026, 2, 10),
            description: "Late fee")
        fee.claimKey = "late:test:2026-02-01"
        let store = ChargeStore(db: app.db)
        XCTAssertNotNil(try store.add(fee, versions: app.app.versions))
        XCTAssertNil(try store.add(fee, versions: app.app.versions), "the key was taken")
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM charges"), 1)
        XCTAssertEqual(try app.count("SELECT total_charged FROM leases WHERE id = ?", [tenant.leaseID!]), 700)
    }

    func testBadChargesAreRefusedAndChangeNothing() throws {
        let today = CalendarDay.nairobi()
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, start: today.adding(days: -40))
        let id = try XCTUnwrap(tenant.leaseID)
        let valid = [
            "kind": "one_off", "amount": "1500", "date": today.description, "description": "Lock", "reason": "",
        ]
        let bad: [(String, String, String)] = [
            ("kind", "credit", "reason"), ("kind", "deposit", "kind"), ("kind", "", "kind"), ("amount", "-5", "amount"),
            ("amount", "12.50", "amount"), ("amount", "0", "amount"),
            ("date", today.adding(days: 1).description, "date"),
            ("date", today.adding(days: -41).description, "date"), ("description", " ", "description"),
            ("description", String(repeating: "x", count: 201), "description"),
        ]
        for (field, value, marked) in bad {
            var form = valid
            form[field] = value
            let response = try addCharge(id, form)
            XCTAssertEqual(response.status, 400, "\(field)=\(value)")
            XCTAssertTrue(response.text.contains("field-error"), "\(field)=\(value)")
            XCTAssertTrue(response.text.contains(#"name="\#(marked)""#), "\(field)=\(value)")
        }
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM charges"), 0)
        XCTAssertEqual(try app.count("SELECT total_charged FROM leases WHERE id = ?", [id]), 0)
    }

    func testAChargeIsTakenOffOnceByACreditWithAReason() throws {
        let today = CalendarDay.nairobi()
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, start: today.adding(days: -10))
        let id = try XCTUnwrap(tenant.leaseID)
        let before = try owed(id, by: today)
        XCTAssertEqual(
            try addCharge(
                id,
                [
                    "kind": "one_off", "amount": "2000", "date": today.description, "description": "Wrong key",
                    "reason": "",
                ]
            ).status, 303)
        XCTAssertEqual(try owed(id, by: today), before + 2_000)
        let charge = try app.count("SELECT id FROM charges WHERE lease_id = ?", [id])
        let path = "/landlord/leases/\(id)/charges/\(charge)/reverse"
        let page = "/landlord/leases/\(id)/charges"
        XCTAssertEqual(try landlord.browser.post(path, from: page, ["reason": "  "]).status, 400)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM charges"), 1)
        XCTAssertEqual(try landlord.browser.post(path, from: page, ["reason": "Entered by mistake"]).status, 303)
        XCTAssertEqual(try landlord.browser.post(path, from: page, ["reason": "Again"]).status, 409)
        XCTAssertEqual(
            try app.rows("SELECT kind, amount, reverses_id, reason FROM charges WHERE lease_id = ? ORDER BY id", [id]),
            [["one_off", "2000", nil, nil], ["credit", "-2000", String(charge), "Entered by mistake"]])
        XCTAssertEqual(try owed(id, by: today), before)
        XCTAssertEqual(try json(tenant.browser.get("/api/v1/tenant/balance"))["balance"] as? Int, before)
        // Another landlord's charge, or a credit, cannot be reversed here.
        XCTAssertEqual(
            try landlord.browser.post(
                "/landlord/leases/\(id)/charges/\(charge + 1)/reverse", from: page, ["reason": "x"]
            ).status, 404)
    }

    /// What Nyumba writes on a charge is stored as a key and figures and read in each reader's
    /// language; a credit names the charge it takes off, in its words or as the landlord typed it.
    func testChargeWordsAreStoredAsKeysAndReadInEachLanguage() throws {
        let fee = ChargeWords("charge.text.late_fee", ["dueDate": .day(CalendarDay(2026, 3, 5))])
        let waived = ChargeWords("charge.text.waived", about: .words(fee))
        let reversed = ChargeWords("charge.text.reversed", about: .typed("Wrong key"))
        for words in [fee, waived, reversed] {
            XCTAssertEqual(ChargeWords(stored: words.stored), words)
            XCTAssertFalse(words.stored.contains("Late fee"), words.stored)
        }
        let english = app.app.views.wording(.english)
        let kiswahili = app.app.views.wording(.kiswahili)
        XCTAssertEqual(waived.text(english), "Late fee waived: Late fee: rent due 5 Mar 2026")
        XCTAssertEqual(waived.text(kiswahili), "Adhabu imesamehewa: Adhabu ya kuchelewa: kodi ya tarehe 5 Mac 2026")
        XCTAssertEqual(reversed.text(kiswahili), "Imeondolewa: Wrong key")
        XCTAssertNil(
            ChargeWords(stored: "Late fee: rent due 5 Mar 2026"), "an older row's sentence is shown as written")
    }
}
