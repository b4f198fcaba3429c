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
