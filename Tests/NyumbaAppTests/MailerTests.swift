import Mail
import XCTest

@testable import NyumbaApp

final class MailerTests: XCTestCase {
    func testRetryDelayDoublesFromTheBaseAndStopsAtAnHour() {
        let delays = (0..<9).map { OutboxQueue.retryDelay(afterAttempts: $0, base: 30) }
        XCTAssertEqual(delays, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        XCTAssertEqual(OutboxQueue.retryDelay(afterAttempts: 100, base: 1), 3600)
    }

    func testSenderAcceptsABareAddressOrANameWithAnAddress() throws {
        let bare = try Mailer.sender("no-reply@rent.example.com")
        XCTAssertEqual(bare.address, "no-reply@rent.example.com")
        XCTAssertEqual(bare.displayName, "Nyumba")
        let named = try Mailer.sender("Kodi Rentals <kodi@rent.example.com>")
        XCTAssertEqual(named.address, "kodi@rent.example.com")
        XCTAssertEqual(named.displayName, "Kodi Rentals")
        XCTAssertThrowsError(try Mailer.sender("no-reply@rent.example.com\r\nBcc: x@y.com"))
    }

    func testRetrySettingIsReadAndChecked() throws {
        var reader = SettingsReader(environment: ["NYUMBA_MAIL_RETRY_SECONDS": "1"])
        XCTAssertEqual(MailSettings.read(&reader).retryBaseSeconds, 1)
        var bad = SettingsReader(environment: ["NYUMBA_MAIL_RETRY_SECONDS": "0"])
        _ = MailSettings.read(&bad)
        XCTAssertEqual(bad.problems.count, 1)
    }
}
