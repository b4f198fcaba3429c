import Foundation
import MariaDB
import XCTest

/// `executeAtCommit`: statements sent with the COMMIT in one round trip, after the `beforeCommit`
/// work; one that fails rolls the whole transaction back; values arrive exactly as given.
final class ExecuteAtCommitTests: DatabaseTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try db.execute("CREATE TABLE ledger (id INT PRIMARY KEY, amount INT) ENGINE=InnoDB")
        try db.execute(
            """
            CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(200), body BLOB, at DATETIME(6),
                                ratio DOUBLE) ENGINE=InnoDB CHARACTER SET utf8mb4
            """)
        try db.execute("CREATE TABLE total (id INT PRIMARY KEY, amount INT) ENGINE=InnoDB")
        try db.execute("INSERT INTO total VALUES (1, 0)")
    }

    func testTheStatementsRunWithTheCommitAfterTheBeforeCommitWork() throws {
        var seenBeforeCommit = -1
        try db.transaction {
            try db.execute("INSERT INTO ledger VALUES (1, 100)")
            try db.executeAtCommit("UPDATE total SET amount = amount + ? WHERE id = ?", 100, 1)
            try db.beforeCommit {
                seenBeforeCommit = try self.db.queryOne("SELECT amount FROM total")?.int(0) ?? -1
            }
            try db.executeAtCommit("UPDATE total SET amount = amount * 2 WHERE id = 1")
        }
        XCTAssertEqual(seenBeforeCommit, 0, "not run before the commit")
        XCTAssertEqual(try db.queryOne("SELECT amount FROM total")?.int(0), 200, "run in the order given")
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM ledger")?.int(0), 1)
    }

    func testAFailingStatementRollsTheTransactionBackWithItsError() throws {
        XCTAssertThrowsError(
            try db.transaction {
                try db.execute("INSERT INTO ledger VALUES (1, 100)")
                try db.executeAtCommit("UPDATE total SET amount = amount + 5 WHERE id = 1")
                try db.executeAtCommit("INSERT INTO ledger VALUES (?, ?)", 1, 7)
            }
        ) { error in
            XCTAssertTrue((error as? DatabaseError)?.isDuplicateKey == true, "\(error)")
        }
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM ledger")?.int(0), 0)
        XCTAssertEqual(try db.queryOne("SELECT amount FROM total")?.int(0), 0)
        // Nothing is left over for the next transaction, and the connection still works.
        try db.transaction { try db.executeAtCommit("INSERT INTO ledger VALUES (2, 5)") }
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM ledger")?.int(0), 1)
    }

    func testValuesArriveExactlyAsGivenAndNeverAsSQL() throws {
        let note = "it's a \"test\" \\ ? ; -- '); DROP TABLE ledger; -- Ksh 5,000 ✓ 🏠"
        let body: [UInt8] = [0, 39, 92, 34, 255, 63, 10]
        let at = Date(timeIntervalSince1970: 1_780_000_000.123456)
        try db.transaction {
            try db.executeAtCommit(
                "INSERT INTO audit (note, body, at, ratio) VALUES (?, ?, ?, ?)", note, body, at, 0.25)
            try db.executeAtCommit("INSERT INTO audit (note, body) VALUES ('?', ?)", nil as String?)
        }
        let rows = try db.query("SELECT note, body, at, ratio FROM audit ORDER BY id")
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(try rows[0].string("note"), note)
        XCTAssertEqual(try rows[0].bytes("body"), body)
        XCTAssertEqual(try rows[0].date("at").timeIntervalSince1970, at.timeIntervalSince1970, accuracy: 0.000001)
        XCTAssertEqual(try rows[0].double("ratio"), 0.25)
        XCTAssertEqual(try rows[1].string("note"), "?", "a ? inside quotes is no placeholder")
        XCTAssertNil(try rows[1].optionalBytes("body"))
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM ledger")?.int(0), 0, "the table is still there")
    }

    func testTooFewOrTooManyParametersAreRefusedAtOnce() throws {
        try db.transaction {
            XCTAssertThrowsError(try db.executeAtCommit("INSERT INTO ledger VALUES (?, ?)", 1))
            XCTAssertThrowsError(try db.executeAtCommit("INSERT INTO ledger VALUES (?, 2)", 1, 2))
        }
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM ledger")?.int(0), 0)
    }

    func testOutsideATransactionTheStatementRunsAtOnce() throws {
        try db.executeAtCommit("INSERT INTO ledger VALUES (?, ?)", 3, 30)
        XCTAssertEqual(try db.queryOne("SELECT amount FROM ledger WHERE id = 3")?.int(0), 30)
    }

    private let auditNote = RowStatement(head: "INSERT INTO audit (note) VALUES ", row: "(?)")

    /// The rows of every call with one `RowStatement` go in one statement, at the first call's place.
    func testTheRowsOfOneRowStatementAreSentTogetherAtTheFirstCallsPlace() throws {
        try db.transaction {
            try db.executeAtCommit(auditNote, rows: [["a"]])
            try db.executeAtCommit("UPDATE total SET amount = (SELECT COUNT(*) FROM audit) WHERE id = 1")
            try db.executeAtCommit(auditNote, rows: [["b"], ["c"]])
            XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM audit")?.int(0), 0, "nothing before the commit")
        }
        let notes = try db.query("SELECT note FROM audit ORDER BY id").map { try $0.string("note") }
        XCTAssertEqual(notes, ["a", "b", "c"], "in the order of the calls")
        XCTAssertEqual(
            try db.queryOne("SELECT amount FROM total")?.int(0), 3,
            "all three rows ran before the UPDATE queued after the first")
    }

    /// A rolled-back transaction's rows are dropped; the next transaction sends only its own.
    func testRowsOfARolledBackTransactionAreNotSentWithTheNext() throws {
        struct Abandoned: Error {}
        XCTAssertThrowsError(
            try db.transaction {
                try db.executeAtCommit(auditNote, rows: [["dropped"]])
                throw Abandoned()
            })
        try db.transaction { try db.executeAtCommit(auditNote, rows: [["kept"]]) }
        XCTAssertEqual(try db.query("SELECT note FROM audit").map { try $0.string("note") }, ["kept"])
        try db.executeAtCommit(auditNote, rows: [["at once"], ["also"]])
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM audit")?.int(0), 3, "outside a transaction: run at once")
    }

    private let auditNotes = RowStatement(head: "INSERT INTO audit (note) VALUES ", row: "(?)", tail: " RETURNING id")

    func testReturnedIdsReachEachCallOnlyOnceCommittedInItsRowsOrder() throws {
        var first: [Int64] = []
        var second: [Int64] = []
        try db.execute("INSERT INTO audit (id, note) VALUES (41, 'before')")
        try db.transaction {
            try db.executeAtCommit(auditNotes, rows: [["a"], ["b"]]) { first = $0 }
            try db.executeAtCommit(auditNotes, rows: [["plain"]])
            try db.executeAtCommit(auditNotes, rows: [["c"]]) { second = $0 }
            XCTAssertEqual(first, [], "not before the commit")
        }
        let ids = try db.query("SELECT id, note FROM audit WHERE id > 41 ORDER BY id").map {
            (try $0.int64("id"), try $0.string("note"))
        }
        XCTAssertEqual(ids.map(\.1), ["a", "b", "plain", "c"])
        XCTAssertEqual(first, [ids[0].0, ids[1].0])
        XCTAssertEqual(second, [ids[3].0], "a call without a receiver takes no id from the others")
    }

    func testNoIdsArriveWhenTheTransactionRollsBackOrAStatementFails() throws {
        var received: [[Int64]] = []
        XCTAssertThrowsError(
            try db.transaction {
                try db.executeAtCommit(auditNotes, rows: [["rolled back"]]) { received.append($0) }
                throw DatabaseError.decoding(column: "x", reason: "the caller gave up")
            })
        XCTAssertThrowsError(
            try db.transaction {
                try db.execute("INSERT INTO ledger VALUES (1, 100)")
                try db.executeAtCommit(auditNotes, rows: [["failed with the next"]]) { received.append($0) }
                try db.executeAtCommit("INSERT INTO ledger VALUES (?, ?)", 1, 7)
            })
        XCTAssertEqual(received, [])
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM audit")?.int(0), 0)
        // Outside a transaction the statement runs at once and its ids arrive at once.
        try db.executeAtCommit(auditNotes, rows: [["alone"]]) { received.append($0) }
        XCTAssertEqual(received, [[try XCTUnwrap(db.queryOne("SELECT MAX(id) FROM audit")?.int64(0))]])
    }
}
