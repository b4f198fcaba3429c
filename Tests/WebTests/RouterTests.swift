import XCTest

@testable import Web

final class RouterTests: XCTestCase {
    private func router() -> Router<String> {
        var router = Router<String>()
        router.get("/") { _, _ in .text("home") }
        router.get("/properties/:id") { request, _ in .text("property \(request.parameters["id"] ?? "")") }
        router.post("/properties/:id/units") { _, _ in .text("units") }
        return router
    }

    private func body(_ match: Router<String>.Match, _ request: Request) throws -> String? {
        guard case .found(let handler, let parameters) = match else { return nil }
        var request = request
        request.parameters = parameters
        return String(decoding: try handler(request, "").body, as: UTF8.self)
    }

    func testMatchesExactAndCapturingRoutes() throws {
        let router = router()
        let request = Request(method: "GET", path: "/properties/42")
        XCTAssertEqual(try body(router.match(method: "GET", path: "/"), request), "home")
        XCTAssertEqual(try body(router.match(method: "GET", path: "/properties/42"), request), "property 42")
    }

    func testDistinguishesWrongMethodFromUnknownPath() {
        let router = router()
        guard case .methodNotAllowed = router.match(method: "POST", path: "/") else { return XCTFail() }
        guard case .methodNotAllowed = router.match(method: "GET", path: "/properties/1/units") else {
            return XCTFail()
        }
        guard case .notFound = router.match(method: "GET", path: "/properties") else { return XCTFail() }
        guard case .notFound = router.match(method: "GET", path: "/properties/1/other") else { return XCTFail() }
    }
}
