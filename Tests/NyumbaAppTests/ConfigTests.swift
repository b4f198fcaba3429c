import XCTest

@testable import NyumbaApp

final class ConfigTests: XCTestCase {
    private let valid = [
        "NYUMBA_DATABASE_URL": "mariadb://nyumba:secret@localhost/nyumba?socket=/tmp/db.sock",
        "NYUMBA_FCGI_SOCKET": "/tmp/nyumba.sock",
        "NYUMBA_PUBLIC_URL": "https://rent.example.com",
        "NYUMBA_SECRET_KEY": String(repeating: "k", count: 40),
        "NYUMBA_ENCRYPTION_KEY": String(repeating: "ab", count: 32),
    ]

    func testValidSettingsLoad() throws {
        let config = try Config.load(from: valid)
        XCTAssertEqual(config.workers, 4)
        XCTAssertTrue(config.usesHTTPS)
        XCTAssertEqual(config.encryptionKey.count, 32)
    }

    func testEveryProblemIsNamedOnItsOwnLine() {
        var settings = valid
        settings["NYUMBA_SECRET_KEY"] = nil
        settings["NYUMBA_WORKERS"] = "many"
        settings["NYUMBA_ENCRYPTION_KEY"] = "short"
        XCTAssertThrowsError(try Config.load(from: settings)) { error in
            let lines = (error as? ConfigError)?.problems ?? []
            XCTAssertEqual(lines.count, 3, "\(lines)")
            XCTAssertTrue(lines.contains { $0.hasPrefix("NYUMBA_SECRET_KEY is not set") })
            XCTAssertTrue(lines.contains { $0.hasPrefix("NYUMBA_WORKERS is malformed") })
            XCTAssertTrue(lines.contains { $0.hasPrefix("NYUMBA_ENCRYPTION_KEY is malformed") })
        }
    }

    func testPublicURLMustBeHTTP() {
        var settings = valid
        settings["NYUMBA_PUBLIC_URL"] = "ftp://example.com"
        XCTAssertThrowsError(try Config.load(from: settings))
    }
}
