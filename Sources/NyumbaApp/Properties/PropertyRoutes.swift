import MariaDB
import Web

/// The landlord's properties: the list, adding one, its details and its units.
enum PropertyRoutes {
    static func register(in router: inout Router<AppContext>) {
        // The landlord's home is the list of their properties; the collection's URL lists them too.
        for path in ["/landlord", "/landlord/properties"] {
            router.landlord("GET", path) { request, landlord, context in
                let summaries = try PropertyStore(db: context.db).summaries(landlord: landlord.id)
                let layout = try context.layout(landlord, notice: notice(request, context))
                return context.page(.propertiesIndex, LandlordHomePage(layout: layout, summaries: summaries))
            }
        }
        router.landlord("GET", "/landlord/properties/new") { _, landlord, context in
            let layout = try context.layout(landlord)
            return context.page(.propertiesNew, NewPropertyPage(layout: layout, form: PropertyForm()))
        }
        router.landlord("POST", "/landlord/properties", createProperty)
        router.landlord("GET", "/landlord/properties/:id") { request, landlord, context in
            try propertyPage(request, landlord, context, newUnit: UnitForm())
        }
        // The units are listed on the property's page: the collection's URL shows it too.
        router.landlord("GET", "/landlord/properties/:id/units") { request, landlord, context in
            try propertyPage(request, landlord, context, newUnit: UnitForm())
        }
        router.landlord("POST", "/landlord/properties/:id/units", addUnit)
        router.landlord("GET", "/landlord/properties/:id/units/:unitId") { request, landlord, context in
            let (property, unit) = try lookUpUnit(request, landlord, context)
            let layout = try context.layout(landlord)
            return context.page(.propertiesUnit, UnitPage(layout: layout, property: property, unit: unit))
        }
        router.landlord("POST", "/landlord/properties/:id/units/:unitId", updateUnit)
        router.landlord("POST", "/landlord/properties/:id/sms-reminders", setSMSReminders)
    }

    /// Turns the property's SMS reminders on (`sms=on`) or off (`sms=off`); anything else is 400.
    private static func setSMSReminders(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext)
        throws -> Response
    {
        let property = try lookUpProperty(request, landlord, context)
        guard let on = SMSChoice.read(try request.form()) else {
            throw HTTPError.badRequest("property.sms_choose")
        }
        try PropertyStore(db: context.db).setSMSReminders(on, property: property.id, landlord: landlord.id)
        return .redirect(to: "/landlord/properties/\(property.id)?done=sms-\(on ? "on" : "off")")
    }

    /// Fixed messages after a redirect, in the page's words; never text taken from the address.
    private static func notice(_ request: Request, _ context: AppContext) -> String? {
        let known = ["created", "unit-saved", "unit-added", "sms-on", "sms-off"]
        guard let done = request.query["done"], known.contains(done) else { return nil }
        return context.text("property.done.\(done)")
    }

    private static func createProperty(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let (typed, newProperty) = PropertyForm.read(try request.form())
        guard let newProperty else {
            let layout = try context.layout(landlord)
            return context.page(.propertiesNew, NewPropertyPage(layout: layout, form: typed), status: 400)
        }
        let id = try PropertyStore(db: context.db).create(
            newProperty, landlord: landlord.id, versions: context.versions, key: typed.key)
        return .redirect(to: "/landlord/properties/\(id)?done=created")
    }

    /// The property of the route's `:id`, if it is this landlord's; otherwise 404.
    static func lookUpProperty(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Property
    {
        guard let id = PropertyID(segment: request.parameters["id"]),
            let property = try PropertyStore(db: context.db).property(id, landlord: landlord.id)
        else { throw HTTPError.notFound }
        return property
    }

    private static func lookUpUnit(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> (Property, UnitOccupancy)
    {
        let property = try lookUpProperty(request, landlord, context)
        guard let unitID = UnitID(segment: request.parameters["unitId"]),
            let unit = try PropertyStore(db: context.db).unit(
                unitID, property: property.id, landlord: property.landlordID)
        else { throw HTTPError.notFound }
        return (property, unit)
    }

    private static func propertyPage(
        _ request: Request, _ landlord: SignedInLandlord, _ context: AppContext, newUnit: UnitForm, status: Int = 200
    ) throws -> Response {
        let property = try lookUpProperty(request, landlord, context)
        let units = try PropertyStore(db: context.db).units(of: property.id, landlord: property.landlordID)
        let layout = try context.layout(landlord, notice: status == 200 ? notice(request, context) : nil)
        let page = PropertyPage(
            layout: layout, property: property, units: units,
            inviteLink: context.config.link("/join/\(property.inviteToken)"), newUnit: newUnit)
        return context.page(.propertiesShow, page, status: status)
    }

    private static func addUnit(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let property = try lookUpProperty(request, landlord, context)
        var (typed, value) = UnitForm.read(try request.form())
        if let value {
            do {
                try PropertyStore(db: context.db).addUnit(
                    property: property.id, landlord: property.landlordID, label: value.label, rent: value.rent,
                    versions: context.versions)
                return .redirect(to: "/landlord/properties/\(property.id)?done=unit-added")
            } catch let error as DatabaseError where error.isDuplicateKey {
                typed.errors.add("label", "property.unit_label_taken")
            }
        }
        return try propertyPage(request, landlord, context, newUnit: typed, status: 400)
    }

    private static func updateUnit(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let (property, unit) = try lookUpUnit(request, landlord, context)
        var (typed, value) = UnitForm.read(try request.form())
        if let value {
            do {
                try PropertyStore(db: context.db).updateUnit(
                    unit.id, property: property.id, landlord: property.landlordID, label: value.label,
                    rent: value.rent, versions: context.versions)
                return .redirect(to: "/landlord/properties/\(property.id)?done=unit-saved")
            } catch let error as DatabaseError where error.isDuplicateKey {
                typed.errors.add("label", "property.unit_label_taken")
            }
        }
        let layout = try context.layout(landlord)
        return context.page(
            .propertiesUnit, UnitPage(layout: layout, property: property, unit: unit, form: typed), status: 400)
    }
}
