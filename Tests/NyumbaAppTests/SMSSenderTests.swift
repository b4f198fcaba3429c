import Foundation
import Locking
import SMS
import XCTest

@testable import NyumbaApp

/// A gateway that answers as told and counts what it was asked to send.
private final class ScriptedGateway: SMSTransport {
    enum Answer {
        case status(Int, String)
        case error(SMSError)
    }

    private let state = Locked<(answers: [Answer], sent: [String])>((answers: [], sent: []))

    func answer(_ answers: Answer...) { state.withLock { $0.answers = answers } }
    var sent: [String] { state.withLock { $0.sent } }

    func send(_ message: SMSMessage) throws(SMSError) -> [SMSRecipientResult] {
        let answer: Answer = state.withLock {
            $0.sent.append(message.text)
            return $0.answers.isEmpty ? .status(101, "Success") : $0.answers.removeFirst()
        }
        switch answer {
        case .error(let error): throw error
        case .status(let code, let status):
            return [
                SMSRecipientResult(
                    number: message.recipients[0].international, statusCode: code, status: status,
                    messageID: code < 400 ? "ATXid_\(sent.count)" : "None", cost: code < 400 ? "KES 0.8000" : "0",
                    parts: message.segments.count)
            ]
        }
    }
}

/// The SMS sender over the outbox: sent once, retried when the gateway sent nothing, failed
/// for good when it never will, and always visible in the row.
final class SMSSenderTests: XCTestCase {
    private var app: AppHarness!
    private let gateway = ScriptedGateway()
    private var sender: SMSSender!

    override func setUpWithError() throws {
        app = try AppHarness()
        var settings = SMSSettings()
        settings.retryBaseSeconds = 1
        settings.maxAttempts = 3
        sender = SMSSender(db: app.db, transport: gateway, settings: settings)
    }

    override func tearDown() {
        sender = nil
        app = nil
    }

    private func queue(_ number: String = "+254722000111") throws -> Int64 {
        try Outbox(db: app.db).enqueue(
            SMSDraft(kind: "payment_receipt", number: number, recipientName: "Otieno", text: "Nyumba receipt: KES 500.")
        )
    }

    /// status, attempts, provider message id, segments, cost of the row.
    private func row(_ id: Int64) throws -> [String?] {
        try app.rows(
            "SELECT status, attempts, provider_message_id, segments, cost FROM outbox WHERE id = ?", [id])[0]
    }

    /// Makes a row waiting for a retry due now.
    private func makeDue(_ id: Int64) throws {
        try app.db.execute("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(6) WHERE id = ?", id)
    }

    func testAnAcceptedSMSIsSentOnceWithItsMessageIDPartsAndCost() throws {
        let id = try queue()
        XCTAssertEqual(try sender.deliverBatch(), 1)
        XCTAssertEqual(try row(id), ["sent", "0", "ATXid_1", "1", "KES 0.8000"])
        try makeDue(id)
        XCTAssertEqual(try sender.deliverBatch(), 0)
        XCTAssertEqual(gateway.sent.count, 1)
    }

