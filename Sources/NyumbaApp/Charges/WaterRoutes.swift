import Web

/// Water meter readings for a whole property in one form (a table of units), or pasted as CSV.
enum WaterRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/properties/:id/water") { request, landlord, context in
            let property = try PropertyRoutes.lookUpProperty(request, landlord, context)
            let notice =
                request.query["done"] == "saved" ? context.say("chg.water.saved") : nil
            return try page(property, WaterReadingsInput(), FieldErrors(), landlord, context, notice: notice)
        }
        router.landlord("POST", "/landlord/properties/:id/water") { request, landlord, context in
            let property = try PropertyRoutes.lookUpProperty(request, landlord, context)
            let meters = try WaterMeterStore(db: context.db).meters(property: property.id, landlord: landlord.id)
            return try record(
                WaterReadingsInput.fromForm(try request.form(), meters: meters), property, landlord, context)
        }
        router.landlord("POST", "/landlord/properties/:id/water/import") { request, landlord, context in
            let property = try PropertyRoutes.lookUpProperty(request, landlord, context)
            let meters = try WaterMeterStore(db: context.db).meters(property: property.id, landlord: landlord.id)
            let form = try request.form()
            var errors = FieldErrors()
            // A chosen file wins over the pasted lines.
            let file = form["file"] ?? ""
            let input = WaterReadingsInput.fromCSV(
                file.isEmpty ? form["csv"] ?? "" : file, date: form["date"] ?? "", meters: meters, errors: &errors)
            return try record(input, property, landlord, context, errors: errors)
        }
    }

    private static func record(
        _ input: WaterReadingsInput, _ property: Property, _ landlord: SignedInLandlord, _ context: AppContext,
        errors: FieldErrors = FieldErrors()
    ) throws -> Response {
        let billing = WaterBilling(db: context.db, versions: context.versions)
        switch try billing.record(
            input, property: property.id, landlord: landlord.id, today: .nairobi(), errors: errors)
        {
        case .recorded: return .redirect(to: "/landlord/properties/\(property.id)/water?done=saved")
        case .invalid(let errors): return try page(property, input, errors, landlord, context, status: 400)
        }
    }

    private static func page(
        _ property: Property, _ input: WaterReadingsInput, _ errors: FieldErrors, _ landlord: SignedInLandlord,
        _ context: AppContext, notice: String? = nil, status: Int = 200
    ) throws -> Response {
        let meters = try WaterMeterStore(db: context.db).meters(property: property.id, landlord: landlord.id)
        let rate = try ChargeSettingsStore(db: context.db).settings(property: property.id, landlord: landlord.id)
            .waterRate
        let layout = try context.layout(landlord, notice: notice)
        let model = WaterReadingsPage(
            layout: layout, property: property, meters: meters, rate: rate, input: input, errors: errors,
            today: .nairobi())
        return context.page(.chargesWater, model, status: status)
    }
}

/// The view model of `charges/water.mustache`.
struct WaterReadingsPage {
    /// One unit's line of the table.
    struct Row {
        let field: String
        let label: String
        let tenantName: String?
        let last: String?
        let value: String
        let error: String?
    }

    let layout: Layout
    let propertyID: String
    let propertyName: String
    let rate: String?
    let rows: [Row]
    let date: String
    let today: String
    let csv: String
    let errors: [String: String]
    let hasErrors: Bool

    init(
        layout: Layout, property: Property, meters: [UnitMeter], rate: Int, input: WaterReadingsInput,
        errors: FieldErrors, today: CalendarDay
    ) {
        self.layout = layout
        propertyID = property.id.description
        propertyName = property.name
        self.rate = rate > 0 ? layout.say.money(rate) : nil
        rows = meters.map { meter in
            let field = WaterReadingsInput.field(meter.unitID)
            return Row(
                field: field, label: meter.label, tenantName: meter.tenantName,
                last: meter.lastReading.map {
                    layout.say(
                        "chg.water.last", ["reading": "\($0)", "day": layout.say.day(meter.lastReadOn ?? today)])
                },
                value: input.readings[meter.unitID] ?? "", error: errors[field].map { layout.say($0) })
        }
        date = input.date.isEmpty ? today.description : input.date
        self.today = today.description
        csv = input.csv
        self.errors = layout.say(errors)
        hasErrors = !errors.isEmpty
    }
}
