import Web

/// What one of the landlord's properties charges beyond rent (late fee, monthly charges, water rate).
enum ChargeSettingsRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/properties/:id/charges") { request, landlord, context in
            let property = try PropertyRoutes.lookUpProperty(request, landlord, context)
            let saved = try ChargeSettingsStore(db: context.db).settings(property: property.id, landlord: landlord.id)
            let notice = request.query["done"] == "saved" ? context.text("charges.settings_saved") : nil
            return try page(property, ChargeSettingsForm(saved), landlord, context, notice: notice)
        }
        router.landlord("POST", "/landlord/properties/:id/charges") { request, landlord, context in
            let property = try PropertyRoutes.lookUpProperty(request, landlord, context)
            let (typed, settings) = ChargeSettingsForm.read(try request.form())
            guard let settings else { return try page(property, typed, landlord, context, status: 400) }
            try ChargeSettingsStore(db: context.db).save(settings, property: property.id, landlord: landlord.id)
            return .redirect(to: "/landlord/properties/\(property.id)/charges?done=saved")
        }
    }

    private static func page(
        _ property: Property, _ form: ChargeSettingsForm, _ landlord: SignedInLandlord, _ context: AppContext,
        notice: String? = nil, status: Int = 200
    ) throws -> Response {
        let layout = try context.layout(landlord, notice: notice)
        return context.page(
            .chargesSettings, ChargeSettingsPage(layout: layout, property: property, form: form), status: status)
    }
}
