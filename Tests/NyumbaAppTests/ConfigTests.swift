import SMS
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

    func testDarajaCallbacksGetASocketOfTheirOwnOnlyWhenOneIsNamed() throws {
        let shared = try Config.load(from: valid)
        XCTAssertNil(shared.darajaFastCGIAddress)
        var settings = valid
        settings["NYUMBA_DARAJA_FCGI_SOCKET"] = "/tmp/nyumba-daraja.sock"
        let apart = try Config.load(from: settings)
        XCTAssertEqual(apart.darajaFastCGIAddress, "/tmp/nyumba-daraja.sock")
        XCTAssertEqual(apart.darajaWorkers, 32)
        settings["NYUMBA_DARAJA_WORKERS"] = "48"
        XCTAssertEqual(try Config.load(from: settings).darajaWorkers, 48)
        settings["NYUMBA_DARAJA_WORKERS"] = "0"
        settings["NYUMBA_DARAJA_FCGI_SOCKET"] = valid["NYUMBA_FCGI_SOCKET"]
        XCTAssertThrowsError(try Config.load(from: settings)) { error in
            let lines = (error as? ConfigError)?.problems ?? []
            XCTAssertEqual(lines.count, 2, "\(lines)")
            XCTAssertTrue(lines.contains { $0.hasPrefix("NYUMBA_DARAJA_WORKERS is malformed") }, "\(lines)")
            XCTAssertTrue(lines.contains { $0.hasPrefix("NYUMBA_DARAJA_FCGI_SOCKET must differ") }, "\(lines)")
        }
    }

    func testSMSGoesToFilesUnlessAGatewayIsSetWithItsAccount() throws {
        let files = try Config.load(from: valid).sms
        XCTAssertNil(files.baseURL)
        XCTAssertEqual(files.directory, "var/sms")
        XCTAssertNil(files.senderID)
        XCTAssertNil(files.reportToken)
        var settings = valid
        settings["NYUMBA_AT_BASE_URL"] = "https://api.sandbox.africastalking.com"
        settings["NYUMBA_SMS_SENDER_ID"] = "Nyumba Rent!"
        settings["NYUMBA_SMS_REPORT_TOKEN"] = "short"
        XCTAssertThrowsError(try Config.load(from: settings)) { error in
            let lines = (error as? ConfigError)?.problems ?? []
            XCTAssertEqual(lines.count, 4, "\(lines)")
            for name in [
                "NYUMBA_AT_USERNAME is not set", "NYUMBA_AT_API_KEY is not set", "NYUMBA_SMS_SENDER_ID is malformed",
                "NYUMBA_SMS_REPORT_TOKEN is malformed",
            ] {
                XCTAssertTrue(lines.contains { $0.hasPrefix(name) }, name)
            }
        }
        settings["NYUMBA_AT_USERNAME"] = "sandbox"
        settings["NYUMBA_AT_API_KEY"] = "key"
        settings["NYUMBA_SMS_SENDER_ID"] = "NYUMBA"
        settings["NYUMBA_SMS_REPORT_TOKEN"] = String(repeating: "t", count: 24)
        let gateway = try Config.load(from: settings).sms
        XCTAssertEqual(gateway.baseURL, "https://api.sandbox.africastalking.com")
        XCTAssertEqual(gateway.senderID, "NYUMBA")
        XCTAssertTrue(try gateway.transport() is AfricasTalkingTransport)
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
