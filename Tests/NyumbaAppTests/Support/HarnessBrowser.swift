import Foundation
import XCTest

/// A browser against the harness: keeps the cookies it is given, and posts forms with the CSRF
/// token of the page they are on, as a person's browser would.
final class HarnessBrowser {
    let app: AppHarness
    private(set) var cookies: [String: String] = [:]

    init(_ app: AppHarness) { self.app = app }

    /// A GET, keeping the cookies the response sets.
    @discardableResult
    func get(_ path: String) -> HarnessResponse {
        keep(app.send("GET", path, cookies: cookies))
    }

    /// Posts `form` to `action` with the CSRF token of the form on `page`.
    @discardableResult
    func post(_ action: String, from page: String, _ form: [String: String]) throws -> HarnessResponse {
        var fields = form
        fields["_csrf"] = try csrfToken(page)
        return keep(app.send("POST", action, cookies: cookies, form: fields))
    }

    /// The CSRF token of the forms on `page`.
    func csrfToken(_ page: String) throws -> String {
        let response = get(page)
        guard let range = response.text.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression)
        else {
            throw HarnessFailure("\(page) (\(response.status)) has no CSRF field")
        }
        let field = response.text[range]
        return String(field.dropFirst(#"name="_csrf" value=""#.count).dropLast())
    }

    private func keep(_ response: HarnessResponse) -> HarnessResponse {
        for (name, value) in response.setCookies {
            if value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }
}

/// A step of a test's set-up that did not go as a person would expect.
struct HarnessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
