import Foundation
import MariaDB
import XCTest

final class ReconnectTests: DatabaseTestCase {
    private func kill(_ connection: Connection) throws -> Int64 {
        let id = try XCTUnwrap(try connection.queryOne("SELECT CONNECTION_ID()")).int64(0)
        let killer = Connection(url: url)
        try killer.executeUncached("KILL CONNECTION \(id)")
        return id
    }

    func testNextCallAfterAKilledConnectionWorks() throws {
        try db.execute("CREATE TABLE t (id INT PRIMARY KEY)")
        try db.execute("INSERT INTO t VALUES (?)", 1)
        let oldID = try kill(db)

        // A read is retried once on a new connection; the statement cache is rebuilt.
        XCTAssertEqual(try db.query("SELECT id FROM t").count, 1)
        try db.execute("INSERT INTO t VALUES (?)", 2)
        XCTAssertNotEqual(try db.queryOne("SELECT CONNECTION_ID()")?.int64(0), oldID)
    }

    func testWriteAfterAKilledConnectionFailsOnceThenWorks() throws {
        try db.execute("CREATE TABLE t (id INT PRIMARY KEY)")
        let oldID = try kill(db)
        // A write is not repeated, since it might have happened before the connection died.
        XCTAssertThrowsError(try db.execute("INSERT INTO t VALUES (?)", 1)) { error in
            XCTAssertEqual((error as? DatabaseError)?.isConnectionLost, true, "\(error)")
        }
        try db.execute("INSERT INTO t VALUES (?)", 2)
        XCTAssertNotEqual(try db.queryOne("SELECT CONNECTION_ID()")?.int64(0), oldID)
    }

    func testPingReconnects() throws {
        _ = try kill(db)
        XCTAssertTrue(db.ping())
        XCTAssertEqual(try db.queryOne("SELECT 1")?.int(0), 1)
    }

    func testLostConnectionInsideATransactionIsNotHidden() throws {
        try db.execute("CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB")
        XCTAssertThrowsError(
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)")
                _ = try kill(db)
                // Swallowing the first failure must not let the rest run outside the transaction.
                _ = try? db.execute("INSERT INTO t VALUES (2)")
                try db.execute("INSERT INTO t VALUES (3)")
            }
        ) { error in
            XCTAssertEqual((error as? DatabaseError)?.isConnectionLost, true, "\(error)")
        }
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM t")?.int(0), 0)
    }

    func testUnreachableServerIsConnectionLost() {
        let nowhere = DatabaseURL(user: "x", database: "x", socket: "/nonexistent/mysqld.sock")
        let connection = Connection(url: nowhere)
        XCTAssertThrowsError(try connection.connect()) { error in
            XCTAssertEqual((error as? DatabaseError)?.isConnectionLost, true, "\(error)")
        }
        XCTAssertFalse(connection.ping())
    }

    func testWrongPasswordIsNotConnectionLost() {
        var wrong = url!
        wrong.password = "wrong"
        XCTAssertThrowsError(try Connection(url: wrong).connect()) { error in
            XCTAssertEqual((error as? DatabaseError)?.errorNumber, 1045)
            XCTAssertEqual((error as? DatabaseError)?.isConnectionLost, false)
        }
    }

    /// Stops and restarts the private server of scripts/mariadb.sh; runs only when
    /// NYUMBA_TEST_MARIADB_DIR names its directory (it briefly takes the server away).
    func testServerRestartNeedsNoNewConnection() throws {
        guard let directory = ProcessInfo.processInfo.environment["NYUMBA_TEST_MARIADB_DIR"] else {
            throw XCTSkip("set NYUMBA_TEST_MARIADB_DIR to the scripts/mariadb.sh directory to run")
        }
        let script = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("../../scripts/mariadb.sh").standardized.path
        func mariadbScript(_ command: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [script, command, directory]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw XCTSkip("mariadb.sh \(command) failed") }
        }
        XCTAssertEqual(try db.queryOne("SELECT 1")?.int(0), 1)
        try mariadbScript("stop")
        for _ in 0..<2 {
            XCTAssertThrowsError(try db.query("SELECT 1")) { error in
                XCTAssertEqual((error as? DatabaseError)?.isConnectionLost, true, "\(error)")
            }
        }
        XCTAssertFalse(db.ping())
        try mariadbScript("start")
        XCTAssertEqual(try db.queryOne("SELECT 1")?.int(0), 1)
    }
}
