import Foundation
import XCTest

@testable import NyumbaApp

/// The dashboard with charges: arrears by age (payments set against the oldest items first) and
/// deposits held per property, against a second simple computation over the raw rows.
final class DashboardChargesTests: XCTestCase {
    private var app: AppHarness!

    override func tearDown() { app = nil }

    /// Unpaid amounts by age (0–30, 31–60, 61–90, over 90 days) of one lease, allocating its
    /// payments and credits to the oldest rent and charges first.
    private func ageing(_ lease: Int, today: CalendarDay) throws -> [Int] {
        let row = try app.rows("SELECT monthly_rent, due_day, start_date FROM leases WHERE id = ?", [lease])[0]
        let (rent, dueDay, start) = (Int(row[0]!)!, Int(row[1]!)!, CalendarDay(iso: row[2]!)!)
        var debits: [(CalendarDay, Int)] = []
        var (year, month) = (start.year, start.month)
        while (year, month) <= (today.year, today.month) {
            let due = CalendarDay(year, month, dueDay)
            if due >= start && due <= today { debits.append((due, rent)) }
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        for charge in try app.rows("SELECT due_on, amount FROM charges WHERE lease_id = ? AND amount > 0", [lease]) {
            debits.append((CalendarDay(iso: charge[0]!)!, Int(charge[1]!)!))
        }
        debits.sort { $0.0 < $1.0 }
        var pool =
            try app.count("SELECT COALESCE(SUM(amount), 0) FROM payments WHERE lease_id = ?", [lease])
            - app.count("SELECT COALESCE(SUM(amount), 0) FROM charges WHERE lease_id = ? AND amount < 0", [lease])
        var buckets = [0, 0, 0, 0]
        for (day, amount) in debits {
            let covered = min(max(pool, 0), amount)
            pool -= covered
            let age = Int(today.utcMidnight.timeIntervalSince(day.utcMidnight) / 86_400)
            buckets[age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : 3] += amount - covered
        }
        return buckets
    }

    func testArrearsByAgeAndDepositsHeldAgreeWithTheRows() throws {
        app = try AppHarness()
        let landlord = try app.signUpLandlord()
        let court = try app.addProperty(landlord, name: "Baraka Court", units: 4)
        let flats = try app.addProperty(landlord, name: "Amani Flats", units: 2)
        for place in [court, flats] {
            let settings = try landlord.browser.post(
                "/landlord/properties/\(place.id)/charges", from: "/landlord/properties/\(place.id)/charges",
                ["lateFeeKind": "none", "lateFeeDays": "5", "depositMonths": "1"])
            XCTAssertEqual(settings.status, 303)
        }
        let today = CalendarDay.nairobi()
        let start = today.adding(days: -150)
        var leases: [Int] = []
        for (place, unit, dueDay, paid) in [
            (court, "A1", 5, 0), (court, "A2", 28, 25_000), (court, "A3", 1, 70_000), (flats, "A1", 15, 90_000),
        ] {
            let tenant = try app.approve(
                try app.signUpTenant(to: place, name: "Tenant \(unit)"), by: landlord, place: place, unit: unit,
                rent: 10_000, start: start, dueDay: dueDay)
            let id = try XCTUnwrap(tenant.leaseID)
            leases.append(id)
            if paid > 0 { try app.recordManualPayment(paid, lease: id, by: landlord) }
            let lease = try XCTUnwrap(
                LedgerStore(db: app.db).lease(LeaseID(Int64(id)), landlord: UserID(Int64(landlord.id))))
            for (age, amount) in [(100, 700), (45, 1_300), (70, -400), (3, 2_000)] {
                try ChargeStore(db: app.db).add(
                    NewCharge(
                        lease: lease, kind: amount < 0 ? .credit : .utility, amount: abs(amount),
                        dueOn: today.adding(days: -age), description: "Water", reason: amount < 0 ? "Leak" : nil),
                    versions: app.app.versions)
            }
        }
        let dashboard = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(landlord.browser.get("/api/v1/landlord/dashboard").text.utf8))
                as? [String: Any])
        var expected = [0, 0, 0, 0]
        for lease in leases {
            for (index, amount) in try ageing(lease, today: today).enumerated() { expected[index] += amount }
        }
        XCTAssertEqual(dashboard["arrears_by_age"] as? [Int], expected)
        XCTAssertEqual(expected.reduce(0, +), dashboard["outstanding"] as? Int)
        XCTAssertGreaterThan(expected[3], 0, "something is over 90 days old")
        // Deposits (one month, 10,000) held where paid: the first tenant paid nothing.
        let held = try XCTUnwrap(dashboard["deposits_held"] as? [[String: Any]])
        XCTAssertEqual(held.map { $0["property_name"] as? String }, ["Amani Flats", "Baraka Court"])
        XCTAssertEqual(held.map { $0["amount"] as? Int }, [10_000, 20_000])
        let page = landlord.browser.get("/landlord/dashboard")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("data-age"))
        XCTAssertTrue(page.text.contains(Money.kes(expected[3])))
        XCTAssertTrue(page.text.contains("Baraka Court: <strong>KES 20,000</strong>"), page.text)
        let property = try XCTUnwrap(
            JSONSerialization.jsonObject(
                with: Data(landlord.browser.get("/api/v1/landlord/dashboard?property_id=\(flats.id)").text.utf8))
                as? [String: Any])
        XCTAssertEqual(property["arrears_by_age"] as? [Int], try ageing(leases[3], today: today))
    }
}