    /// The file transport's batch is recorded with one statement: each row still gets its own
    /// file's message id and parts.
    func testABatchWrittenToFilesIsRecordedRowByRow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sms-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = SMSSender(db: app.db, transport: SMSFileTransport(directory: folder), settings: SMSSettings())
        let twoParts = String(repeating: "Kodi ", count: 40)
        let ids = [
            try queue("+254722000111"),
            try Outbox(db: app.db).enqueue(
                SMSDraft(kind: "payment_receipt", number: "+254722000112", recipientName: "Akinyi", text: twoParts)),
            try queue("+254722000113"),
        ]
        XCTAssertEqual(try files.deliverBatch(), 3)
        let rows = try ids.map(row)
        XCTAssertEqual(rows.map { $0[0] }, ["sent", "sent", "sent"])
        XCTAssertEqual(rows.map { $0[3] }, ["1", "2", "1"])
        XCTAssertEqual(rows.map { $0[4] }, [nil, nil, nil])
        for (row, number) in zip(rows, ["+254722000111", "+254722000112", "+254722000113"]) {
            let messageID = try XCTUnwrap(row[2])
            XCTAssertTrue(messageID.hasSuffix(".1"), messageID)
            let file = try String(contentsOfFile: "\(folder)/\(messageID.dropLast(2)).txt", encoding: .utf8)
            XCTAssertTrue(file.hasPrefix("To: \(number)\n"), file)
            XCTAssertTrue(file.contains("Parts: \(row[3]!)\n"), file)
        }
        XCTAssertEqual(try sender.deliverBatch(), 0)
    }

    /// A batch that outlasts its time budget hands back the rows it did not reach: due again at
    /// once for the next pass (or another sender), while the row it reached stays claimed.
    func testABatchPastItsTimeBudgetReleasesTheRowsItDidNotReach() throws {
        let ids = [try queue("+254722000111"), try queue("+254722000112"), try queue("+254722000113")]
        let outbox = OutboxQueue(db: app.db, channel: .sms)
        var handed: [Int64] = []
        XCTAssertEqual(try outbox.deliverBatch(timeBudget: .zero) { handed.append($0.id) }, 1)
        XCTAssertEqual(handed, [ids[0]])
        XCTAssertEqual(try outbox.dueCount(), 2)
        XCTAssertEqual(try sender.deliverBatch(), 2)
        XCTAssertEqual(gateway.sent.count, 2)
        XCTAssertEqual(try ids.map { try row($0)[0] }, ["queued", "sent", "sent"])
        XCTAssertEqual(try outbox.dueCount(), 0)
    }

    func testARetryableStatusIsRetriedThenSentNeverTwice() throws {
        let id = try queue()
        gateway.answer(.status(500, "InternalServerError"))
        XCTAssertEqual(try sender.deliverBatch(), 1)
        XCTAssertEqual(try row(id)[0...1], ["queued", "1"])
        XCTAssertNotNil(try app.value("SELECT last_error FROM outbox WHERE id = ?", [id]))
        try makeDue(id)
        XCTAssertEqual(try sender.deliverBatch(), 1)
        XCTAssertEqual(try row(id)[0...1], ["sent", "1"])
        try makeDue(id)
        XCTAssertEqual(try sender.deliverBatch(), 0)
        XCTAssertEqual(gateway.sent.count, 2)
    }

    func testAPermanentRefusalIsFailedAtOnceAndShown() throws {
        let id = try queue()
        gateway.answer(.status(403, "InvalidPhoneNumber"))
        XCTAssertEqual(try sender.deliverBatch(), 1)
        XCTAssertEqual(try row(id)[0...1], ["failed", "1"])
        XCTAssertEqual(
            try app.value("SELECT last_error FROM outbox WHERE id = ?", [id]), "gateway_status=403 InvalidPhoneNumber")
        try makeDue(id)
        XCTAssertEqual(try sender.deliverBatch(), 0)
        XCTAssertEqual(gateway.sent.count, 1)
    }

    func testAnHTTPErrorOfFourHundredIsFailedAndAFiveHundredRetried() throws {
        let refused = try queue()
        gateway.answer(.error(.http(status: 400, body: "bad")))
        _ = try sender.deliverBatch()
        XCTAssertEqual(try row(refused)[0], "failed")
        let unavailable = try queue()
        gateway.answer(.error(.http(status: 503, body: "down")))
        _ = try sender.deliverBatch()
        XCTAssertEqual(try row(unavailable)[0...1], ["queued", "1"])
    }

    func testAnUnreachableGatewayKeepsTheSMSQueuedUntilItComesBack() throws {
        let id = try queue()
        gateway.answer(.error(.transport("connection refused")), .error(.transport("connection refused")))
        _ = try sender.deliverBatch()
        try makeDue(id)
        _ = try sender.deliverBatch()
        XCTAssertEqual(try row(id)[0...1], ["queued", "2"])
        try makeDue(id)
        _ = try sender.deliverBatch()
        XCTAssertEqual(try row(id)[0], "sent")
    }

    func testTooManyFailuresEndInFailed() throws {
        let id = try queue()
        gateway.answer(.status(500, "x"), .status(500, "x"), .status(500, "x"))
        for _ in 0..<3 {
            try makeDue(id)
            _ = try sender.deliverBatch()
        }
        XCTAssertEqual(try row(id)[0...1], ["failed", "3"])
    }

    func testEmailsAreNotTheSMSSendersAndSMSNotTheMailers() throws {
        try Outbox(db: app.db).enqueue(
            EmailDraft(kind: "welcome", recipient: "a@example.com", recipientName: "A", subject: "s", text: "t"))
        XCTAssertEqual(try sender.deliverBatch(), 0)
        _ = try queue()
        XCTAssertEqual(try OutboxQueue(db: app.db, channel: .email).dueCount(), 1)
        XCTAssertEqual(try OutboxQueue(db: app.db, channel: .sms).dueCount(), 1)
    }
}
