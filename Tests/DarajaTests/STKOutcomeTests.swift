import XCTest

@testable import Daraja

final class STKOutcomeTests: XCTestCase {
    func testMapping() {
        XCTAssertEqual(STKOutcome(resultCode: 0), .paid)
        XCTAssertEqual(STKOutcome(resultCode: 1032), .cancelled)
        XCTAssertEqual(STKOutcome(resultCode: 1037), .timedOut)
        XCTAssertEqual(STKOutcome(resultCode: 1019), .timedOut)
        for code in [1, 2, 3, 4, 8, 17, 1001, 1025, 9999, 2001, 2028] {
            XCTAssertEqual(STKOutcome(resultCode: code), .failed, "\(code)")
        }
        for code in [4999, 5, 12_345, -1] {
            XCTAssertEqual(STKOutcome(resultCode: code), .needsReview, "\(code)")
        }
    }

}
