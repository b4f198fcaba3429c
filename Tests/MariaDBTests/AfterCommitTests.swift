import MariaDB
import XCTest

/// `afterCommit`: hooks run once the outermost transaction has committed, never after a rollback.
final class AfterCommitTests: DatabaseTestCase {
    private struct Oops: Error {}

    override func setUpWithError() throws {
        try super.setUpWithError()
        try db.execute("CREATE TABLE ledger (id INT PRIMARY KEY, amount INT) ENGINE=InnoDB")
    }

    func testOutsideATransactionTheHookRunsAtOnce() {
        var ran = 0
        db.afterCommit { ran += 1 }
        XCTAssertEqual(ran, 1)
    }

    func testTheHookRunsAfterTheOutermostCommitWhenTheDataIsVisible() throws {
        var seen: [Int] = []
        let observer = Connection(url: db.url)
        try db.transaction {
            try db.transaction {
                try db.execute("INSERT INTO ledger VALUES (1, 100)")
                db.afterCommit {
                    seen.append((try? observer.queryOne("SELECT COUNT(*) FROM ledger")?.int(0)) ?? -1)
                }
            }
            XCTAssertEqual(seen, [], "a nested transaction's end is not the commit")
        }
        XCTAssertEqual(seen, [1], "the hook ran once, and another connection saw the row by then")
    }

    func testARollbackDropsTheHook() throws {
        var ran = 0
        XCTAssertThrowsError(
            try db.transaction {
                db.afterCommit { ran += 1 }
                throw Oops()
            })
        try db.transaction { try db.execute("INSERT INTO ledger VALUES (1, 100)") }
        XCTAssertEqual(ran, 0)
    }
}

/// `beforeCommit`: work runs last in the outermost transaction, in order, and its failure rolls it all back.
final class BeforeCommitTests: DatabaseTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try db.execute("CREATE TABLE ledger (id INT PRIMARY KEY, amount INT) ENGINE=InnoDB")
        try db.execute("CREATE TABLE total (id INT PRIMARY KEY, amount INT) ENGINE=InnoDB")
        try db.execute("INSERT INTO total VALUES (1, 0)")
    }

    func testTheWorkRunsLastInTheTransactionInOrder() throws {
        var order: [String] = []
        try db.transaction {
            try db.transaction {
                try db.execute("INSERT INTO ledger VALUES (1, 100)")
                try db.beforeCommit {
                    order.append("total")
                    try self.db.execute("UPDATE total SET amount = amount + 100 WHERE id = 1")
                }
                try db.beforeCommit { order.append("second") }
            }
            order.append("body")
            try db.execute("INSERT INTO ledger VALUES (2, 5)")
        }
        XCTAssertEqual(order, ["body", "total", "second"])
        XCTAssertEqual(try db.queryOne("SELECT amount FROM total")?.int(0), 100)
    }

    func testFailingWorkRollsTheTransactionBack() throws {
        struct Oops: Error {}
        XCTAssertThrowsError(
            try db.transaction {
                try db.execute("INSERT INTO ledger VALUES (1, 100)")
                try db.beforeCommit { throw Oops() }
            })
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM ledger")?.int(0), 0)
        // Nothing is left over for the next transaction.
        try db.transaction { try db.execute("INSERT INTO ledger VALUES (2, 5)") }
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM ledger")?.int(0), 1)
    }

    func testOutsideATransactionTheWorkRunsAtOnce() throws {
        var ran = 0
        try db.beforeCommit { ran += 1 }
        XCTAssertEqual(ran, 1)
    }
}
