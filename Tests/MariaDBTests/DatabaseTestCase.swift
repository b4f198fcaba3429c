import Foundation
import MariaDB
import XCTest

/// A test case with its own freshly created database on the server named by
/// `NYUMBA_TEST_DATABASE_URL`; skipped when that variable is not set.
class DatabaseTestCase: XCTestCase {
    /// The URL of this test's private database.
    var url: DatabaseURL!
    /// A connection to it.
    var db: Connection!
    private var admin: Connection!

    override func setUpWithError() throws {
        try super.setUpWithError()
        let base = try Self.serverURL()
        let name = "nyumba_test_\(UInt32.random(in: 0...UInt32.max))"
        admin = Connection(url: base)
        try admin.executeUncached("CREATE DATABASE `\(name)` CHARACTER SET utf8mb4")
        url = base.withDatabase(name)
        db = Connection(url: url)
    }

    override func tearDownWithError() throws {
        db = nil
        if let admin, let url {
            let drop = "DROP DATABASE IF EXISTS `\(url.database)`"
            do {
                try admin.executeUncached(drop)
            } catch let error as DatabaseError where error.isConnectionLost {
                try admin.executeUncached(drop)  // a test restarted the server
            }
        }
        admin = nil
        try super.tearDownWithError()
    }

    static func serverURL() throws -> DatabaseURL {
        guard let text = ProcessInfo.processInfo.environment["NYUMBA_TEST_DATABASE_URL"], !text.isEmpty else {
            throw XCTSkip("NYUMBA_TEST_DATABASE_URL is not set")
        }
        return try DatabaseURL(text)
    }
}
