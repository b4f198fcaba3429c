import Foundation
import XCTest

@testable import Daraja

final class DarajaPasswordTests: XCTestCase {
    func testTimestampIsEastAfricaTime() {
        // 2019-12-19 07:21:15 UTC = 10:21:15 EAT.
        XCTAssertEqual(DarajaPassword.timestamp(Date(timeIntervalSince1970: 1_576_740_075)), "20191219102115")
    }
}
