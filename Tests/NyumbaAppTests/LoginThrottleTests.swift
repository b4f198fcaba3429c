import XCTest

@testable import NyumbaApp

final class LoginThrottleTests: XCTestCase {
    func testSpellingsOfOneEmailNormaliseAlike() {
        let expected = "alice@example.com"
        for spelling in [
            "alice@example.com", "Alice@Example.COM", "álice@example.com", "àlice@example.com",
            "a\u{301}lice@example.com", "al\u{200B}ice@example.com", "\u{FEFF}alice@example.com\u{2060}",
            " alice@example.com ", "ａｌｉｃｅ@example.com",
        ] {
            XCTAssertEqual(LoginThrottle.normalisedEmail(spelling), expected, spelling.debugDescription)
        }
        XCTAssertNotEqual(LoginThrottle.normalisedEmail("alicia@example.com"), expected)
    }

    func testWaitsAreWholeSecondsRoundedUp() {
        XCTAssertEqual(LoginThrottle.seconds(1), "1")
        XCTAssertEqual(LoginThrottle.seconds(1000), "1")
        XCTAssertEqual(LoginThrottle.seconds(1001), "2")
        XCTAssertEqual(LoginThrottle.seconds(15_400), "16")
    }
}

final class DeviceKeyTests: XCTestCase {
    private let key = Array("a key long enough to sign device cookies".utf8)

    func testAKeyVerifiesWithItsSigningKeyOnly() {
        let device = DeviceKey.make(for: UserID(42))
        let value = device.value(key: key)
        XCTAssertEqual(DeviceKey.verified(value, key: key), device)
        XCTAssertNil(DeviceKey.verified(value, key: Array("another key".utf8)))
        XCTAssertNil(DeviceKey.verified(value.replacingOccurrences(of: "42.", with: "43."), key: key))
        XCTAssertNil(DeviceKey.verified(String(value.dropLast()), key: key))
        for junk in [nil, "", "42", "42..", "x.y.z", String(repeating: "a", count: 300)] {
            XCTAssertNil(DeviceKey.verified(junk, key: key), junk ?? "nil")
        }
    }
}
