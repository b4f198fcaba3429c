import Foundation
import XCTest

@testable import NyumbaApp

/// Monthly fixed charges (garbage, security) on the due day, and metered water entered for a whole
/// property in one form or as CSV: units used × the property's rate; any bad or missing reading
/// and nothing is stored or charged.
final class UtilityChargesTests: XCTestCase {
    private var app: AppHarness!
    private var landlord: AppHarness.Landlord!
    private var place: AppHarness.Place!
    private var today: CalendarDay!

    override func setUpWithError() throws {
        app = try AppHarness()
        landlord = try app.signUpLandlord()
        place = try app.addProperty(landlord, units: 4)
        today = CalendarDay.nairobi()
    }

    override func tearDown() { app = nil }

    private func settings(_ form: [String: String]) throws -> HarnessResponse {
        var full = ["lateFeeKind": "none", "lateFeeAmount": "", "lateFeeDays": "5"]
        full.merge(form) { _, new in new }
        return try landlord.browser.post(
            "/landlord/properties/\(place.id)/charges", from: "/landlord/properties/\(place.id)/charges", full)
    }

    private func let_(_ unit: String, start: CalendarDay, dueDay: Int = 5) throws -> Int {
        let tenant = try app.approve(
            try app.signUpTenant(to: place, name: "Tenant \(unit)"), by: landlord, place: place, unit: unit,
            rent: 10_000, start: start, dueDay: dueDay)
        return try XCTUnwrap(tenant.leaseID)
    }

    private func unitID(_ label: String) throws -> Int {
        try app.count("SELECT id FROM units WHERE property_id = ? AND label = ?", [place.id, label])
    }

    /// Posts the table form: readings by unit label (absent labels are sent blank).
    private func readings(_ values: [String: String], on day: CalendarDay) throws -> HarnessResponse {
        var form = ["date": day.description]
        for label in ["A1", "A2", "A3", "A4"] { form["reading_\(try unitID(label))"] = values[label] ?? "" }
        let page = "/landlord/properties/\(place.id)/water"
        return try landlord.browser.post(page, from: page, form)
    }

    private func importCSV(_ csv: String, on day: CalendarDay) throws -> HarnessResponse {
        let page = "/landlord/properties/\(place.id)/water"
        return try landlord.browser.post("\(page)/import", from: page, ["date": day.description, "csv": csv])
    }

    private func water(_ lease: Int) throws -> [[String?]] {
        try app.rows(
            "SELECT amount, due_on FROM charges WHERE lease_id = ? AND kind = 'utility' ORDER BY id", [lease])
    }

    private func stored() throws -> Int {
        try app.count("SELECT COUNT(*) FROM meter_readings") + app.count("SELECT COUNT(*) FROM charges")
    }

    func testMonthlyChargesFallDueOnTheDueDayOnce() throws {
        XCTAssertEqual(try settings(["garbageFee": "300", "securityFee": "500"]).status, 303)
        let early = try let_("A1", start: CalendarDay(2026, 1, 1), dueDay: 5)
        let later = try let_("A2", start: CalendarDay(2026, 1, 1), dueDay: 10)
        let fresh = try let_("A3", start: CalendarDay(2026, 3, 6), dueDay: 5)
        let monthly = MonthlyCharges(db: app.db, versions: app.app.versions)
        XCTAssertEqual(try monthly.run(today: CalendarDay(2026, 3, 5)), 2)
        XCTAssertEqual(try monthly.run(today: CalendarDay(2026, 3, 5)), 0, "again the same day")
        XCTAssertEqual(try monthly.run(today: CalendarDay(2026, 3, 10)), 2)
        XCTAssertEqual(
            try app.rows(
                """
                SELECT lease_id, amount, due_on, description, JSON_VALUE(words, '$.key'),
                       JSON_VALUE(words, '$.figures.month.value')
                FROM charges WHERE kind = 'service_charge' ORDER BY id
                """),
            // Stored as words to put into the reader's language, never as a sentence.
            [
                [String(early), "300", "2026-03-05", "", "charge.text.garbage", "2026-03-01"],
                [String(early), "500", "2026-03-05", "", "charge.text.security", "2026-03-01"],
                [String(later), "300", "2026-03-10", "", "charge.text.garbage", "2026-03-01"],
                [String(later), "500", "2026-03-10", "", "charge.text.security", "2026-03-01"],
            ])
        let charges = landlord.browser.get("/landlord/leases/\(early)/charges").text
        XCTAssertTrue(charges.contains("Garbage collection, March 2026"), "shown in the landlord's words")
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM charges WHERE lease_id = ?", [fresh]), 0)
        XCTAssertEqual(try app.count("SELECT total_charged FROM leases WHERE id = ?", [early]), 800)
    }

