import Web

/// Who a manual reminder goes to: one tenant (even one who owes nothing), the tenants of
/// one property who owe rent, or every tenant of the landlord who owes rent.
enum ReminderTarget: Equatable {
    case lease(LeaseID)
    case property(PropertyID)
    case arrears

    /// `lease=ID`, `property=ID` or `arrears=1`, from a query string or a form; nil if none,
    /// 404 for an id that is not a number (no such lease or property).
    static func read(_ fields: FormData) throws(HTTPError) -> ReminderTarget? {
        if let lease = fields["lease"] {
            guard let id = LeaseID(segment: lease) else { throw HTTPError.notFound }
            return .lease(id)
        }
        if let property = fields["property"] {
            guard let id = PropertyID(segment: property) else { throw HTTPError.notFound }
            return .property(id)
        }
        return fields["arrears"] == "1" ? .arrears : nil
    }

    /// The hidden field that sends the same target back with the form.
    var field: (name: String, value: String) {
        switch self {
        case .lease(let id): ("lease", id.description)
        case .property(let id): ("property", id.description)
        case .arrears: ("arrears", "1")
        }
    }

    /// Only a reminder to one chosen tenant goes out when nothing is owed.
    var includesTenantsWhoOweNothing: Bool {
        if case .lease = self { return true }
        return false
    }
}
