import XCTest

@testable import NyumbaApp

/// Forms' one-time keys: what is read back as a key (a value the pages write into an attribute), and
/// that a key is spent once per user.
final class OneTimeKeyTests: XCTestCase {
    func testAKeyIsSixteenToSixtyFourLettersDigitsDashesOrUnderscores() {
        for key in [String(repeating: "a", count: 16), String(repeating: "Z9-_", count: 16), "retry-0123456789ab"] {
            XCTAssertEqual(OneTimeKey.read(key), key)
        }
        for text in [
            nil, "", String(repeating: "a", count: 15), String(repeating: "a", count: 65), "0123456789abcdef ",
            "0123456789abcdé1", "0123456789abcd\"x", "0123456789abcd<x", "０１２３４５６７８９abcdefg",
        ] {
            XCTAssertNil(OneTimeKey.read(text), text ?? "nil")
        }
    }

    func testFreshKeysReadBackAndDiffer() {
        let keys = (0..<100).map { _ in OneTimeKey.fresh() }
        XCTAssertEqual(keys.compactMap(OneTimeKey.read), keys)
        XCTAssertEqual(Set(keys).count, 100)
    }

    func testAKeyIsSpentOncePerUser() throws {
        let app = try AppHarness()
        let (first, second) = (try app.signUpLandlord(), try app.signUpLandlord())
        let keys = SpentFormKeys(db: app.db)
        let key = OneTimeKey.fresh()
        XCTAssertTrue(try keys.spend(key, by: UserID(Int64(first.id))))
        XCTAssertFalse(try keys.spend(key, by: UserID(Int64(first.id))))
        XCTAssertTrue(try keys.spend(key, by: UserID(Int64(second.id))), "another user's key of the same text")
        XCTAssertEqual(try app.count("SELECT COUNT(*) FROM spent_form_keys WHERE form_key = ?", [key]), 2)
    }
}
