import SMS
import XCTest

final class AfricasTalkingTransportTests: XCTestCase {
    func testBaseURLMustBeHTTP() {
        for base in ["", "ftp://example.com", "127.0.0.1:8091", "http://", "http://host/a b", "https://x?y=1"] {
            XCTAssertThrowsError(try AfricasTalkingTransport(baseURL: base, username: "u", apiKey: "k"), base)
        }
        XCTAssertEqual(
            try AfricasTalkingTransport(baseURL: "https://api.africastalking.com//", username: "u", apiKey: "k")
                .endpoint,
            "https://api.africastalking.com/version1/messaging")
    }

    func testAccountSettingsAreChecked() {
        for (username, key) in [("", "k"), ("u", ""), ("u", "k\r\nX-Evil: 1"), ("a b", "k")] {
            XCTAssertThrowsError(
                try AfricasTalkingTransport(baseURL: "http://127.0.0.1:1", username: username, apiKey: key)
            ) { XCTAssertEqual($0 as? SMSError, .invalidAccount) }
        }
        XCTAssertNoThrow(try AfricasTalkingTransport(baseURL: "http://x", username: "sandbox", apiKey: "atsk_1"))
    }

    func testTheAPIKeyNeverShowsWhenPrinted() throws {
        let transport = try AfricasTalkingTransport(baseURL: "http://x", username: "sandbox", apiKey: "atsk_SECRET")
        var dumped = ""
        dump(transport, to: &dumped)
        for text in ["\(transport)", String(reflecting: transport), dumped] {
            XCTAssertFalse(text.contains("SECRET"), text)
            XCTAssertTrue(text.contains("sandbox"), text)
        }
    }
}
