import XCTest

@testable import Mail

final class SMTPURLTests: XCTestCase {
    func testPlainSMTPDefaultsToOpportunisticSTARTTLS() throws {
        let url = try SMTPURL("smtp://127.0.0.1:2525")
        XCTAssertEqual(url.host, "127.0.0.1")
        XCTAssertEqual(url.port, 2525)
        XCTAssertFalse(url.implicitTLS)
        XCTAssertEqual(url.startTLS, .try)
        XCTAssertNil(url.username)
        XCTAssertEqual(url.curlURL, "smtp://127.0.0.1:2525/")
    }

    func testCredentialsArePercentDecodedAndRequireTLS() throws {
        let url = try SMTPURL("smtp://apikey%40nyumba:p%3As%2Fs@smtp.example.com:587")
        XCTAssertEqual(url.username, "apikey@nyumba")
        XCTAssertEqual(url.password, "p:s/s")
        XCTAssertEqual(url.startTLS, .required)
        XCTAssertEqual(url.curlURL, "smtp://smtp.example.com:587/", "credentials never go into curl's URL")
        XCTAssertEqual(try SMTPURL("smtp://u:p@h.example?starttls=try").startTLS, .try)
        XCTAssertEqual(try SMTPURL("smtp://u:p@w@h.example").password, "p@w")
    }

    func testSMTPSAndDefaults() throws {
        let url = try SMTPURL("SMTPS://mail.example.com/client.example")
        XCTAssertTrue(url.implicitTLS)
        XCTAssertEqual(url.port, 465)
        XCTAssertEqual(url.curlURL, "smtps://mail.example.com:465/client.example")
        XCTAssertEqual(try SMTPURL("smtp://mail.example.com").port, 25)
        XCTAssertEqual(try SMTPURL("smtp://[::1]:2525?starttls=never").curlURL, "smtp://[::1]:2525/")
        XCTAssertEqual(try SMTPURL("smtp://h.example?starttls=required").startTLS, .required)
    }

    func testMalformedURLsAreRejectedClearly() {
        let bad = [
            "", "127.0.0.1:25", "http://h.example", "smtp://", "smtp://:25", "smtp://h.example:0",
            "smtp://h.example:99999", "smtp://h.example:x", "smtp://h.example?starttls=maybe",
            "smtp://h.example?tls=on", "smtps://h.example?starttls=try", "smtp://u:%zz@h.example",
            "smtp://h ost.example", "smtp://h.example/a/b", "smtp://[::1", "smtp://a:b:c:25",
        ]
        for text in bad {
            XCTAssertThrowsError(try SMTPURL(text), "accepted \(text)") { error in
                guard case .badURL(let reason) = error as? MailError else { return XCTFail("\(error)") }
                XCTAssertFalse(reason.isEmpty)
            }
        }
        XCTAssertThrowsError(try SMTPTransport(url: "smtp//oops"))
    }
}
