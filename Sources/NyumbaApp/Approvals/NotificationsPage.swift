import Foundation

/// The view model of `approvals/notifications.mustache`: pending requests with their
/// approve and reject forms, then the recent notifications.
struct NotificationsPage {
    /// One option of a request's unit select.
    struct UnitOption {
        let id: String
        let text: String
        let selected: Bool
    }

    /// One pending request with its two forms.
    struct RequestCard {
        let id: String
        let tenantName: String
        let tenantEmail: String
        let tenantPhone: String
        let propertyName: String
        let requestedUnit: String?
        let date: String
        let units: [UnitOption]
        let hasUnits: Bool
        let rent: String
        let start: String
        let dueDay: String
        /// Blank: the property's default deposit.
        let deposit: String
        let reason: String
        let errors: [String: String]
    }

    /// One line of the recent notifications.
    struct Line {
        let kind: String
        let message: String
        let link: String?
        let date: String
    }

    let layout: Layout
    let requests: [RequestCard]
    let notifications: [Line]
}

/// Builds a request's card with sensible defaults, or with what the landlord typed.
struct RequestCardBuilder {
    let today: String
    /// Puts the forms' problems into the page's words.
    let say: Wording

    func card(
        _ request: TenancyRequest, units: [UnitChoice], approve: ApproveForm? = nil, reject: RejectForm? = nil
    ) -> NotificationsPage.RequestCard {
        let suggested = suggestedUnit(request, units)
        let selectedID = approve?.unit ?? suggested.map { $0.id.description } ?? ""
        let options = units.map { unit in
            let words = unit.isVacant ? "approval.option_vacant" : "approval.option_occupied"
            return NotificationsPage.UnitOption(
                id: unit.id.description, text: say(words, ["label": unit.label, "rent": say.money(unit.monthlyRent)]),
                selected: unit.id.description == selectedID)
        }
        var errors: [String: String] = approve.map { say($0.errors) } ?? [:]
        if let reject { errors.merge(say(reject.errors)) { _, rejected in rejected } }
        return NotificationsPage.RequestCard(
            id: request.id.description, tenantName: request.tenantName, tenantEmail: request.tenantEmail,
            tenantPhone: request.tenantPhone, propertyName: request.propertyName,
            requestedUnit: request.requestedUnit, date: say.dateTime(request.createdAt), units: options,
            hasUnits: !units.isEmpty, rent: approve?.rent ?? suggested.map { String($0.monthlyRent) } ?? "",
            start: approve?.start ?? today, dueDay: approve?.dueDay ?? "5", deposit: approve?.deposit ?? "",
            reason: reject?.reason ?? "",
            errors: errors)
    }

    /// The vacant unit the tenant named, else the first vacant unit.
    private func suggestedUnit(_ request: TenancyRequest, _ units: [UnitChoice]) -> UnitChoice? {
        let vacant = units.filter(\.isVacant)
        if let named = request.requestedUnit?.lowercased(),
            let match = vacant.first(where: { $0.label.lowercased() == named })
        {
            return match
        }
        return vacant.first
    }
}
