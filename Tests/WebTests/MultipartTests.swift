import XCTest

@testable import Web

final class MultipartTests: XCTestCase {
    private func request(_ body: String, contentType: String = "multipart/form-data; boundary=----b0und") -> Request {
        Request(method: "POST", path: "/", headers: ["content-type": contentType], body: Array(body.utf8))
    }

    private func status(_ body: String, contentType: String = "multipart/form-data; boundary=----b0und") -> Int? {
        do {
            _ = try request(body, contentType: contentType).form()
            return nil
        } catch {
            return error.status
        }
    }

    func testFieldsAndAFileAreReadLikeAnURLEncodedForm() throws {
        let body =
            "preamble\r\n------b0und\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n"
            + "------b0und\r\ncontent-disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\nA1,10\r\nA2,20\r\n\r\n------b0und\r\n"
            + "Content-Disposition: form-data; name=empty\r\n\r\n\r\n------b0und--\r\n"
        let form = try request(body).form()
        XCTAssertEqual(form["_csrf"], "tok")
        XCTAssertEqual(form["file"], "A1,10\r\nA2,20\r\n", "the content up to the CRLF before the boundary")
        XCTAssertEqual(form["empty"], "")
        XCTAssertEqual(form.fields.count, 3)
        let quoted = try request(
            "--a b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a b--",
            contentType: "multipart/form-data; boundary=\"a b\""
        ).form()
        XCTAssertEqual(quoted["x"], "1")
    }

    func testMalformedBodiesAreRefused() {
        let part = "Content-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n"
        XCTAssertEqual(status("------b0und\r\n" + part), 400, "no closing boundary")
        XCTAssertEqual(status("nothing here"), 400, "no boundary at all")
        XCTAssertEqual(status("------b0und\r\nContent-Type: text/plain\r\n\r\n1\r\n------b0und--"), 400, "no name")
        XCTAssertEqual(status("------b0und\r\n" + part + "------b0und--", contentType: "multipart/form-data"), 400)
        let many = String(repeating: "------b0und\r\n" + part, count: Request.maxFields + 1) + "------b0und--"
        XCTAssertEqual(status(many), 400, "too many fields")
    }
}
