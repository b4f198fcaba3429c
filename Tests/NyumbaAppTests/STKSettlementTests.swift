import Foundation
import XCTest

@testable import NyumbaApp

/// STK settlement in the process: Daraja's callback through the app's own route, and the
/// reconciler's query results through `PaymentSettlement`, arriving in every order.
final class STKSettlementTests: XCTestCase {
    private var app: AppHarness!
    private var lease = 0
    private var landlord: AppHarness.Landlord!
    private var place: AppHarness.Place!

    override func setUpWithError() throws {
        app = try AppHarness()
        landlord = try app.signUpLandlord()
        place = try app.addProperty(landlord)
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, start: CalendarDay(2026, 1, 1))
        lease = try XCTUnwrap(tenant.leaseID)
    }

    override func tearDown() { app = nil }

    /// A pushed request for `amount`, as `RentPayment` leaves it once Daraja accepted the push.
    private func pushed(_ amount: Int = 5_000, lease: Int? = nil) throws -> String {
        let checkout = "ws_CO_\(UInt64.random(in: 0...UInt64.max))"
        try app.db.execute(
            "INSERT INTO payment_requests (lease_id, tenant_id, landlord_id, property_id, amount, phone, shortcode,"
                + " checkout_request_id, status, created_at, next_query_at) SELECT id, tenant_id, landlord_id,"
                + " property_id, ?, '254722000111', '174379', ?, 'pending', UTC_TIMESTAMP(6),"
                + " UTC_TIMESTAMP(6) + INTERVAL 1 DAY FROM leases WHERE id = ?", amount, checkout, lease ?? self.lease)
        return checkout
    }

    private func callback(_ checkout: String, code: Int, amount: Int = 5_000, receipt: String? = nil)
        -> HarnessResponse
    {
        var stk: [String: Any] = [
            "MerchantRequestID": "29115-34620561-1", "CheckoutRequestID": checkout, "ResultCode": code,
            "ResultDesc": code == 0 ? "The service request is processed successfully." : "Request cancelled by user",
        ]
        if code == 0 {
            stk["CallbackMetadata"] = [
                "Item": [
                    ["Name": "Amount", "Value": Double(amount)],
                    [
                        "Name": "MpesaReceiptNumber",
                        "Value": receipt ?? "TX\(UInt32.random(in: 10_000_000...99_999_999))",
                    ],
                    ["Name": "TransactionDate", "Value": 20_260_115_093_000],
                    ["Name": "PhoneNumber", "Value": 254_722_000_111],
                ]
            ]
        }
        let body = try! JSONSerialization.data(withJSONObject: ["Body": ["stkCallback": stk]])
        return app.send(
            "POST", "/daraja/stk/\(AppHarness.callbackToken)", body: Array(body), contentType: "application/json")
    }

    private func status(_ checkout: String) throws -> String? {
        try app.value("SELECT status FROM payment_requests WHERE checkout_request_id = ?", [checkout])
    }

    private func payments() throws -> Int { try app.count("SELECT COUNT(*) FROM payments WHERE lease_id = ?", [lease]) }

    private var settlement: PaymentSettlement {
        PaymentSettlement(db: app.db, views: app.app.views, config: app.app.config, versions: app.app.versions)
    }

    func testAPaidCallbackRecordsOnePaymentWithItsReceiptNoticeAndEmail() throws {
        let checkout = try pushed(5_000)
        let answer = callback(checkout, code: 0, receipt: "TKA1B2C3D4")
        XCTAssertEqual(answer.status, 200)
        XCTAssertTrue(answer.text.contains(#""ResultCode":0"#))
        XCTAssertEqual(try status(checkout), "succeeded")
        XCTAssertEqual(
            try app.rows(
                "SELECT amount, channel, receipt, checkout_request_id FROM payments WHERE lease_id = ?", [lease]),
            [["5000", "stk", "TKA1B2C3D4", checkout]])
        XCTAssertEqual(
            try app.rows(
                "SELECT channel, COUNT(*) FROM outbox WHERE kind = 'payment_receipt' GROUP BY channel ORDER BY 1"),
            [["email", "1"], ["sms", "1"]])
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'payment_received'"), 1)
        XCTAssertEqual(try app.value("SELECT outcome FROM daraja_callbacks"), "settled")
    }

    /// Callbacks that arrive together: those waiting for their answer are settled in one
    /// transaction with a few statements for all of them, the rest each on its own. Each still ends
    /// as it would alone — two payments to one lease, another lease's, a cancellation, a duplicate
    /// in the same batch and an unknown CheckoutRequestID — with one payment and one receipt per
    /// paid request, and the receipts' balances as if they had come one by one.
    func testABatchOfCallbacksSettlesEachAsItWouldAlone() throws {
        let other = try XCTUnwrap(
            try app.approve(
                try app.signUpTenant(to: place, name: "Wanjiru Kamau"), by: landlord, place: place, unit: "A2",
                start: CalendarDay(2026, 1, 1)
            ).leaseID)
        // Deposits the payments reach: all of the first lease's (6,000 of its 8,000), part of the other's.
        try app.db.execute(
            "UPDATE leases SET deposit = CASE id WHEN ? THEN 6000 ELSE 10000 END WHERE id IN (?, ?)", lease, lease,
            other)
        let (first, second) = (try pushed(5_000), try pushed(3_000))
        let (otherPaid, otherCancelled) = (try pushed(4_000, lease: other), try pushed(4_000, lease: other))
        func paid(_ checkout: String, _ amount: Int, _ receipt: String) -> (String, STKResult) {
            var result = STKResult(resultCode: 0, resultDesc: "processed")
            (result.receipt, result.amount, result.fromCallback) = (receipt, amount, true)
            return (checkout, result)
        }
        let batch = [
            paid(first, 5_000, "TKB0000001"), paid(otherPaid, 4_000, "TKB0000002"), paid(second, 3_000, "TKB0000003"),
            (otherCancelled, STKResult(resultCode: 1032, resultDesc: "cancelled")),
            paid(otherPaid, 4_000, "TKB0000002"), paid("ws_CO_nobody", 1_000, "TKB0000009"),
        ]
        var kept: [Int] = []
        let outcomes = try settlement.settle(batch: batch) { index, _ in kept.append(index) }.map { try $0.get() }
        XCTAssertEqual(kept.sorted(), Array(0..<6), "each outcome kept once, in its settlement's transaction")
        XCTAssertEqual(outcomes, [.settled, .settled, .settled, .settled, .duplicate, .unknown])
        XCTAssertEqual(
            try [first, second, otherPaid, otherCancelled].map { try status($0) },
            ["succeeded", "succeeded", "succeeded", "cancelled"])
        XCTAssertEqual(
            try app.rows("SELECT lease_id, amount, receipt FROM payments ORDER BY receipt"),
            [
                ["\(lease)", "5000", "TKB0000001"], ["\(other)", "4000", "TKB0000002"],
                ["\(lease)", "3000", "TKB0000003"],
            ])
        XCTAssertEqual(
            try app.rows("SELECT id, total_paid FROM leases WHERE id IN (?, ?) ORDER BY id", [lease, other]),
            [["\(lease)", "8000"], ["\(other)", "4000"]].sorted { $0[0]! < $1[0]! })
        XCTAssertEqual(
            try app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'payment_receipt' AND channel = 'email'"), 3)
        // The lease's two receipts: the second one's balance counts the first payment too.
        let balances = try app.rows(
            "SELECT text_body FROM outbox WHERE kind = 'payment_receipt' AND channel = 'email' AND recipient = "
                + "(SELECT email FROM users WHERE id = (SELECT tenant_id FROM leases WHERE id = ?)) ORDER BY id",
            [lease]
        ).map { row in
            row[0]!.split(separator: "\n").first { $0.contains("Balance:") }.map { String($0) } ?? ""
        }
        let owed = try LedgerStore(db: app.db).balance(lease: LeaseID(Int64(lease)))
        XCTAssertGreaterThan(owed, 0, "rent is owed since January: both balances are amounts owed")
        let figures = balances.map { Int($0.filter(\.isNumber)) }
        XCTAssertEqual(figures, [owed + 3_000, owed], "after the 5,000, then after the 3,000 too: \(balances)")
        XCTAssertEqual(
            try app.count("SELECT SUM(collected) FROM property_month_totals WHERE property_id = ?", [place.id]), 12_000)
        // What went to each lease's deposit (the oldest item): its payments up to the deposit.
        for (id, toDeposit) in [(lease, 6_000), (other, 4_000)] {
            XCTAssertEqual(
                try app.count("SELECT SUM(deposit_collected) FROM lease_month_totals WHERE lease_id = ?", [id]),
                toDeposit, "lease \(id)")
        }
    }

    func testEveryOtherOutcomeSettlesTheRequestWithoutAPayment() throws {
        let outcomes = [1032: "cancelled", 1037: "timed_out", 2001: "failed", 1: "failed"]
        for (code, expected) in outcomes {
            let checkout = try pushed()
            XCTAssertEqual(callback(checkout, code: code).status, 200)
            XCTAssertEqual(try status(checkout), expected, "ResultCode \(code)")
        }
        XCTAssertEqual(try payments(), 0)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'payment_receipt'"), 0)
    }

    func testADuplicateCallbackChangesNothing() throws {
        let checkout = try pushed()
        for _ in 0..<3 { XCTAssertEqual(callback(checkout, code: 0, receipt: "TKDUP00001").status, 200) }
        XCTAssertEqual(try payments(), 1)
        XCTAssertEqual(
            try app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'payment_receipt' AND channel = 'email'"), 1)
        XCTAssertEqual(
            try app.rows("SELECT outcome FROM daraja_callbacks ORDER BY id").map { $0[0] },
            ["settled", "duplicate", "duplicate"])
        // A failure arriving after the success never overturns it.
        XCTAssertEqual(callback(checkout, code: 1032).status, 200)
        XCTAssertEqual(try status(checkout), "succeeded")
        XCTAssertEqual(try payments(), 1)
    }

    func testConcurrentDuplicatesOnTwoWorkersRecordOnePayment() throws {
        let checkout = try pushed()
        let body = try JSONSerialization.data(withJSONObject: [
            "Body": [
                "stkCallback": [
                    "MerchantRequestID": "m", "CheckoutRequestID": checkout, "ResultCode": 0, "ResultDesc": "ok",
                    "CallbackMetadata": [
                        "Item": [
                            ["Name": "Amount", "Value": 5000.0], ["Name": "MpesaReceiptNumber", "Value": "TKRACE0001"],
                            ["Name": "PhoneNumber", "Value": 254_722_000_111],
                        ]
                    ],
                ]
            ]
        ])
        let application = app.app
        // Each worker thread with its own handler and connection, as `serve` runs them.
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let worker = application.makeHandler(worker: index + 1)
            let params = [
                "REQUEST_METHOD": "POST", "DOCUMENT_URI": "/daraja/stk/\(AppHarness.callbackToken)",
                "CONTENT_TYPE": "application/json", "REMOTE_ADDR": "127.0.0.1",
            ]
            for _ in 0..<10 { _ = worker.respond(to: .init(params: params, body: Array(body))) }
        }
        XCTAssertEqual(try payments(), 1)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM daraja_callbacks"), 20)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM daraja_callbacks WHERE outcome = 'settled'"), 1)
    }

    func testALateCallbackAfterTheRequestTimedOutStillRecordsThePayment() throws {
        let checkout = try pushed()
        let id = try XCTUnwrap(
            try app.value("SELECT id FROM payment_requests WHERE checkout_request_id = ?", [checkout]).flatMap {
                Int64($0)
            })
        try settlement.timeOut(PaymentRequestID(id), message: "gave up")
        XCTAssertEqual(try status(checkout), "timed_out")
        XCTAssertEqual(callback(checkout, code: 0, receipt: "TKLATE0001").status, 200)
        XCTAssertEqual(try status(checkout), "succeeded")
        XCTAssertEqual(try app.value("SELECT receipt FROM payments WHERE lease_id = ?", [lease]), "TKLATE0001")
    }

    func testTheReconcilerAndTheCallbackRaceToOnePaymentWithTheReceipt() throws {
        // The query answers first (no receipt), then the callback brings it.
        let first = try pushed()
        XCTAssertEqual(
            try settlement.settle(checkoutRequestID: first, STKResult(resultCode: 0, resultDesc: "processed")),
            .settled)
        XCTAssertEqual(
            try app.value("SELECT receipt IS NULL FROM payments WHERE checkout_request_id = ?", [first]), "1")
        XCTAssertEqual(callback(first, code: 0, receipt: "TKRECON001").status, 200)
        XCTAssertEqual(
            try app.value("SELECT receipt FROM payments WHERE checkout_request_id = ?", [first]), "TKRECON001")
        // The callback first, then the query's answer: nothing changes.
        let second = try pushed()
        XCTAssertEqual(callback(second, code: 0, receipt: "TKRECON002").status, 200)
        XCTAssertEqual(
            try settlement.settle(checkoutRequestID: second, STKResult(resultCode: 1032, resultDesc: "cancelled")),
            .duplicate)
        XCTAssertEqual(try status(second), "succeeded")
        // The query said cancelled; the callback proves the money moved.
        let third = try pushed()
        _ = try settlement.settle(checkoutRequestID: third, STKResult(resultCode: 1032, resultDesc: "cancelled"))
        XCTAssertEqual(try status(third), "cancelled")
        XCTAssertEqual(callback(third, code: 0, receipt: "TKRECON003").status, 200)
        XCTAssertEqual(try status(third), "succeeded")
        XCTAssertEqual(try payments(), 3)
    }

    func testADifferentAmountIsRecordedAsPaidAndFlaggedForTheLandlord() throws {
        let checkout = try pushed(5_000)
        XCTAssertEqual(callback(checkout, code: 0, amount: 4_000).status, 200)
        XCTAssertEqual(try app.value("SELECT amount FROM payments WHERE lease_id = ?", [lease]), "4000")
        XCTAssertEqual(
            try app.value("SELECT amount_mismatch FROM payment_requests WHERE checkout_request_id = ?", [checkout]), "1"
        )
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'amount_mismatch'"), 1)
    }

    func testBadCallbacksAreRefusedKeptAndRecordNothing() throws {
        let checkout = try pushed()
        let wrongToken = app.send(
            "POST", "/daraja/stk/not-the-token", body: Array("{}".utf8), contentType: "application/json")
        XCTAssertEqual(wrongToken.status, 404)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM daraja_callbacks"), 0, "nothing kept for a stranger")
        let path = "/daraja/stk/\(AppHarness.callbackToken)"
        let malformed = app.send("POST", path, body: Array("{\"Body\":".utf8), contentType: "application/json")
        XCTAssertEqual(malformed.status, 400)
        let huge = app.send(
            "POST", path, body: Array(repeating: UInt8(ascii: " "), count: 20_000), contentType: "application/json")
        XCTAssertEqual(huge.status, 413)
        XCTAssertEqual(try app.value("SELECT outcome FROM daraja_callbacks ORDER BY id LIMIT 1"), "malformed")
        XCTAssertEqual(try app.value("SELECT body FROM daraja_callbacks ORDER BY id LIMIT 1"), "{\"Body\":")
        XCTAssertEqual(try status(checkout), "pending")
        XCTAssertEqual(try payments(), 0)
    }
}
