import Foundation
import SMS
import XCTest

@testable import NyumbaApp

/// Typed notices in the process: each event writes one row per channel of its recipient, in the
/// transaction of the change; SMS follow the person's choice; notifications store kind and
/// parameters and are put into words when shown.
final class NoticeTests: XCTestCase {
    private var app: AppHarness!

    override func setUpWithError() throws { app = try AppHarness() }
    override func tearDown() { app = nil }

    /// kind, channel, recipient of every outbox row after `id`, oldest first.
    private func outbox(after id: Int = 0) throws -> [[String?]] {
        try app.rows("SELECT kind, channel, recipient FROM outbox WHERE id > ? ORDER BY id", [id])
    }

    private func lastOutboxID() throws -> Int { try app.count("SELECT COALESCE(MAX(id), 0) FROM outbox") }

    func testEachEventWritesOneRowPerChannelOfItsRecipient() throws {
        let landlord = try app.signUpLandlord()
        XCTAssertEqual(try outbox(), [["welcome", "email", landlord.email]])
        let place = try app.addProperty(landlord)
        var mark = try lastOutboxID()
        let tenant = try app.signUpTenant(to: place)
        XCTAssertEqual(
            try outbox(after: mark),
            [
                ["tenant_pending", "email", tenant.email], ["tenant_signup", "email", landlord.email],
                ["tenant_signup", "sms", "+254712345678"],
            ])
        XCTAssertEqual(
            try app.rows("SELECT kind, message IS NULL, link FROM notifications WHERE landlord_id = ?", [landlord.id]),
            [["tenant_signup", "1", "/landlord/notifications"]])
        mark = try lastOutboxID()
        let approved = try app.approve(tenant, by: landlord, place: place, start: CalendarDay(2026, 1, 1))
        XCTAssertEqual(
            try outbox(after: mark),
            [["tenant_approved", "email", tenant.email], ["tenant_approved", "sms", "+254722000111"]])
        mark = try lastOutboxID()
        try app.recordManualPayment(2_500, lease: try XCTUnwrap(approved.leaseID), by: landlord)
        XCTAssertEqual(
            try outbox(after: mark),
            [["payment_receipt_manual", "email", tenant.email], ["payment_receipt_manual", "sms", "+254722000111"]])
        // Every SMS counts towards the landlord whose tenants it went to.
        XCTAssertEqual(
            try app.count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND landlord_id = ?", [landlord.id]), 3)
    }

    func testAPersonWhoTurnedSMSOffGetsEmailOnly() throws {
        let landlord = try app.signUpLandlord()
        let place = try app.addProperty(landlord)
        try app.db.execute("UPDATE users SET sms_enabled = FALSE WHERE id = ?", landlord.id)
        let tenant = try app.signUpTenant(to: place)
        try app.db.execute("UPDATE users SET sms_enabled = FALSE WHERE id = ?", tenant.id)
        let mark = try lastOutboxID()
        _ = try app.approve(tenant, by: landlord, place: place, start: CalendarDay(2026, 1, 1))
        XCTAssertEqual(try outbox(after: mark), [["tenant_approved", "email", tenant.email]])
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms'"), 0)
    }

    func testANotificationIsWordedWhenShownFromItsKindAndParameters() throws {
        let landlord = try app.signUpLandlord()
        let place = try app.addProperty(landlord, name: "Baraka Court")
        _ = try app.signUpTenant(to: place, name: "Wanjiru Kamau")
        let stored = try XCTUnwrap(
            try app.value("SELECT parameters FROM notifications WHERE landlord_id = ?", [landlord.id]))
        let parameters = LandlordNotifications.parameters(stored)
        XCTAssertEqual(parameters["tenantName"] as? String, "Wanjiru Kamau")
        XCTAssertEqual(parameters["propertyName"] as? String, "Baraka Court")
        let page = landlord.browser.get("/landlord/notifications")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains(#"data-notification="tenant_signup""#))
        XCTAssertTrue(page.text.contains("Wanjiru Kamau"))
    }

    func testAMessagesLineKeepsItsSubjectNotItsText() throws {
        let landlord = try app.signUpLandlord()
        let place = try app.addProperty(landlord)
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, start: CalendarDay(2026, 1, 1))
        let sent = try tenant.browser.post(
            "/tenant/messages", from: "/tenant/messages", ["subject": "Leaking tap 4711", "text": "Secret body 0815"])
        XCTAssertEqual(sent.status, 303)
        let stored = try XCTUnwrap(
            try app.value("SELECT parameters FROM notifications WHERE kind = 'message_to_landlord'"))
        XCTAssertTrue(stored.contains("Leaking tap 4711") && !stored.contains("Secret body 0815"), stored)
        let page = landlord.browser.get("/landlord/notifications").text
        XCTAssertTrue(page.contains(#"data-notification="message_to_landlord""#) && page.contains("Leaking tap 4711"))
    }

    func testALineStoredAsWordsBeforeIsStillShown() throws {
        let landlord = try app.signUpLandlord()
        try app.db.execute(
            "INSERT INTO notifications (landlord_id, kind, message, created_at) VALUES (?, 'payment', ?, UTC_TIMESTAMP(6))",
            landlord.id, "Old line 4711")
        XCTAssertTrue(landlord.browser.get("/landlord/notifications").text.contains("Old line 4711"))
    }

    /// The models that list their fields themselves (for speed) list what the `Mirror` finds.
    func testListedTemplateFieldsAreTheMirrorsFields() {
        // The Mirror's fields keep a present optional wrapped; templates unwrap it either way.
        func plain(_ value: Any) -> String {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional, let wrapped = mirror.children.first else { return "\(value)" }
            return plain(wrapped.value)
        }
        func fields(_ values: [String: Any]) -> [String: String] { values.mapValues(plain) }
        let paid = Figure.dateTime(Date(timeIntervalSince1970: 1_777_962_600))
        for receipt in ["TKA1B2C3D4", nil] {
            let model = MpesaReceipt(
                amount: .money(12_500), unit: "A12", propertyName: "Sunrise Court", paidAt: paid, phone: "254722000111",
                receipt: receipt, balance: .balance(-1_500), receiptURL: "https://rent.example.com/r/1")
            XCTAssertEqual(fields(model.templateFields), fields(TemplateValue.boxed(model) as! [String: Any]))
            XCTAssertEqual(model.templateFields.count, receipt == nil ? 7 : 8)
        }
        let received = PaymentReceived(amount: .money(8_000), tenantName: "Wanjiru", unit: "B2", propertyName: "Palm")
        XCTAssertEqual(fields(received.templateFields), fields(TemplateValue.boxed(received) as! [String: Any]))
    }

    func testAReceiptFitsOneGSM7Segment() throws {
        let renderer = NoticeRenderer(views: app.app.views, config: app.app.config)
        let receipt = Notice(
            recipient: NoticeRecipient(userID: nil, name: "Otieno Odhiambo", email: "t@example.com"),
            model: MpesaReceipt(
                amount: .money(12_500), unit: "A12", propertyName: "Mama Njeri\u{2019}s Court \u{2013} Annex",
                paidAt: .dateTime(Date(timeIntervalSince1970: 1_777_962_600)), phone: "254722000111",
                receipt: "TKA1B2C3D4", balance: .balance(-1_500),
                receiptURL: "https://rent.example.com/tenant/payments/1/receipt"))
        let text = renderer.sms(receipt, language: .english)
        XCTAssertEqual(SMSSegments(text).encoding, .gsm7, text)
        XCTAssertEqual(SMSSegments(text).count, 1, text)
        for part in ["KES 12,500", "TKA1B2C3D4", "A12", "KES 1,500"] { XCTAssertTrue(text.contains(part), text) }
        let kiswahili = renderer.sms(receipt, language: .kiswahili)
        XCTAssertEqual(SMSSegments(kiswahili).encoding, .gsm7, kiswahili)
        XCTAssertEqual(SMSSegments(kiswahili).count, 1, kiswahili)
        for part in ["Risiti ya Nyumba", "Ksh 12,500", "TKA1B2C3D4", "Salio: Ksh 1,500 ya ziada"] {
            XCTAssertTrue(kiswahili.contains(part), kiswahili)
        }
    }

    /// Every SMS with typical values (a 12-character name, a 20-character property, the longest
    /// amounts and dates): one GSM-7 part each, in each language.
    func testEverySMSFitsOneGSM7PartWithTypicalValues() throws {
        let renderer = NoticeRenderer(views: app.app.views, config: app.app.config)
        let to = NoticeRecipient(userID: nil, name: "Otieno Odhiambo", email: "t@example.com")
        let site = "https://rent.example.co.ke"
        let property = "Sunrise Court Annex B"
        for language in Language.allCases {
            let texts = [
                renderer.sms(
                    Notice(
                        recipient: to,
                        model: TenantSignedUp(
                            tenantName: "Wanjiru Kamau", tenantEmail: "w@example.com", tenantPhone: "254722000111",
                            propertyName: property, unit: "A12", notificationsURL: site + "/landlord/notifications")),
                    language: language),
                renderer.sms(
                    Notice(
                        recipient: to,
                        model: TenantApproved(
                            propertyName: property, unit: "A12", rent: .money(125_000), dueDay: .dayOfMonth(28),
                            startDate: .day(CalendarDay(2026, 5, 1)), loginURL: site + "/login")), language: language),
                renderer.sms(
                    Notice(
                        recipient: to,
                        model: ManualReceipt(
                            amount: .money(125_000), date: .day(CalendarDay(2026, 9, 28)),
                            method: .words("ledger.method.bank"),
                            reference: "REF123", propertyName: property, unit: "A12", landlordName: "Njeri Wambui",
                            balance: .balance(112_500), receiptURL: site + "/tenant/payments/1/receipt")),
                    language: language),
                renderer.sms(
                    Notice(
                        recipient: to,
                        model: RentReminder(
                            landlordName: "Njeri Wambui", unit: "A12", propertyName: property, owes: true,
                            amount: .money(125_000), credit: nil, dueDate: .day(CalendarDay(2026, 9, 28)),
                            payURL: site + "/tenant/pay", paybillNumber: "4123456", account: "KBC7A12", till: nil,
                            isAutomatic: true)), language: language),
                renderer.sms(
                    Notice(
                        recipient: to,
                        model: UnmatchedPaymentNotice(
                            amount: .money(125_000), account: "KBC7A21", shortcode: "4123456", receipt: "TKA1B2C3D4",
                            unmatchedURL: site + UnmatchedPaymentsRoutes.path)), language: language),
            ]
            for text in texts {
                let segments = SMSSegments(text)
                XCTAssertEqual(segments.encoding, .gsm7, text)
                XCTAssertEqual(segments.count, 1, "\(segments.units) units: \(text)")
            }
        }
    }

    func testEveryKindHasItsTemplateOnEachOfItsChannels() throws {
        let root = AppHarness.repository.appendingPathComponent("templates").path
        for name in NoticeKind.requiredTemplates {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(root)/\(name).mustache"), name)
        }
        XCTAssertThrowsError(try Views(directory: root, required: ["sms/no_such_kind"]))
    }
}

/// A notification's parameters are stored as JSON that reads back as the same values.
final class PlainJSONTests: XCTestCase {
    func testPlainValuesReadBackAsWritten() throws {
        let parameters: [String: Any] = [
            "tenantName": "Ngũgĩ \"Kim\" O'Brien\\ \n\t\u{1}🏠 </script>", "amount": 25_000, "paid": true,
            "share": 0.25, "big": Int64(9_007_199_254_740_993), "lines": ["A1", 2, false, ["x": "y"]],
            "figure": ["kind": "money", "value": -1_500], "empty": [String: Any](), "none": [Any](),
        ]
        let text = try XCTUnwrap(PlainJSON.text(parameters))
        XCTAssertTrue(text.hasPrefix(#"{"amount":25000,"big":9007199254740993,"empty":{},"#), text)
        let read = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
        XCTAssertEqual(read, NSDictionary(dictionary: parameters))
        XCTAssertEqual(
            LandlordNotifications.parameters(text)["tenantName"] as? String, parameters["tenantName"] as? String)
    }

    func testWhatJSONCannotHoldIsRefused() {
        struct Opaque {}
        XCTAssertNil(PlainJSON.text(["x": Opaque()]))
        XCTAssertNil(PlainJSON.text(["x": Double.nan]))
        XCTAssertNil(PlainJSON.text(["x": [1, Double.infinity]]))
    }
}
