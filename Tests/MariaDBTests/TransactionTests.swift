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
}
