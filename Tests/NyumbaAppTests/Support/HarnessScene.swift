import Foundation
import XCTest

@testable import NyumbaApp

/// People and places made through the app's own forms, as the integration tests make them.
extension AppHarness {
    static let password = "correct horse battery"

    /// A landlord, signed up through the form and signed in.
    struct Landlord {
        let browser: HarnessBrowser
        let id: Int
        let email: String
    }

    /// A property of a landlord, with units A1…An.
    struct Place {
        let id: Int
        let inviteToken: String
        let code: String
    }

    /// A tenant, signed up through the form and signed in (approved or not).
    struct Tenant {
        let browser: HarnessBrowser
        let id: Int
        let email: String
        var leaseID: Int? = nil
    }

    func signUpLandlord(_ name: String = "Njeri Landlord") throws -> Landlord {
        let browser = HarnessBrowser(self)
        let email = "landlord-\(UInt32.random(in: 0...UInt32.max))@example.com"
        let response = try browser.post(
            "/signup", from: "/signup",
            ["name": name, "email": email, "phone": "0712345678", "password": Self.password])
        guard response.status == 303 else { throw HarnessFailure("landlord sign-up: \(response.status)") }
        return Landlord(browser: browser, id: try userID(email), email: email)
    }

    func addProperty(_ landlord: Landlord, name: String = "Harness Court", units: Int = 4, rent: Int = 10_000)
        throws -> Place
    {
        let response = try landlord.browser.post(
            "/landlord/properties", from: "/landlord/properties/new",
            [
                "name": name, "location": "Kilimani, Nairobi", "units": String(units), "rent": String(rent),
                "prefix": "A",
            ])
        guard response.status == 303,
            let id = try value("SELECT MAX(id) FROM properties WHERE landlord_id = ?", [landlord.id]).flatMap({
                Int($0)
            })
        else { throw HarnessFailure("add property: \(response.status) \(response.text.prefix(300))") }
        let row = try rows("SELECT invite_token, code FROM properties WHERE id = ?", [id])[0]
        return Place(id: id, inviteToken: row[0] ?? "", code: row[1] ?? "")
    }

    func signUpTenant(to place: Place, name: String = "Otieno Odhiambo") throws -> Tenant {
        let browser = HarnessBrowser(self)
        let email = "tenant-\(UInt32.random(in: 0...UInt32.max))@example.com"
        let response = try browser.post(
            "/signup/tenant", from: "/join/\(place.inviteToken)",
            [
                "name": name, "email": email, "phone": "0722 000 111", "password": Self.password, "unit": "",
                "invite": place.inviteToken,
            ])
        guard response.status == 303 else { throw HarnessFailure("tenant sign-up: \(response.status)") }
        return Tenant(browser: browser, id: try userID(email), email: email)
    }

    /// Approves the tenant's request into `unit`, from `start`, through the landlord's form.
    func approve(
        _ tenant: Tenant, by landlord: Landlord, place: Place, unit: String = "A1", rent: Int = 10_000,
        start: CalendarDay, dueDay: Int = 5
    ) throws -> Tenant {
        let request = try count(
            "SELECT id FROM tenancy_requests WHERE tenant_id = ? ORDER BY id DESC LIMIT 1", [tenant.id])
        let unitID = try count("SELECT id FROM units WHERE property_id = ? AND label = ?", [place.id, unit])
        let response = try landlord.browser.post(
            "/landlord/requests/\(request)/approve", from: "/landlord/notifications",
            ["unit": String(unitID), "rent": String(rent), "start": start.description, "dueDay": String(dueDay)])
        guard response.status == 303 else {
            throw HarnessFailure("approve: \(response.status) \(response.text.prefix(300))")
        }
        var approved = tenant
        approved.leaseID = try count("SELECT id FROM leases WHERE tenant_id = ? AND unit_id = ?", [tenant.id, unitID])
        return approved
    }

    /// A cash payment the landlord records on the lease's form, dated today.
    func recordManualPayment(_ amount: Int, lease: Int, by landlord: Landlord) throws {
        let form = "/landlord/leases/\(lease)/payments/new"
        let response = try landlord.browser.post(
            form, from: form,
            [
                "amount": String(amount), "method": "cash", "date": CalendarDay.nairobi().description,
                "reference": "", "note": "",
            ])
        guard response.status == 303 else { throw HarnessFailure("manual payment: \(response.status)") }
    }

    func userID(_ email: String) throws -> Int {
        try count("SELECT id FROM users WHERE email = ?", [email])
    }
}
