import XCTest

@testable import NyumbaApp

/// Every route the router knows × {anonymous, pending tenant, another landlord's tenant, another
/// landlord} → the refusal each must get. A route added without a row here fails the test.
final class AccessRulesTests: XCTestCase {
    /// Who may use a route, and so who is refused.
    enum Rule {
        /// Anyone: refused to nobody.
        case open
        /// Daraja's callback: a wrong token in the path is 404.
        case secretPath
        /// Any signed-in person, a tenant waiting for approval included.
        case signedIn
        /// A landlord's own lists and forms: tenants refused, other landlords see their own.
        case landlord
        /// Names a resource of landlord A: every other landlord refused too.
        case landlordResource
        /// An approved tenant's own pages.
        case tenant
        /// Names a resource of tenant A: every other tenant refused too.
        case tenantResource
    }

    /// Method, path pattern, the path with A's resources filled in, and the rule.
    static let table: [(String, String, String, Rule)] = [
        ("GET", "/", "/", .open),
        ("GET", "/signup", "/signup", .open),
        ("POST", "/signup", "/signup", .open),
        ("GET", "/login", "/login", .open),
        ("POST", "/login", "/login", .open),
        ("POST", "/logout", "/logout", .open),
        ("POST", "/language", "/language", .open),
        ("GET", "/home", "/home", .signedIn),
        ("GET", "/password/forgot", "/password/forgot", .open),
        ("POST", "/password/forgot", "/password/forgot", .open),
        ("GET", "/password/reset/:token", "/password/reset/x", .open),
        ("POST", "/password/reset/:token", "/password/reset/x", .open),
        ("GET", "/account/password", "/account/password", .signedIn),
        ("POST", "/account/password", "/account/password", .signedIn),
        ("GET", "/healthz", "/healthz", .open),
        ("GET", "/hello", "/hello", .open),
        ("GET", "/landlord", "/landlord", .landlord),
        ("GET", "/landlord/properties", "/landlord/properties", .landlord),
        ("GET", "/landlord/properties/new", "/landlord/properties/new", .landlord),
        ("POST", "/landlord/properties", "/landlord/properties", .landlord),
        ("GET", "/landlord/properties/:id", "/landlord/properties/{property}", .landlordResource),
        ("GET", "/landlord/properties/:id/units", "/landlord/properties/{property}/units", .landlordResource),
        ("POST", "/landlord/properties/:id/units", "/landlord/properties/{property}/units", .landlordResource),
        (
            "GET", "/landlord/properties/:id/units/:unitId", "/landlord/properties/{property}/units/{unit}",
            .landlordResource
        ),
        (
            "POST", "/landlord/properties/:id/units/:unitId", "/landlord/properties/{property}/units/{unit}",
            .landlordResource
        ),
        ("GET", "/landlord/properties/:id/charges", "/landlord/properties/{property}/charges", .landlordResource),
        ("POST", "/landlord/properties/:id/charges", "/landlord/properties/{property}/charges", .landlordResource),
        ("GET", "/landlord/properties/:id/water", "/landlord/properties/{property}/water", .landlordResource),
        ("POST", "/landlord/properties/:id/water", "/landlord/properties/{property}/water", .landlordResource),
        (
            "POST", "/landlord/properties/:id/water/import", "/landlord/properties/{property}/water/import",
            .landlordResource
        ),
        ("GET", "/signup/tenant", "/signup/tenant", .open),
        ("GET", "/join/:token", "/join/x", .open),
        ("POST", "/signup/tenant", "/signup/tenant", .open),
        ("GET", "/tenant", "/tenant", .tenant),
        ("GET", "/landlord/notifications", "/landlord/notifications", .landlord),
        ("POST", "/landlord/requests/:id/approve", "/landlord/requests/{request}/approve", .landlordResource),
        ("POST", "/landlord/requests/:id/reject", "/landlord/requests/{request}/reject", .landlordResource),
        ("GET", "/landlord/mpesa", "/landlord/mpesa", .landlord),
        ("POST", "/landlord/mpesa", "/landlord/mpesa", .landlord),
        ("POST", "/landlord/mpesa/remove", "/landlord/mpesa/remove", .landlord),
        ("POST", "/landlord/mpesa/c2b-register", "/landlord/mpesa/c2b-register", .landlord),
        ("POST", "/landlord/mpesa/c2b-validation", "/landlord/mpesa/c2b-validation", .landlord),
        ("GET", "/tenant/pay", "/tenant/pay", .tenant),
        ("POST", "/tenant/pay", "/tenant/pay", .tenant),
        ("GET", "/tenant/payments/requests/:id", "/tenant/payments/requests/{paymentRequest}", .tenantResource),
        ("POST", "/daraja/stk/:token", "/daraja/stk/wrong-token", .secretPath),
        ("POST", "/daraja/c2b/:token/confirmation", "/daraja/c2b/wrong-token/confirmation", .secretPath),
        ("POST", "/daraja/c2b/:token/validation", "/daraja/c2b/wrong-token/validation", .secretPath),
        ("POST", "/sms/reports/:token", "/sms/reports/wrong-token-0123456789", .secretPath),
        ("GET", "/account/sms", "/account/sms", .signedIn),
        ("POST", "/account/sms", "/account/sms", .signedIn),
        (
            "POST", "/landlord/properties/:id/sms-reminders", "/landlord/properties/{property}/sms-reminders",
            .landlordResource
        ),
        ("GET", "/tenant/payments/:id/receipt", "/tenant/payments/{payment}/receipt", .tenantResource),
        ("GET", "/landlord/payments/:id/receipt", "/landlord/payments/{payment}/receipt", .landlordResource),
        ("GET", "/landlord/leases/:id", "/landlord/leases/{lease}", .landlordResource),
        (
            "GET", "/landlord/properties/:id/units/:unitId/lease", "/landlord/properties/{property}/units/{unit}/lease",
            .landlordResource
        ),
        ("GET", "/landlord/leases/:id/payments/new", "/landlord/leases/{lease}/payments/new", .landlordResource),
        ("POST", "/landlord/leases/:id/payments/new", "/landlord/leases/{lease}/payments/new", .landlordResource),
        ("POST", "/landlord/leases/:id/end", "/landlord/leases/{lease}/end", .landlordResource),
        ("GET", "/landlord/leases/:id/charges", "/landlord/leases/{lease}/charges", .landlordResource),
        ("POST", "/landlord/leases/:id/charges", "/landlord/leases/{lease}/charges", .landlordResource),
        ("POST", "/landlord/leases/:id/deposit", "/landlord/leases/{lease}/deposit", .landlordResource),
        ("GET", "/landlord/leases/:id/statement", "/landlord/leases/{lease}/statement", .landlordResource),
        ("GET", "/landlord/leases/:id/statement.csv", "/landlord/leases/{lease}/statement.csv", .landlordResource),
        ("GET", "/landlord/leases/:id/statement.pdf", "/landlord/leases/{lease}/statement.pdf", .landlordResource),
        ("GET", "/tenant/leases/:id/statement", "/tenant/leases/{lease}/statement", .tenantResource),
        ("GET", "/tenant/leases/:id/statement.csv", "/tenant/leases/{lease}/statement.csv", .tenantResource),
        ("GET", "/tenant/leases/:id/statement.pdf", "/tenant/leases/{lease}/statement.pdf", .tenantResource),
        (
            "POST", "/landlord/leases/:id/charges/:chargeId/reverse",
            "/landlord/leases/{lease}/charges/{charge}/reverse",
            .landlordResource
        ),
        ("GET", "/landlord/payments", "/landlord/payments", .landlord),
        ("GET", "/landlord/payments/unmatched", "/landlord/payments/unmatched", .landlord),
        (
            "POST", "/landlord/payments/unmatched/:id/assign", "/landlord/payments/unmatched/{unmatched}/assign",
            .landlordResource
        ),
        (
            "POST", "/landlord/payments/unmatched/:id/not-rent", "/landlord/payments/unmatched/{unmatched}/not-rent",
            .landlordResource
        ),
        ("GET", "/landlord/dashboard", "/landlord/dashboard", .landlord),
        ("GET", "/landlord/dashboard/properties/:id", "/landlord/dashboard/properties/{property}", .landlordResource),
        ("GET", "/landlord/dashboard/leases/:id", "/landlord/dashboard/leases/{lease}", .landlordResource),
        ("GET", "/landlord/dashboard/payments.csv", "/landlord/dashboard/payments.csv", .landlord),
        ("GET", "/landlord/dashboard/arrears.csv", "/landlord/dashboard/arrears.csv", .landlord),
        (
            "GET", "/landlord/dashboard/properties/:id/payments.csv",
            "/landlord/dashboard/properties/{property}/payments.csv", .landlordResource
        ),
        (
            "GET", "/landlord/dashboard/properties/:id/arrears.csv",
            "/landlord/dashboard/properties/{property}/arrears.csv", .landlordResource
        ),
        (
            "GET", "/landlord/dashboard/leases/:id/payments.csv", "/landlord/dashboard/leases/{lease}/payments.csv",
            .landlordResource
        ),
        ("GET", "/landlord/reminders", "/landlord/reminders", .landlord),
        ("GET", "/landlord/reminders/new", "/landlord/reminders/new", .landlord),
        ("POST", "/landlord/reminders", "/landlord/reminders", .landlord),
        ("GET", "/landlord/reminders/settings", "/landlord/reminders/settings", .landlord),
        ("POST", "/landlord/reminders/settings", "/landlord/reminders/settings", .landlord),
        ("GET", "/tenant/messages", "/tenant/messages", .tenant),
        ("POST", "/tenant/messages", "/tenant/messages", .tenant),
        ("GET", "/landlord/leases/:id/message", "/landlord/leases/{lease}/message", .landlordResource),
        ("POST", "/landlord/leases/:id/message", "/landlord/leases/{lease}/message", .landlordResource),
        ("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", .open),
        ("POST", "/api/v1/auth/token", "/api/v1/auth/token", .open),
        ("POST", "/api/v1/auth/token/refresh", "/api/v1/auth/token/refresh", .open),
        ("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", .open),
        ("POST", "/api/v1/auth/signup/landlord", "/api/v1/auth/signup/landlord", .open),
        ("POST", "/api/v1/auth/signup/tenant", "/api/v1/auth/signup/tenant", .open),
        ("POST", "/api/v1/auth/password/reset", "/api/v1/auth/password/reset", .open),
        ("POST", "/api/v1/auth/password/reset/confirm", "/api/v1/auth/password/reset/confirm", .open),
        ("POST", "/api/v1/me/password", "/api/v1/me/password", .signedIn),
        ("GET", "/api/v1/me", "/api/v1/me", .signedIn),
        ("GET", "/api/v1/account/sms", "/api/v1/account/sms", .signedIn),
        ("PUT", "/api/v1/account/sms", "/api/v1/account/sms", .signedIn),
        ("GET", "/api/v1/tenant/lease", "/api/v1/tenant/lease", .tenant),
        ("GET", "/api/v1/tenant/balance", "/api/v1/tenant/balance", .tenant),
        ("GET", "/api/v1/tenant/payments", "/api/v1/tenant/payments", .tenant),
        ("GET", "/api/v1/tenant/payments/:id/receipt", "/api/v1/tenant/payments/{payment}/receipt", .tenantResource),
        ("POST", "/api/v1/tenant/pay", "/api/v1/tenant/pay", .tenant),
        (
            "GET", "/api/v1/tenant/payment-requests/:id", "/api/v1/tenant/payment-requests/{paymentRequest}",
            .tenantResource
        ),
        ("GET", "/api/v1/landlord/properties", "/api/v1/landlord/properties", .landlord),
        ("POST", "/api/v1/landlord/properties", "/api/v1/landlord/properties", .landlord),
        ("GET", "/api/v1/landlord/properties/:id", "/api/v1/landlord/properties/{property}", .landlordResource),
        (
            "GET", "/api/v1/landlord/properties/:id/units", "/api/v1/landlord/properties/{property}/units",
            .landlordResource
        ),
        (
            "POST", "/api/v1/landlord/properties/:id/units", "/api/v1/landlord/properties/{property}/units",
            .landlordResource
        ),
        (
            "PUT", "/api/v1/landlord/properties/:id/units/:unitId",
            "/api/v1/landlord/properties/{property}/units/{unit}", .landlordResource
        ),
        ("GET", "/api/v1/landlord/tenancy-requests", "/api/v1/landlord/tenancy-requests", .landlord),
        (
            "POST", "/api/v1/landlord/tenancy-requests/:id/approve",
            "/api/v1/landlord/tenancy-requests/{request}/approve", .landlordResource
        ),
        (
            "POST", "/api/v1/landlord/tenancy-requests/:id/reject",
            "/api/v1/landlord/tenancy-requests/{request}/reject", .landlordResource
        ),
        ("GET", "/api/v1/landlord/payments", "/api/v1/landlord/payments", .landlord),
        ("GET", "/api/v1/landlord/payments/unmatched", "/api/v1/landlord/payments/unmatched", .landlord),
        (
            "POST", "/api/v1/landlord/payments/unmatched/:id/assign",
            "/api/v1/landlord/payments/unmatched/{unmatched}/assign", .landlordResource
        ),
        (
            "POST", "/api/v1/landlord/payments/unmatched/:id/not-rent",
            "/api/v1/landlord/payments/unmatched/{unmatched}/not-rent", .landlordResource
        ),
        (
            "GET", "/api/v1/landlord/payments/:id/receipt", "/api/v1/landlord/payments/{payment}/receipt",
            .landlordResource
        ),
        ("GET", "/api/v1/landlord/leases/:id", "/api/v1/landlord/leases/{lease}", .landlordResource),
        ("POST", "/api/v1/landlord/leases/:id/payments", "/api/v1/landlord/leases/{lease}/payments", .landlordResource),
        ("POST", "/api/v1/landlord/leases/:id/end", "/api/v1/landlord/leases/{lease}/end", .landlordResource),
        ("GET", "/api/v1/landlord/dashboard/payments.csv", "/api/v1/landlord/dashboard/payments.csv", .landlord),
        ("GET", "/api/v1/landlord/dashboard/arrears.csv", "/api/v1/landlord/dashboard/arrears.csv", .landlord),
        ("GET", "/api/v1/landlord/dashboard", "/api/v1/landlord/dashboard", .landlord),
        ("GET", "/api/v1/landlord/reminders", "/api/v1/landlord/reminders", .landlord),
        ("POST", "/api/v1/landlord/reminders/preview", "/api/v1/landlord/reminders/preview", .landlord),
        ("POST", "/api/v1/landlord/reminders", "/api/v1/landlord/reminders", .landlord),
        ("GET", "/api/v1/landlord/reminders/settings", "/api/v1/landlord/reminders/settings", .landlord),
        ("PUT", "/api/v1/landlord/reminders/settings", "/api/v1/landlord/reminders/settings", .landlord),
        ("GET", "/api/v1/tenant/messages", "/api/v1/tenant/messages", .tenant),
        ("POST", "/api/v1/tenant/messages", "/api/v1/tenant/messages", .tenant),
        ("GET", "/api/v1/landlord/leases/:id/messages", "/api/v1/landlord/leases/{lease}/messages", .landlordResource),
        ("POST", "/api/v1/landlord/leases/:id/messages", "/api/v1/landlord/leases/{lease}/messages", .landlordResource),
        ("GET", "/api/v1/landlord/notifications", "/api/v1/landlord/notifications", .landlord),
        ("GET", "/api/v1/landlord/mpesa", "/api/v1/landlord/mpesa", .landlord),
        ("PUT", "/api/v1/landlord/mpesa", "/api/v1/landlord/mpesa", .landlord),
        ("DELETE", "/api/v1/landlord/mpesa", "/api/v1/landlord/mpesa", .landlord),
    ]