    func testWaterForAWholePropertyInOneForm() throws {
        XCTAssertEqual(try settings(["waterRate": "150"]).status, 303)
        let start = today.adding(days: -60)
        let (a1, a2, a3) = (try let_("A1", start: start), try let_("A2", start: start), try let_("A3", start: start))
        let page = landlord.browser.get("/landlord/properties/\(place.id)/water")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains(#"name="reading_\#(try unitID("A4"))""#))
        // First readings set each meter's starting point: nothing charged; the vacant unit may be blank.
        XCTAssertEqual(try readings(["A1": "100", "A2": "200", "A3": "50"], on: today.adding(days: -30)).status, 303)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM meter_readings"), 3)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM charges"), 0)
        XCTAssertEqual(
            try readings(["A1": "112", "A2": "200", "A3": "75", "A4": "9"], on: today.adding(days: -1)).status, 303)
        let day = today.adding(days: -1).description
        XCTAssertEqual(try water(a1), [["1800", day]])  // 12 units × 150
        XCTAssertEqual(try water(a2), [])  // nothing used
        XCTAssertEqual(try water(a3), [["3750", day]])  // 25 units × 150
        XCTAssertEqual(
            try app.count("SELECT COUNT(*) FROM meter_readings WHERE charge_id IS NOT NULL"), 2)
        let charges = landlord.browser.get("/landlord/leases/\(a1)/charges").text
        XCTAssertTrue(charges.contains("meter 100 → 112"), "the readings are on the tenant's account")
    }

    func testABadOrMissingReadingStoresAndChargesNothing() throws {
        let start = today.adding(days: -60)
        _ = (try let_("A1", start: start), try let_("A2", start: start))
        let first = today.adding(days: -30)
        let noRate = try readings(["A1": "100", "A2": "200"], on: first)
        XCTAssertEqual(noRate.status, 400, "no water rate yet")
        XCTAssertEqual(try stored(), 0)
        XCTAssertEqual(try settings(["waterRate": "150"]).status, 303)
        XCTAssertEqual(try readings(["A1": "100", "A2": "200"], on: first).status, 303)
        let before = try stored()
        let cases: [([String: String], CalendarDay, String)] = [
            (["A1": "99", "A2": "210"], today, "Lower than the last reading"),
            (["A1": "120"], today, "Missing"),
            (["A1": "120", "A2": "2x0"], today, "Enter a whole number"),
            (["A1": "120", "A2": "210"], first, "Already read on"),
            (["A1": "120", "A2": "210"], today.adding(days: 1), "cannot be in the future"),
        ]
        for (values, day, message) in cases {
            let response = try readings(values, on: day)
            XCTAssertEqual(response.status, 400, message)
            XCTAssertTrue(response.text.contains(message), message)
            XCTAssertTrue(response.text.contains("Nothing was saved or charged"), message)
            XCTAssertEqual(try stored(), before, message)
        }
    }

    func testReadingsImportedAsCSV() throws {
        XCTAssertEqual(try settings(["waterRate": "100"]).status, 303)
        let start = today.adding(days: -60)
        let (a1, a2) = (try let_("A1", start: start), try let_("A2", start: start))
        XCTAssertEqual(try importCSV("unit,reading\nA1,1000\na2 , 500\n", on: today.adding(days: -20)).status, 303)
        let before = try stored()
        for (csv, message) in [
            ("A1,1010\nB9,600", "no unit B9"), ("A1,1010\nA1,1020\nA2,600", "is there twice"),
            ("A1,1010", "Missing"), ("A1;1010\nA2,600", "Line 1"), ("", "Paste one line per unit"),
        ] {
            let response = try importCSV(csv, on: today)
            XCTAssertEqual(response.status, 400, csv)
            XCTAssertTrue(response.text.contains(message), "\(csv): \(message)")
            XCTAssertEqual(try stored(), before, csv)
        }
        XCTAssertEqual(try importCSV("A1,1010\nA2,530", on: today).status, 303)
        XCTAssertEqual(try water(a1), [["1000", today.description]])
        XCTAssertEqual(try water(a2), [["3000", today.description]])
    }
}
