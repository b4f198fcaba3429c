import MariaDB
import XCTest

final class DatabaseURLTests: XCTestCase {
    func testTCPURLWithDefaultPort() throws {
        let url = try DatabaseURL("mariadb://app:secret@db.example.com/rent")
        XCTAssertEqual(url.user, "app")
        XCTAssertEqual(url.password, "secret")
        XCTAssertEqual(url.host, "db.example.com")
        XCTAssertEqual(url.port, 3306)
        XCTAssertEqual(url.database, "rent")
        XCTAssertNil(url.socket)
    }

    func testExplicitPortAndPercentDecoding() throws {
        let url = try DatabaseURL("mariadb://us%40er:p%3Aa%2Fss%20w@127.0.0.1:3307/nyumba")
        XCTAssertEqual(url.user, "us@er")
        XCTAssertEqual(url.password, "p:a/ss w")
        XCTAssertEqual(url.host, "127.0.0.1")
        XCTAssertEqual(url.port, 3307)
    }

    func testSocketURL() throws {
        let url = try DatabaseURL("mariadb://nyumba:nyumba-dev@localhost/nyumba?socket=/tmp/mdb/mysqld.sock")
        XCTAssertEqual(url.host, "localhost")
        XCTAssertEqual(url.socket, "/tmp/mdb/mysqld.sock")
        XCTAssertEqual(url.database, "nyumba")
    }

    func testNoPasswordAndIPv6() throws {
        let url = try DatabaseURL("mysql://root@[::1]:3308/db")
        XCTAssertEqual(url.password, "")
        XCTAssertEqual(url.host, "::1")
        XCTAssertEqual(url.port, 3308)
    }

    func testDescriptionHidesPassword() throws {
        let url = try DatabaseURL("mariadb://app:secret@db/rent")
        XCTAssertFalse(url.description.contains("secret"))
        XCTAssertEqual(url.withDatabase("other").database, "other")
    }

    func testMalformedURLsNameTheProblem() {
        let cases: [(String, String)] = [
            ("db.example.com/rent", "mariadb://"),
            ("postgres://a:b@h/d", "scheme"),
            ("mariadb://a:b@host", "database"),
            ("mariadb://a:b@host/", "database"),
            ("mariadb://host/db", "user@"),
            ("mariadb://:pw@host/db", "user"),
            ("mariadb://a:b@host:99999/db", "port"),
            ("mariadb://a:b@host:abc/db", "port"),
            ("mariadb://a:b@:3306/db", "host"),
            ("mariadb://a:b%2@host/db", "percent"),
            ("mariadb://a:b@localhost/db?sock=/x", "unknown parameter"),
            ("mariadb://a:b@localhost/db?socket=", "socket"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try DatabaseURL(text), text) { error in
                guard case DatabaseError.invalidURL(let reason) = error else {
                    return XCTFail("\(text): unexpected \(error)")
                }
                XCTAssertTrue(reason.contains(expected), "\(text): \"\(reason)\" should mention \(expected)")
            }
        }
    }
}
