import Foundation
import MariaDB
import XCTest

final class StatementCacheTests: DatabaseTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try db.execute("CREATE TABLE tenants (id INT PRIMARY KEY, name VARCHAR(100))")
        try db.execute("INSERT INTO tenants VALUES (1, 'Akinyi'), (2, 'Baraka')")
    }

    func testSameSQLIsPreparedOnce() throws {
        let before = db.preparedStatementCount
        for id in [1, 2, 1, 2] {
            _ = try db.queryOne("SELECT name FROM tenants WHERE id = ?", id)
        }
        XCTAssertEqual(db.preparedStatementCount, before + 1)
        // The server agrees: one more prepare, several executes.
        let status = try db.query("SHOW SESSION STATUS WHERE Variable_name IN ('Com_stmt_prepare', 'Com_stmt_execute')")
        let counts = try Dictionary(uniqueKeysWithValues: status.map { (try $0.string(0), try $0.int(1)) })
        XCTAssertLessThan(counts["Com_stmt_prepare"]!, counts["Com_stmt_execute"]!)
    }

    func testCacheIsBoundedLeastRecentlyUsedFirst() throws {
        let small = Connection(url: url, statementCacheSize: 2)
        _ = try small.query("SELECT 1")
        _ = try small.query("SELECT 2")
        _ = try small.query("SELECT 1")
        _ = try small.query("SELECT 3")  // evicts "SELECT 2"
        XCTAssertEqual(small.cachedStatementCount, 2)
        let prepared = small.preparedStatementCount
        _ = try small.query("SELECT 1")
        XCTAssertEqual(small.preparedStatementCount, prepared, "SELECT 1 was used recently and stayed")
        _ = try small.query("SELECT 2")
        XCTAssertEqual(small.preparedStatementCount, prepared + 1)
    }

    func testAtTheServersLimitOfPreparedStatementsAConnectionGivesBackItsOldest() throws {
        // Setting the limit takes root (the test database's user may not); over the same socket.
        var rootURL = url!
        rootURL.user = "root"
        rootURL.password = ""
        let root = Connection(url: rootURL)
        guard (try? root.executeUncached("SELECT 1")) != nil else { throw XCTSkip("no root connection") }
        let limit = try XCTUnwrap(root.queryOne("SELECT @@GLOBAL.max_prepared_stmt_count")?.int(0))
        defer { _ = try? root.executeUncached("SET GLOBAL max_prepared_stmt_count = \(limit)") }
        let held = try XCTUnwrap(root.queryOne("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'")?.int(1))
        try root.executeUncached("SET GLOBAL max_prepared_stmt_count = \(held + 10)")
        for id in 0..<25 {
            XCTAssertEqual(try db.queryOne("SELECT ? + \(id) AS n", 1)?.int("n"), id + 1)
        }
        XCTAssertLessThanOrEqual(db.cachedStatementCount, 10)
        XCTAssertGreaterThan(db.cachedStatementCount, 0)
    }

    func testResultChangesAfterAlterTableAreSeen() throws {
        let sql = "SELECT * FROM tenants WHERE id = ?"
        XCTAssertEqual(try db.queryOne(sql, 1)?.values.count, 2)
        try db.execute("ALTER TABLE tenants ADD COLUMN phone VARCHAR(20) DEFAULT '0700'")
        let row = try db.queryOne(sql, 1)
        XCTAssertEqual(try row?.string("phone"), "0700")
    }

    func testPrimaryKeySelectOverhead() throws {
        let iterations = 3000
        for _ in 0..<100 { _ = try db.queryOne("SELECT id, name FROM tenants WHERE id = ?", 1) }
        var start = Date()
        for _ in 0..<iterations { XCTAssertTrue(db.ping()) }
        let ping = Date().timeIntervalSince(start) / Double(iterations) * 1e6
        start = Date()
        for index in 0..<iterations {
            let row = try db.queryOne("SELECT id, name FROM tenants WHERE id = ?", index % 2 + 1)
            _ = try row?.string("name")
        }
        let select = Date().timeIntervalSince(start) / Double(iterations) * 1e6
        print(String(format: "primary-key SELECT %.1f µs per query; bare ping round trip %.1f µs", select, ping))
        XCTAssertLessThan(select, 2000)
    }
}
