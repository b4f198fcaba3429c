import Foundation
import MariaDB
import XCTest

final class MigratorTests: DatabaseTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = NSTemporaryDirectory() + "migrations-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Written out of order on purpose; 0010 must run after 0002.
        try write(
            "0010_payments.sql",
            """
            CREATE TABLE payments (id INT PRIMARY KEY, tenant_id INT NOT NULL);
            INSERT INTO log (step) VALUES ('payments');
            """)
        try write(
            "0001_tenants.sql",
            """
            -- The log records the order migrations ran in; semicolons; in comments are fine.
            CREATE TABLE log (n INT AUTO_INCREMENT PRIMARY KEY, step VARCHAR(50));
            CREATE TABLE tenants (id INT PRIMARY KEY, name VARCHAR(100) DEFAULT 'a;b');
            INSERT INTO log (step) VALUES ('tenants; first');
            """)
        try write(
            "0002_phone.sql",
            "ALTER TABLE tenants ADD COLUMN phone VARCHAR(20);\nINSERT INTO log (step) VALUES ('phone');\n")
        try write("README.md", "not a migration")
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
        try super.tearDownWithError()
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    func testAppliesInOrderRecordsAndDoesNotReapply() throws {
        let migrator = try Migrator(connection: db, directory: directory)
        XCTAssertEqual(try migrator.pendingMigrations().map(\.version), [1, 2, 10])

        let applied = try migrator.migrate()
        XCTAssertEqual(applied.map(\.version), [1, 2, 10])
        XCTAssertEqual(applied.map(\.name), ["tenants", "phone", "payments"])
        let steps = try db.query("SELECT step FROM log ORDER BY n").map { try $0.string("step") }
        XCTAssertEqual(steps, ["tenants; first", "phone", "payments"])
        let recorded = try db.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
        XCTAssertEqual(try recorded.map { try $0.int("version") }, [1, 2, 10])
        XCTAssertLessThan(abs(try recorded[0].date("applied_at").timeIntervalSinceNow), 60)

        XCTAssertEqual(try migrator.pendingMigrations(), [])
        XCTAssertEqual(try Migrator(connection: db, directory: directory).migrate(), [])
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM log")?.int(0), 3)

        try write("0011_more.sql", "INSERT INTO log (step) VALUES ('more');")
        let later = try Migrator(connection: db, directory: directory)
        XCTAssertEqual(try later.pendingMigrations().map(\.version), [11])
        XCTAssertEqual(try later.migrate().map(\.version), [11])
    }

    func testWarnsWhenAnAppliedFileChanged() throws {
        try Migrator(connection: db, directory: directory).migrate()
        try write("0002_phone.sql", "ALTER TABLE tenants ADD COLUMN phone VARCHAR(30);\n")
        let migrator = try Migrator(connection: db, directory: directory)
        var warnings: [String] = []
        migrator.warn = { warnings.append($0) }
        XCTAssertEqual(try migrator.changedMigrations().map(\.version), [2])
        XCTAssertEqual(try migrator.migrate(), [])
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].contains("2_phone"), warnings[0])
    }

    func testFailingStatementNamesTheMigration() throws {
        try write("0003_broken.sql", "CREATE TABLE broken (id INT);\nSELEKT nonsense;\n")
        let migrator = try Migrator(connection: db, directory: directory)
        XCTAssertThrowsError(try migrator.migrate()) { error in
            guard case DatabaseError.migration(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("3_broken, statement 2"), reason)
        }
        XCTAssertEqual(try migrator.pendingMigrations().map(\.version), [3, 10])
    }

    func testBadFileNamesAreRejected() throws {
        try write("add_stuff.sql", "SELECT 1;")
        XCTAssertThrowsError(try Migrator(connection: db, directory: directory))
    }

    func testTwoMigratorsAtOnceApplyEachMigrationOnce() throws {
        // A slow first migration makes sure both runs overlap.
        try write(
            "0001_tenants.sql",
            "DO SLEEP(0.5);\nCREATE TABLE log (n INT AUTO_INCREMENT PRIMARY KEY, step VARCHAR(50));\n"
                + "CREATE TABLE tenants (id INT PRIMARY KEY);\n")
        let url = self.url!
        let directory = self.directory!
        let results = ResultBox()
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<2 {
            Thread.detachNewThread {
                defer { done.signal() }
                let connection = Connection(url: url)
                defer { MariaDBClient.threadEnd() }
                do {
                    let applied = try Migrator(connection: connection, directory: directory).migrate()
                    results.add(.success(applied.map(\.version)))
                } catch {
                    results.add(.failure(error))
                }
            }
        }
        done.wait()
        done.wait()
        let versions = try results.all.map { try $0.get() }
        XCTAssertEqual(versions.flatMap { $0 }.sorted(), [1, 2, 10])
        XCTAssertTrue(versions.contains([]), "one of the two found nothing left to do: \(versions)")
        XCTAssertEqual(try db.query("SELECT step FROM log ORDER BY n").map { try $0.string(0) }, ["phone", "payments"])
    }
}

/// Collects results from several threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[Int], any Error>] = []

    func add(_ result: Result<[Int], any Error>) { lock.withLock { results.append(result) } }
    var all: [Result<[Int], any Error>] { lock.withLock { results } }
}
