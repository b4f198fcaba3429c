import Foundation
import XCTest

@testable import Daraja

final class DarajaPasswordTests: XCTestCase {
    func testTimestampIsEastAfricaTime() {
        // 2019-12-19 07:21:15 UTC = 10:21:15 EAT.
        XCTAssertEqual(DarajaPassword.timestamp(Date(timeIntervalSince1970: 1_576_740_075)), "20191219102115")
    }

    func testTimestampCrossesMidnightAndYearInNairobi() {
        // 2024-12-31 22:30:05 UTC is already 2025 in Nairobi.
        XCTAssertEqual(DarajaPassword.timestamp(Date(timeIntervalSince1970: 1_735_684_205)), "20250101013005")
        // 2024-02-29 20:59:59 UTC: leap day, 24-hour clock.
        XCTAssertEqual(DarajaPassword.timestamp(Date(timeIntervalSince1970: 1_709_240_399)), "20240229235959")
    }

    func testTimestampDropsFractionsOfSeconds() {
        XCTAssertEqual(DarajaPassword.timestamp(Date(timeIntervalSince1970: 1_576_740_075.999)), "20191219102115")
    }

    func testSandboxPasswordKnownAnswer() {
        // Safaricom's published sandbox example: shortcode 174379, timestamp 20160216165627.
        let timestamp = DarajaPassword.timestamp(Date(timeIntervalSince1970: 1_455_630_987))
        XCTAssertEqual(timestamp, "20160216165627")
        XCTAssertEqual(
            DarajaPassword.password(
                shortcode: "174379", passkey: "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
                timestamp: timestamp),
            "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMTYwMjE2MTY1NjI3"
        )
    }
}