    /// What a refused person must get.
    enum Refusal: Equatable {
        case signIn, waiting, notFound, unauthorized, pendingApproval
    }

    /// Who is refused what, by rule; nil where that person may use the route.
    static func refusal(_ rule: Rule, actor: Actor, api: Bool) -> Refusal? {
        switch (rule, actor) {
        case (.open, _), (.secretPath, _): nil
        case (_, .anonymous): api ? .unauthorized : .signIn
        case (.signedIn, _): nil
        case (_, .pendingTenant): api ? .pendingApproval : .waiting
        case (.landlord, .otherTenant), (.landlordResource, .otherTenant), (.landlordResource, .otherLandlord),
            (.tenant, .otherLandlord), (.tenantResource, .otherLandlord), (.tenantResource, .otherTenant):
            .notFound
        case (.landlord, .otherLandlord), (.tenant, .otherTenant): nil
        }
    }

    enum Actor: CaseIterable {
        case anonymous, pendingTenant, otherTenant, otherLandlord
    }

    func testEveryRouteHasARow() throws {
        let app = try AppHarness()
        let known = Set(app.app.router.routes.map { "\($0.method) \($0.pattern)" })
        let listed = Self.table.map { "\($0.0) \($0.1)" }
        XCTAssertEqual(Set(listed).count, listed.count, "a route is listed twice")
        XCTAssertEqual(known.subtracting(listed).sorted(), [], "routes with no access row")
        XCTAssertEqual(Set(listed).subtracting(known).sorted(), [], "rows for routes that do not exist")
    }

