import Foundation
import XCTest

@testable import NyumbaApp

/// A tenant's standing in the process: signing in while waiting for approval, and the balance on
/// either side of the due day. Expectations come from the same day the app reads (Nairobi's
/// today), whatever day the tests run.
final class TenantStandingTests: XCTestCase {
    private var app: AppHarness!
    private var landlord: AppHarness.Landlord!
    private var place: AppHarness.Place!

    override func setUpWithError() throws {
        app = try AppHarness()
        landlord = try app.signUpLandlord()
        place = try app.addProperty(landlord, units: 6)
    }

    override func tearDown() { app = nil }

    private func json(_ response: HarnessResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    func testATenantWaitingForApprovalSignsInToTheWaitingPageOnly() throws {
        let tenant = try app.signUpTenant(to: place)
        let browser = HarnessBrowser(app)
        let login = try browser.post(
            "/login", from: "/login", ["email": tenant.email.uppercased(), "password": AppHarness.password])
        XCTAssertEqual(login.status, 303)
        XCTAssertEqual(browser.get("/home").header("Location"), "/tenant")
        for path in ["/tenant", "/tenant/pay", "/tenant/messages", "/tenant/payments/1/receipt", "/landlord"] {
            let page = browser.get(path)
            XCTAssertEqual(page.status, 200, path)
            XCTAssertTrue(page.text.contains(#"data-page="waiting""#), path)
        }
        XCTAssertEqual(browser.get("/account/password").status, 200, "their own account stays theirs")
        let token = app.send(
            "POST", "/api/v1/auth/token",
            body: Array(#"{"email":"\#(tenant.email)","password":"\#(AppHarness.password)"}"#.utf8),
            contentType: "application/json")
        XCTAssertEqual(token.status, 200)
        let access = try XCTUnwrap(try json(token)["access"] as? String)
        let lease = app.send("GET", "/api/v1/tenant/lease", headers: ["Authorization": "Bearer \(access)"])
        XCTAssertEqual(lease.status, 403)
        XCTAssertTrue(lease.text.contains("pending_approval"))

        _ = try app.approve(tenant, by: landlord, place: place, start: CalendarDay.nairobi())
        let home = browser.get("/tenant")
        XCTAssertEqual(home.status, 200)
        XCTAssertFalse(home.text.contains(#"data-page="waiting""#))
        XCTAssertEqual(
            app.send("GET", "/api/v1/tenant/lease", headers: ["Authorization": "Bearer \(access)"]).status, 200)
    }

    func testAWrongPasswordSignsNobodyIn() throws {
        let tenant = try app.signUpTenant(to: place)
        let browser = HarnessBrowser(app)
        let login = try browser.post("/login", from: "/login", ["email": tenant.email, "password": "not it at all"])
        XCTAssertEqual(login.status, 401)
        XCTAssertEqual(browser.get("/home").status, 303)
    }

    /// Rent due by `today`: one month's rent for every due day from the start to today, inclusive.
    private func rentDue(start: CalendarDay, dueDay: Int, rent: Int, today: CalendarDay) -> Int {
        var months = 0
        var year = start.year
        var month = start.month
        while (year, month) <= (today.year, today.month) {
            let due = CalendarDay(year, month, dueDay)
            if due >= start && due <= today { months += 1 }
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return months * rent
    }

    private func monthsBefore(_ day: CalendarDay, _ months: Int, day dayOfMonth: Int) -> CalendarDay {
        let index = day.monthIndex - months
        return CalendarDay(index / 12, index % 12 + 1, dayOfMonth)
    }

    func testTheBalanceCountsEachDueDayUpToTodayAndNoFurther() throws {
        let today = CalendarDay.nairobi()
        // Due days on either side of today (1…28), leases starting on either side of a due day.
        let cases: [(start: CalendarDay, dueDay: Int)] = [
            (monthsBefore(today, 2, day: 1), min(today.day, 28)),
            (monthsBefore(today, 2, day: 1), min(today.day + 1, 28)),
            (monthsBefore(today, 2, day: 1), max(today.day - 1, 1)),
            (monthsBefore(today, 1, day: 28), 28),
            (monthsBefore(today, 13, day: 15), 1),
            (today, min(today.day, 28)),
        ]
        for (index, (start, dueDay)) in cases.enumerated() {
            let tenant = try app.approve(
                try app.signUpTenant(to: place, name: "Tenant \(index)"), by: landlord, place: place,
                unit: "A\(index + 1)", rent: 7_000, start: start, dueDay: dueDay)
            try app.recordManualPayment(1_500, lease: try XCTUnwrap(tenant.leaseID), by: landlord)
            let balance = try json(tenant.browser.get("/api/v1/tenant/balance"))
            let expected = rentDue(start: start, dueDay: dueDay, rent: 7_000, today: today) - 1_500
            XCTAssertEqual(balance["balance"] as? Int, expected, "start \(start), due day \(dueDay), today \(today)")
        }
    }
}
