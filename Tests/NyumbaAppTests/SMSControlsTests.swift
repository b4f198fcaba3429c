import Foundation
import XCTest

@testable import NyumbaApp

/// What people control about SMS: their own (account page), a property's reminders (its
/// landlord), the delivery reports (the gateway, with the secret path), and what a landlord
/// sees of their tenants' SMS this month (their own only).
final class SMSControlsTests: XCTestCase {
    private var app: AppHarness!
    private var landlord: AppHarness.Landlord!
    private var place: AppHarness.Place!

    override func setUpWithError() throws {
        app = try AppHarness()
        landlord = try app.signUpLandlord()
        place = try app.addProperty(landlord)
    }

    override func tearDown() {
        app = nil
        landlord = nil
        place = nil
    }

    private func smsCount(_ kind: String) throws -> Int {
        try app.count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND kind = ?", [kind])
    }

    private func remind(_ lease: Int) throws -> HarnessResponse {
        try landlord.browser.post(
            "/landlord/reminders", from: "/landlord/reminders/new?lease=\(lease)", ["lease": "\(lease)"])
    }

    func testAPersonTurnsTheirSMSOffAndOnOnTheAccountPage() throws {
        let tenant = try app.signUpTenant(to: place)
        XCTAssertTrue(tenant.browser.get("/account/sms").text.contains(#"data-sms-enabled="on""#))
        XCTAssertEqual(try tenant.browser.post("/account/sms", from: "/account/sms", ["sms": "maybe"]).status, 400)
        XCTAssertEqual(try app.value("SELECT sms_enabled FROM users WHERE id = ?", [tenant.id]), "1")
        XCTAssertEqual(try tenant.browser.post("/account/sms", from: "/account/sms", ["sms": "off"]).status, 303)
        XCTAssertTrue(tenant.browser.get("/account/sms").text.contains(#"data-sms-enabled="off""#))
        // Only their own: the landlord still takes SMS.
        XCTAssertEqual(try app.value("SELECT sms_enabled FROM users WHERE id = ?", [landlord.id]), "1")
        _ = try app.approve(tenant, by: landlord, place: place, start: CalendarDay(2026, 1, 1))
        XCTAssertEqual(try smsCount("tenant_approved"), 0)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'tenant_approved'"), 1)
    }

    func testALandlordTurnsAPropertysSMSRemindersOffAndOnlyThatOne() throws {
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, start: CalendarDay(2025, 1, 1))
        let lease = try XCTUnwrap(tenant.leaseID)
        let page = "/landlord/properties/\(place.id)"
        XCTAssertEqual(try landlord.browser.post("\(page)/sms-reminders", from: page, ["sms": "x"]).status, 400)
        XCTAssertEqual(try landlord.browser.post("\(page)/sms-reminders", from: page, ["sms": "off"]).status, 303)
        XCTAssertTrue(landlord.browser.get(page).text.contains(#"data-sms-reminders="off""#))
        XCTAssertEqual(try remind(lease).status, 303)
        XCTAssertEqual(
            try app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'rent_reminder' AND channel = 'email'"), 1)
        XCTAssertEqual(try smsCount("rent_reminder"), 0)
        // Another landlord cannot turn it back on.
        let other = try app.signUpLandlord("Other Landlord")
        XCTAssertEqual(
            try other.browser.post("\(page)/sms-reminders", from: "/landlord/properties", ["sms": "on"]).status, 404)
        XCTAssertEqual(try app.value("SELECT sms_reminders FROM properties WHERE id = ?", [place.id]), "0")
        XCTAssertEqual(try landlord.browser.post("\(page)/sms-reminders", from: page, ["sms": "on"]).status, 303)
        XCTAssertEqual(try remind(lease).status, 303)
        XCTAssertEqual(try smsCount("rent_reminder"), 1)
    }

    func testADeliveryReportIsRecordedOnlyThroughTheSecretPath() throws {
        let id = try Outbox(db: app.db).enqueue(
            SMSDraft(kind: "rent_reminder", number: "+254722000111", recipientName: "T", text: "x"))
        try OutboxQueue(db: app.db, channel: .sms).markSent([
            SentSMS(id: id, messageID: "ATXid_42", segments: 1, cost: "KES 0.8000")
        ])
        let body = Array("id=ATXid_42&status=Success&phoneNumber=%2B254722000111&networkCode=63902".utf8)
        let form = "application/x-www-form-urlencoded"
        for token in ["wrong-token-0123456789", String(AppHarness.smsReportToken.dropLast()), ""] {
            let response = app.send("POST", "/sms/reports/\(token)", body: body, contentType: form)
            XCTAssertEqual(response.status, 404, token)
        }
        XCTAssertNil(try app.value("SELECT delivery_status FROM outbox WHERE id = ?", [id]))
        let path = "/sms/reports/\(AppHarness.smsReportToken)"
        XCTAssertEqual(app.send("POST", path, body: Array("id=ATXid_42".utf8), contentType: form).status, 400)
        XCTAssertEqual(app.send("POST", path, body: body, contentType: form).status, 200)
        XCTAssertEqual(
            try app.rows("SELECT delivery_status, delivered_at IS NOT NULL FROM outbox WHERE id = ?", [id]),
            [["Success", "1"]])
        // A late non-final report does not undo a final one; a failure is kept with its reason.
        let late = Array("id=ATXid_42&status=Buffered&phoneNumber=%2B254722000111".utf8)
        XCTAssertEqual(app.send("POST", path, body: late, contentType: form).status, 200)
        XCTAssertEqual(try app.value("SELECT delivery_status FROM outbox WHERE id = ?", [id]), "Success")
        let failed = try Outbox(db: app.db).enqueue(
            SMSDraft(kind: "rent_reminder", number: "+254722000112", recipientName: "T", text: "x"))
        try OutboxQueue(db: app.db, channel: .sms).markSent([
            SentSMS(id: failed, messageID: "ATXid_43", segments: 1, cost: "")
        ])
        let json =
            #"{"id":"ATXid_43","status":"Failed","phoneNumber":"+254722000112","failureReason":"UserInBlackList"}"#
        XCTAssertEqual(app.send("POST", path, body: Array(json.utf8), contentType: "application/json").status, 200)
        XCTAssertEqual(
            try app.rows("SELECT delivery_status, delivery_failure FROM outbox WHERE id = ?", [failed]),
            [["Failed", "UserInBlackList"]])
    }

    func testALandlordSeesHowManySMSTheirTenantsWereSentThisMonthAndNoOneElsesCount() throws {
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, start: CalendarDay(2025, 1, 1))
        try app.recordManualPayment(500, lease: try XCTUnwrap(tenant.leaseID), by: landlord)
        // Sent: the approval and the receipt to the tenant (the sign-up SMS went to the landlord).
        try app.db.execute("UPDATE outbox SET status = 'sent', segments = 1 WHERE channel = 'sms'")
        try app.db.execute(
            "UPDATE outbox SET segments = 2 WHERE channel = 'sms' AND kind = 'payment_receipt_manual'")
        // Last month's do not count.
        try app.db.execute(
            """
            INSERT INTO outbox (kind, channel, landlord_id, recipient, recipient_name, subject, text_body, status,
                                segments, next_attempt_at, created_at)
            VALUES ('rent_reminder', 'sms', ?, '+254722000111', 'T', '', 'x', 'sent', 1, UTC_TIMESTAMP(6),
                    UTC_TIMESTAMP(6) - INTERVAL 40 DAY)
            """, landlord.id)
        let page = landlord.browser.get("/landlord/reminders")
        XCTAssertTrue(page.text.contains(#"data-sms-month-count="2" data-sms-month-parts="3""#), page.text)
        let other = try app.signUpLandlord("Other Landlord")
        XCTAssertTrue(
            other.browser.get("/landlord/reminders").text.contains(
                #"data-sms-month-count="0" data-sms-month-parts="0""#))
    }
}
