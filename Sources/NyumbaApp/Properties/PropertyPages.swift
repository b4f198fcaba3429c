/// The view model of `properties/index.mustache`: the landlord's home.
struct LandlordHomePage {
    /// One property in the list.
    struct Card {
        let id: String
        let name: String
        let location: String
        let units: Int
        let occupied: Int
        let vacant: Int
        let pending: Int
        let hasPending: Bool
    }

    let layout: Layout
    let properties: [Card]

    init(layout: Layout, summaries: [PropertySummary]) {
        self.layout = layout
        properties = summaries.map {
            Card(
                id: $0.id.description, name: $0.name, location: $0.location, units: $0.units,
                occupied: $0.occupied, vacant: $0.units - $0.occupied, pending: $0.pending,
                hasPending: $0.pending > 0)
        }
    }
}

/// The view model of `properties/new.mustache`.
struct NewPropertyPage {
    let layout: Layout
    let name: String
    let location: String
    let units: String
    let rent: String
    let prefix: String
    /// The form's one-time key: sent twice, one property is created.
    let key: String
    let errors: [String: String]

    init(layout: Layout, form: PropertyForm) {
        self.layout = layout
        name = form.name
        location = form.location
        units = form.units
        rent = form.rent
        prefix = form.prefix
        key = form.key ?? OneTimeKey.fresh()
        errors = layout.say(form.errors)
    }
}

/// The view model of `properties/show.mustache`: code, invite link and units.
struct PropertyPage {
    /// One row of the units table.
    struct UnitLine {
        let editLink: String
        let label: String
        let rent: String
        let tenantName: String?
    }

    let layout: Layout
    let id: String
    let name: String
    let location: String
    let code: String
    let inviteLink: String
    let defaultRent: String
    let smsReminders: Bool
    let units: [UnitLine]
    let occupied: Int
    let vacant: Int
    /// The add-a-unit form, as typed.
    let newLabel: String
    let newRent: String
    let newUnitErrors: [String: String]

    init(layout: Layout, property: Property, units: [UnitOccupancy], inviteLink: String, newUnit: UnitForm) {
        self.layout = layout
        id = property.id.description
        name = property.name
        location = property.location
        code = property.code
        self.inviteLink = inviteLink
        defaultRent = layout.say.money(property.defaultRent)
        smsReminders = property.smsReminders
        self.units = units.map {
            UnitLine(
                editLink: "/landlord/properties/\(property.id)/units/\($0.id)", label: $0.label,
                rent: layout.say.money($0.monthlyRent), tenantName: $0.tenantName)
        }
        occupied = units.filter { $0.tenantName != nil }.count
        vacant = units.count - occupied
        newLabel = newUnit.label
        newRent = newUnit.rent
        newUnitErrors = layout.say(newUnit.errors)
    }
}

/// The view model of `properties/unit.mustache`: one unit's label and rent.
struct UnitPage {
    let layout: Layout
    let propertyID: String
    let propertyName: String
    let unitID: String
    let currentLabel: String
    let tenantName: String?
    let label: String
    let rent: String
    let errors: [String: String]

    init(layout: Layout, property: Property, unit: UnitOccupancy, form: UnitForm? = nil) {
        self.layout = layout
        propertyID = property.id.description
        propertyName = property.name
        unitID = unit.id.description
        currentLabel = unit.label
        tenantName = unit.tenantName
        label = form?.label ?? unit.label
        rent = form?.rent ?? String(unit.monthlyRent)
        errors = form.map { layout.say($0.errors) } ?? [:]
    }
}
