import FastCGI
import XCTest

@testable import Web

final class RequestTests: XCTestCase {
    func testBuildsFromFastCGIParameters() throws {
        let raw = FastCGIRequest(
            params: [
                "REQUEST_METHOD": "HEAD", "DOCUMENT_URI": "/pay", "QUERY_STRING": "month=2026-11&x=%20y",
                "HTTP_COOKIE": "a=1; session=abc.def; a=2", "HTTP_X_FORWARDED_FOR": "10.0.0.1",
                "CONTENT_TYPE": "application/x-www-form-urlencoded; charset=UTF-8", "REMOTE_ADDR": "127.0.0.1",
                "REQUEST_ID": "r1",
            ],
            body: Array("amount=1500".utf8))
        let request = try Request(raw)
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.path, "/pay")
        XCTAssertEqual(request.query["month"], "2026-11")
        XCTAssertEqual(request.query["x"], " y")
        XCTAssertEqual(request.cookies, ["a": "1", "session": "abc.def"])
        XCTAssertEqual(request.headers["x-forwarded-for"], "10.0.0.1")
        XCTAssertEqual(request.contentType, "application/x-www-form-urlencoded")
        XCTAssertEqual(try request.form()["amount"], "1500")
        XCTAssertEqual(request.id, "r1")
    }

    func testMalformedQueryIsABadRequest() {
        let raw = FastCGIRequest(params: ["QUERY_STRING": "a=%zz"])
        XCTAssertThrowsError(try Request(raw)) { XCTAssertEqual(($0 as? HTTPError)?.status, 400) }
    }

    func testJSONBodyMustMatchItsShape() throws {
        struct Payment: Decodable { let amount: Int }
        var request = Request(method: "POST", path: "/", headers: ["content-type": "application/json"])
        request.body = Array(#"{"amount": 1500}"#.utf8)
        XCTAssertEqual(try request.decodeJSON(Payment.self).amount, 1500)
        request.body = Array(#"{"amount": "lots"}"#.utf8)
        XCTAssertThrowsError(try request.decodeJSON(Payment.self)) { XCTAssertEqual(($0 as? HTTPError)?.status, 400) }
    }

    func testFormRequiresFormContentType() {
        let request = Request(
            method: "POST", path: "/", headers: ["content-type": "text/plain"], body: Array("a=1".utf8))
        XCTAssertThrowsError(try request.form())
    }

    func testCookieHeaderValue() {
        let cookie = Cookie(name: "access", value: "t", maxAge: 900, secure: true)
        XCTAssertEqual(cookie.headerValue, "access=t; Path=/; Max-Age=900; HttpOnly; Secure; SameSite=Lax")
    }
}
