import MariaDB
import XCTest

@testable import NyumbaApp

/// Messages for a sender in this process: written claimed, handed over only once committed,
/// invisible to other senders until their claim runs out or a stop releases them, sent once.
final class OutboxHandoffTests: XCTestCase {
    private var app: AppHarness!

    override func setUpWithError() throws {
        app = try AppHarness()
    }

    override func tearDown() {
        app = nil
    }

    private func receipt(_ number: String) -> [OutboxMessage] {
        [
            OutboxMessage(
                EmailDraft(
                    kind: "payment_receipt", recipient: "otieno@example.com", recipientName: "Otieno",
                    subject: "Receipt", text: "KES 500 received.")),
            OutboxMessage(
                SMSDraft(kind: "payment_receipt", number: number, recipientName: "Otieno", text: "KES 500 received.")),
        ]
    }

    /// Rows due for a sender of another process (they claim from the outbox).
    private func dueForOthers(_ channel: NoticeChannel) throws -> Int {
        try OutboxQueue(db: app.db, channel: channel).dueCount()
    }

    func testACommittedMessageIsHandedOverClaimedAndSentOnce() throws {
        let handoff = OutboxHandoff()
        handoff.open(.sms)
        try app.db.transaction {
            try Outbox(db: app.db).enqueueAtCommit(receipt("+254722000111"), handoff: handoff)
            XCTAssertEqual(handoff.take(.sms, limit: 10).count, 0, "nothing before the commit")
        }
        // The email's sender is not in this process: its row is due for any sender, as before.
        XCTAssertEqual(try dueForOthers(.email), 1)
        XCTAssertEqual(try dueForOthers(.sms), 0, "claimed as it was written")
        let stored = try app.rows(
            """
            SELECT id, recipient, text_body, TIMESTAMPDIFF(SECOND, created_at, next_attempt_at) FROM outbox
            WHERE channel = 'sms'
            """)
        XCTAssertEqual(stored.count, 1)
        XCTAssertEqual(stored[0][3], "\(OutboxHandoff.lease.components.seconds)")

        let outbox = OutboxQueue(db: app.db, channel: .sms)
        var sent: [QueuedMessage] = []
        XCTAssertEqual(try outbox.deliverBatch(handoff: handoff) { sent.append($0) }, 1)
        XCTAssertEqual(sent.map(\.id), [Int64(stored[0][0]!)!], "the row's own id")
        XCTAssertEqual(sent.map(\.recipient), ["+254722000111"])
        XCTAssertEqual(sent.map(\.textBody), [stored[0][2]!])
        try outbox.markSent(sent.map(\.id))
        XCTAssertEqual(try outbox.deliverBatch(handoff: handoff) { sent.append($0) }, 0, "never handed twice")
        XCTAssertEqual(sent.count, 1)
    }

    func testARolledBackTransactionHandsNothingOverAndWritesNothing() throws {
        let handoff = OutboxHandoff()
        handoff.open(.email)
        handoff.open(.sms)
        XCTAssertThrowsError(
            try app.db.transaction {
                try Outbox(db: app.db).enqueueAtCommit(receipt("+254722000111"), handoff: handoff)
                throw DatabaseError.decoding(column: "amount", reason: "the payment was refused")
            })
        XCTAssertEqual(handoff.take(.email, limit: 10).count + handoff.take(.sms, limit: 10).count, 0)
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM outbox"), 0)
    }

    /// The process stops: what was handed over and not sent is due at once for the next senders.
    /// It dies instead: the same rows are due when their claim runs out.
    func testWhatWasNotSentIsReleasedOnAStopOrWhenItsClaimRunsOut() throws {
        let handoff = OutboxHandoff()
        handoff.open(.sms)
        try app.db.transaction {
            try Outbox(db: app.db).enqueueAtCommit(
                receipt("+254722000111") + receipt("+254722000112"), handoff: handoff)
        }
        XCTAssertEqual(try dueForOthers(.sms), 0)
        handoff.releaseWaiting(on: app.db)
        XCTAssertEqual(try dueForOthers(.sms), 2)
        XCTAssertFalse(handoff.isOpen(.sms), "closed by the stop")
        XCTAssertEqual(handoff.take(.sms, limit: 10).count, 0)

        let died = OutboxHandoff()
        died.open(.sms)
        try app.db.transaction {
            try Outbox(db: app.db).enqueueAtCommit(receipt("+254722000113"), handoff: died)
        }
        XCTAssertEqual(try dueForOthers(.sms), 2, "claimed for its lease")
        try app.db.execute(
            "UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE recipient = '+254722000113'"
        )
        XCTAssertEqual(try dueForOthers(.sms), 3, "due once the claim has run out")
    }

    func testRowsBeyondTheCapacityOrWaitingTooLongAreLeftToTheirClaim() throws {
        let handoff = OutboxHandoff(capacity: 2)
        handoff.open(.sms)
        try app.db.transaction {
            try Outbox(db: app.db).enqueueAtCommit(
                receipt("+254722000111") + receipt("+254722000112") + receipt("+254722000113"), handoff: handoff)
        }
        XCTAssertEqual(handoff.take(.sms, limit: 10).map(\.recipient), ["+254722000111", "+254722000112"])
        XCTAssertEqual(try dueForOthers(.sms), 0, "the third stays claimed until its lease ends")

        let impatient = OutboxHandoff(maximumWait: .zero)
        impatient.open(.sms)
        try app.db.transaction {
            try Outbox(db: app.db).enqueueAtCommit(receipt("+254722000114"), handoff: impatient)
        }
        XCTAssertEqual(impatient.take(.sms, limit: 10).count, 0)
    }
}
