import MariaDB
import XCTest

final class TransactionTests: DatabaseTestCase {
    private struct Oops: Error {}

    override func setUpWithError() throws {
        try super.setUpWithError()
        try db.execute("CREATE TABLE ledger (id INT PRIMARY KEY, amount INT) ENGINE=InnoDB")
    }

    private func count() throws -> Int { try db.queryOne("SELECT COUNT(*) FROM ledger")!.int(0) }

    func testCommitKeepsWritesAndReturnsTheResult() throws {
        let result = try db.transaction {
            try db.execute("INSERT INTO ledger VALUES (1, 100)")
            try db.execute("INSERT INTO ledger VALUES (2, 200)")
            return "done"
        }
        XCTAssertEqual(result, "done")
        XCTAssertEqual(try count(), 2)
    }

    func testThrowRollsBack() throws {
        XCTAssertThrowsError(
            try db.transaction {
                try db.execute("INSERT INTO ledger VALUES (1, 100)")
                throw Oops()
            }
        ) { XCTAssertTrue($0 is Oops) }
        XCTAssertEqual(try count(), 0)
    }

    func testDuplicateKeyIsError1062AndRollsBackTheTransaction() throws {
        try db.execute("INSERT INTO ledger VALUES (1, 100)")
        XCTAssertThrowsError(
            try db.transaction {
                try db.execute("INSERT INTO ledger VALUES (2, 200)")
                try db.execute("INSERT INTO ledger VALUES (?, ?)", 1, 300)
            }
        ) { error in
            let error = error as? DatabaseError
            XCTAssertEqual(error?.errorNumber, 1062)
            XCTAssertEqual(error?.isDuplicateKey, true)
            XCTAssertEqual(error?.isConnectionLost, false)
            guard case .server(_, let state, let message) = error else {
                return XCTFail("\(String(describing: error))")
            }
            XCTAssertEqual(state, "23000")
            XCTAssertTrue(message.contains("Duplicate"), message)
        }
        XCTAssertEqual(try count(), 1)
    }

    func testNestedTransactionJoinsTheOuterOne() throws {
        XCTAssertThrowsError(
            try db.transaction {
                try db.transaction { try db.execute("INSERT INTO ledger VALUES (1, 100)") }
                throw Oops()
            })
        XCTAssertEqual(try count(), 0)
    }

    func testSyntaxErrorIsAServerError() {
        XCTAssertThrowsError(try db.query("SELEC 1")) { error in
            XCTAssertEqual((error as? DatabaseError)?.errorNumber, 1064)
        }
    }

    /// An `INSERT … RETURNING` that waits for a lock and times out: the server's error arrives
    /// while the rows are fetched, and Connector/C leaves it on the connection, not the statement.
    func testALockWaitInInsertReturningIsItsLockConflict() throws {
        let other = Connection(url: url)
        try other.execute("START TRANSACTION")
        try other.execute("INSERT INTO ledger VALUES (1, 100)")
        try db.execute("SET SESSION innodb_lock_wait_timeout = 1")
        XCTAssertThrowsError(try db.query("INSERT IGNORE INTO ledger VALUES (1, 300), (2, 200) RETURNING id")) {
            error in
            let error = error as? DatabaseError
            XCTAssertEqual(error?.errorNumber, 1205, "\(String(describing: error))")
            XCTAssertEqual(error?.isLockConflict, true)
        }
        try other.execute("ROLLBACK")
        XCTAssertEqual(
            try db.query("INSERT IGNORE INTO ledger VALUES (1, 300), (2, 200) RETURNING id").map { try $0.int(0) },
            [1, 2])
    }
}