    func testEachRouteRefusesWhoMustBeRefused() throws {
        let app = try AppHarness()
        let landlord = try app.signUpLandlord()
        let place = try app.addProperty(landlord)
        let tenant = try app.approve(
            try app.signUpTenant(to: place), by: landlord, place: place, start: CalendarDay(2026, 1, 1))
        let waiting = try app.signUpTenant(to: place, name: "Waiting Tenant")
        let other = try app.signUpLandlord("Other Landlord")
        let otherPlace = try app.addProperty(other, name: "Other Court")
        let otherTenant = try app.approve(
            try app.signUpTenant(to: otherPlace), by: other, place: otherPlace, start: CalendarDay(2026, 1, 1))
        let lease = try XCTUnwrap(tenant.leaseID)
        try app.recordManualPayment(500, lease: lease, by: landlord)
        try app.db.execute(
            "INSERT INTO payment_requests (lease_id, tenant_id, landlord_id, property_id, amount, phone, shortcode,"
                + " status, created_at, next_query_at) SELECT id, tenant_id, landlord_id, property_id, 500,"
                + " '254722000111', '174379', 'pending', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 DAY"
                + " FROM leases WHERE id = ?", lease)
        // A paybill payment to landlord A's shortcode that matched no lease.
        try app.db.execute(
            "INSERT INTO c2b_payments (trans_id, shortcode, amount, bill_ref, msisdn, payer_name, paid_at, received_at,"
                + " landlord_id, status) VALUES ('TXUNMATCH01', '600999', 700, 'XX9', '254722000111', 'J Doe',"
                + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), ?, 'unmatched')", landlord.id)
        let charge = try landlord.browser.post(
            "/landlord/leases/\(lease)/charges", from: "/landlord/leases/\(lease)/charges",
            [
                "kind": "one_off", "amount": "800", "date": CalendarDay.nairobi().description, "description": "Key",
                "reason": "",
            ])
        XCTAssertEqual(charge.status, 303)
        let ids = [
            "{property}": String(place.id),
            "{unit}": try app.value("SELECT id FROM units WHERE property_id = ? AND label = 'A1'", [place.id])!,
            "{lease}": String(lease),
            "{payment}": try app.value("SELECT id FROM payments WHERE lease_id = ?", [lease])!,
            "{paymentRequest}": try app.value("SELECT id FROM payment_requests WHERE lease_id = ?", [lease])!,
            "{request}": try app.value("SELECT id FROM tenancy_requests WHERE tenant_id = ?", [waiting.id])!,
            "{unmatched}": try app.value("SELECT id FROM c2b_payments WHERE trans_id = 'TXUNMATCH01'")!,
            "{charge}": try app.value("SELECT id FROM charges WHERE lease_id = ?", [lease])!,
        ]
        let browsers: [Actor: HarnessBrowser] = [
            .anonymous: HarnessBrowser(app), .pendingTenant: waiting.browser, .otherTenant: otherTenant.browser,
            .otherLandlord: other.browser,
        ]
        var tokens: [Actor: String] = [:]
        for (actor, browser) in browsers {
            tokens[actor] = try browser.csrfToken(actor == .anonymous ? "/login" : "/account/password")
        }
        let before =
            try app.count("SELECT COUNT(*) FROM payments") + app.count("SELECT COUNT(*) FROM leases")
            + app.count("SELECT COUNT(*) FROM charges") + app.count("SELECT COUNT(*) FROM property_charge_settings")
            + app.count("SELECT COUNT(*) FROM meter_readings")
        var checked = 0
        for (method, _, template, rule) in Self.table {
            let path = ids.reduce(template) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            let api = path.hasPrefix("/api/")
            if rule == .secretPath {
                let response = app.send(method, path, body: Array("{}".utf8), contentType: "application/json")
                XCTAssertEqual(response.status, 404, "\(method) \(path) with a wrong token")
                checked += 1
                continue
            }
            for actor in Actor.allCases {
                guard let expected = Self.refusal(rule, actor: actor, api: api), let browser = browsers[actor] else {
                    continue
                }
                var headers: [String: String] = [:]
                if api && method != "GET" { headers["X-CSRF-Token"] = tokens[actor] }
                // Bodies that are valid apart from who sends them (a lease of A's, a note), so that what
                // refuses is the access rule, not the body.
                let lease = ids["{lease}"]!
                let form = [
                    "_csrf": tokens[actor]!, "lease": lease, "note": "Not rent", "kind": "one_off", "amount": "500",
                    "date": CalendarDay.nairobi().description, "description": "Repairs", "reason": "Broken window",
                    "lateFeeKind": "fixed", "lateFeeAmount": "500", "lateFeeDays": "5", "csv": "A1,100",
                    "refunded": "0", "kept": "0",
                ]
                let json = #"{"lease_id": \#(lease), "note": "Not rent"}"#
                let response = app.send(
                    method, path, cookies: browser.cookies, headers: headers,
                    form: api || method == "GET" ? nil : form, body: api && method != "GET" ? Array(json.utf8) : [],
                    contentType: api && method != "GET" ? "application/json" : nil)
                Self.assert(response, is: expected, "\(method) \(path) as \(actor)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 250)
        XCTAssertEqual(
            try app.count("SELECT COUNT(*) FROM payments") + app.count("SELECT COUNT(*) FROM leases")
                + app.count("SELECT COUNT(*) FROM charges")
                + app.count("SELECT COUNT(*) FROM property_charge_settings")
                + app.count("SELECT COUNT(*) FROM meter_readings"), before,
            "a refused request changed nothing")
        XCTAssertNil(try app.value("SELECT end_date FROM leases WHERE id = ?", [lease]))
        XCTAssertEqual(try app.value("SELECT status FROM c2b_payments WHERE trans_id = 'TXUNMATCH01'"), "unmatched")
    }

    private static func assert(
        _ response: HarnessResponse, is refusal: Refusal, _ what: String, line: UInt = #line
    ) {
        switch refusal {
        case .signIn:
            XCTAssertEqual(response.status, 303, what, line: line)
            XCTAssertTrue(response.header("Location")?.hasPrefix("/login") == true, what, line: line)
        case .waiting:
            XCTAssertEqual(response.status, 200, what, line: line)
            XCTAssertTrue(response.text.contains(#"data-page="waiting""#), what, line: line)
        case .notFound:
            XCTAssertEqual(response.status, 404, what, line: line)
        case .unauthorized:
            XCTAssertEqual(response.status, 401, what, line: line)
        case .pendingApproval:
            XCTAssertEqual(response.status, 403, what, line: line)
            XCTAssertTrue(response.text.contains("pending_approval"), what, line: line)
        }
    }
}
