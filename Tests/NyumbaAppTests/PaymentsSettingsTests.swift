import XCTest

@testable import NyumbaApp

final class PaymentsSettingsTests: XCTestCase {
    private let base = [
        "NYUMBA_DATABASE_URL": "mariadb://nyumba:secret@localhost/nyumba?socket=/tmp/db.sock",
        "NYUMBA_FCGI_SOCKET": "/tmp/nyumba.sock",
        "NYUMBA_PUBLIC_URL": "https://rent.example.com",
        "NYUMBA_SECRET_KEY": String(repeating: "k", count: 40),
        "NYUMBA_ENCRYPTION_KEY": String(repeating: "ab", count: 32),
    ]
    private let daraja = [
        "NYUMBA_DARAJA_BASE_URL": "https://sandbox.safaricom.co.ke",
        "NYUMBA_DARAJA_CONSUMER_KEY": "key",
        "NYUMBA_DARAJA_CONSUMER_SECRET": "secret",
        "NYUMBA_DARAJA_SHORTCODE": "174379",
        "NYUMBA_DARAJA_PASSKEY": "passkey",
        "NYUMBA_DARAJA_CALLBACK_TOKEN": "0123456789abcdef-_",
    ]

    func testWithoutABaseURLPaymentsAreOff() throws {
        let config = try Config.load(from: base)
        XCTAssertNil(config.daraja)
        XCTAssertEqual(config.reconcile.baseSeconds, 30)
        XCTAssertEqual(config.reconcile.timeoutSeconds, 600)
    }

    func testACompleteGroupLoadsWithPaybillDefaults() throws {
        let config = try Config.load(from: base.merging(daraja) { $1 })
        let settings = try XCTUnwrap(config.daraja)
        XCTAssertEqual(settings.shortcode.transactionType, .payBill)
        XCTAssertEqual(settings.shortcode.partyB, "174379")
        XCTAssertEqual(settings.credentials.baseURL, "https://sandbox.safaricom.co.ke")
    }

    func testACallbackTokenWithAWordDarajaRefusesInURLsIsMalformed() {
        for token in ["0123456789abcdefSqL", "my-MPESA-callback-token", "0123456789abcdef"] {
            XCTAssertEqual(
                MpesaFormat.isCallbackToken(token), token == "0123456789abcdef", "\(token)")
        }
    }

    func testWithABaseURLEveryMissingOrBadSettingIsNamed() {
        var settings = base
        settings["NYUMBA_DARAJA_BASE_URL"] = "https://api.safaricom.co.ke"
        settings["NYUMBA_DARAJA_SHORTCODE"] = "12"
        settings["NYUMBA_DARAJA_TRANSACTION_TYPE"] = "Paybill"
        settings["NYUMBA_DARAJA_CALLBACK_TOKEN"] = "short"
        XCTAssertThrowsError(try Config.load(from: settings)) { error in
            let lines = (error as? ConfigError)?.problems ?? []
            for name in [
                "NYUMBA_DARAJA_CONSUMER_KEY is not set", "NYUMBA_DARAJA_CONSUMER_SECRET is not set",
                "NYUMBA_DARAJA_SHORTCODE is malformed", "NYUMBA_DARAJA_PASSKEY is not set",
                "NYUMBA_DARAJA_TRANSACTION_TYPE is malformed", "NYUMBA_DARAJA_CALLBACK_TOKEN is malformed",
            ] {
                XCTAssertTrue(lines.contains { $0.hasPrefix(name) }, "\(name) missing from \(lines)")
            }
            XCTAssertEqual(lines.count, 6, "\(lines)")
        }
    }

    func testReconcilerBacksOffExponentiallyUpToAnHour() {
        XCTAssertEqual(Reconciler.delay(afterAttempts: 1, base: 30), 60)
        XCTAssertEqual(Reconciler.delay(afterAttempts: 3, base: 30), 240)
        XCTAssertEqual(Reconciler.delay(afterAttempts: 40, base: 30), 3600)
    }

    func testSecretsAreMaskedToTheLastFourCharacters() {
        XCTAssertEqual(MpesaSecrets.masked("bfb279f9aa9bc919"), "••••c919")
        XCTAssertEqual(MpesaSecrets.masked("abc"), "••••")
    }

    func testDarajaTransactionDateIsNairobiTime() throws {
        let date = try XCTUnwrap(DarajaTime.date("20191219102115"))
        XCTAssertEqual(date.timeIntervalSince1970, 1_576_740_075)
        XCTAssertNil(DarajaTime.date("20191232102115"))
    }
}
