import XCTest

@testable import Web

final class LocalRedirectTests: XCTestCase {
    func testKeepsAPathOnThisSite() {
        for path in ["/", "/landlord", "/landlord/payments?month=2026-11&page=2", "/a_b-c.d~e", "/x?y=%41"] {
            XCTAssertEqual(LocalRedirect.path(path), path, path)
        }
    }

    func testRefusesAnythingThatCouldLeaveTheSite() {
        let hostile = [
            "", "landlord", "//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example",
            "/\n/evil.example", "/%09/evil.example", "/%2F%2Fevil.example", "/%2F/evil.example",
            "/%252F%252Fevil.example", "/%5Cevil.example", "%2F%2Fevil.example", "javascript:alert(1)",
            "https://evil.example", "http:evil.example", "https:/evil.example", " //evil.example", "///evil.example",
            "/a b", "/a\u{0}", "/é", "/%zz", "/@evil.example:80",
        ]
        for value in hostile {
            XCTAssertNil(LocalRedirect.path(value), value.debugDescription)
        }
    }
}
