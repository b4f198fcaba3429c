import XCTest

@testable import Web

final class URLEncodingTests: XCTestCase {
    func testDecodesPercentEscapesAndPlus() {
        XCTAssertEqual(URLEncoding.decode(Array("a%20b+c%2Bd".utf8)), "a b c+d")
        XCTAssertEqual(URLEncoding.decode(Array("M%C3%BCller".utf8)), "Müller")
    }

    func testRejectsMalformedEscapes() {
        XCTAssertNil(URLEncoding.decode(Array("%G1".utf8)))
        XCTAssertNil(URLEncoding.decode(Array("abc%2".utf8)))
        XCTAssertNil(URLEncoding.decode(Array("%FF%FE".utf8)), "not UTF-8")
    }

    func testParsesFormsInOrderWithRepeatsAndEmptyValues() throws {
        let form = try URLEncoding.parseForm(Array("name=Wanjiru+K&unit=A1&unit=A2&empty=&flag".utf8), maxFields: 10)
        XCTAssertEqual(form["name"], "Wanjiru K")
        XCTAssertEqual(form.values("unit"), ["A1", "A2"])
        XCTAssertEqual(form["empty"], "")
        XCTAssertEqual(form["flag"], "")
        XCTAssertNil(form["missing"])
    }

    func testRefusesTooManyFields() {
        let body = (0..<11).map { "f\($0)=1" }.joined(separator: "&")
        XCTAssertThrowsError(try URLEncoding.parseForm(Array(body.utf8), maxFields: 10)) { error in
            XCTAssertEqual((error as? HTTPError)?.status, 400)
        }
    }

    func testEncodeRoundTrips() {
        let text = "a b&c=d/é"
        XCTAssertEqual(URLEncoding.decode(Array(URLEncoding.encode(text).utf8), plusAsSpace: false), text)
    }
}
