import XCTest

@testable import Web

final class CookieTests: XCTestCase {
    func testParsesPairsTrimsSpacesAndKeepsTheFirstOfARepeatedName() {
        XCTAssertEqual(
            Cookie.parse(header: " csrf = a ;csrf=b;; =x; novalue; access=1.2=3"),
            ["csrf": "a", "": "x", "access": "1.2=3"])
    }

    /// Found by fuzz/fuzz-cookie: U+0601 is a prepended mark, so "\u{601};" is one Character;
    /// splitting on Characters glued the next cookie into this one's value.
    func testAMarkBeforeASeparatorDoesNotHideTheNextCookie() {
        XCTAssertEqual(Cookie.parse(header: "x=\u{601};b=Ar"), ["x": "\u{601}", "b": "Ar"])
        XCTAssertEqual(Cookie.parse(header: "n\u{601}=v; csrf=t"), ["n\u{601}": "v", "csrf": "t"])
        XCTAssertEqual(Cookie.parse(header: "a=1 \u{301}; b=2"), ["a": "1 \u{301}", "b": "2"])
    }

    /// Found by fuzz/fuzz-cookie: U+037E (Greek question mark) equals ";" as a Character, but
    /// only the byte `;` separates cookies.
    func testOnlyTheASCIISemicolonSeparates() {
        XCTAssertEqual(Cookie.parse(header: "a=x\u{37E}b=y"), ["a": "x\u{37E}b=y"])
    }
}
