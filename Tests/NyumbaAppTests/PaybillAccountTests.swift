import XCTest

@testable import NyumbaApp

final class PaybillAccountTests: XCTestCase {
    func testCanonicalFormForgivesCaseSpacesDashesAndConfusableLetters() {
        XCTAssertEqual(PaybillAccount.canonical("kbc-7a1"), "KBC7A1")
        XCTAssertEqual(PaybillAccount.canonical(" K B C 7 A I "), "KBC7A1")
        XCTAssertEqual(PaybillAccount.canonical("B1O"), "B10")
        XCTAssertEqual(PaybillAccount.canonical("Nyumba #4"), "NYUMBA4")
    }

    func testPropertyCodesAreShortUniqueAndHaveNoConfusableCharacters() {
        var seen = Set<String>()
        for id in Int64(1)...Int64(40_000) {
            let code = PaybillAccount.propertyCode(id)
            XCTAssertTrue(code.count >= 3 && code.count <= 4, code)
            XCTAssertFalse(code.contains(where: { "O0I1".contains($0) }), code)
            XCTAssertTrue(seen.insert(code).inserted, "code \(code) of property \(id) is taken")
        }
    }

    func testAccountNumbersFitTwelveCharacters() {
        let short = PaybillAccount.number(propertyID: 7, unitID: 99, label: "a-1")
        XCTAssertTrue(short.hasSuffix("A1") && short.count == 5, short)
        let long = PaybillAccount.number(propertyID: 7, unitID: 99, label: "Penthouse-12B")
        XCTAssertLessThanOrEqual(long.count, 12)
        XCTAssertTrue(long.hasSuffix("U99"), long)
    }
}
