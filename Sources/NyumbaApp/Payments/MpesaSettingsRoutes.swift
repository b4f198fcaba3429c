import Web

/// `GET/POST /landlord/mpesa`: the landlord's own shortcode and Daraja app, so rent reaches
/// their account. Secrets are sealed before they are stored and only ever shown masked.
enum MpesaSettingsRoutes {
    static let title = "M-Pesa settings"

    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/mpesa") { request, landlord, context in
            let notice: String? =
                switch request.query["done"] {
                case "saved": "Saved. Your tenants now pay into your own shortcode."
                case "removed": "Removed. The default M-Pesa settings of this service apply again."
                default: nil
                }
            return try page(landlord, context, notice: notice)
        }
        router.landlord("POST", "/landlord/mpesa", save)
        router.landlord("POST", "/landlord/mpesa/remove") { _, landlord, context in
            try MpesaSettingsStore(db: context.db).delete(landlord: landlord.id)
            return .redirect(to: "/landlord/mpesa?done=removed")
        }
    }

    /// The page with what is stored now (secrets masked).
    private static func page(_ landlord: SignedInLandlord, _ context: AppContext, notice: String? = nil) throws
        -> Response
    {
        var model = MpesaSettingsPage(layout: try context.layout(title, landlord, notice: notice))
        model.hasDefaults = context.config.daraja != nil
        if let masked = try MpesaSettingsUpdate(db: context.db, config: context.config).masked(landlord: landlord.id) {
            model.hasOwn = true
            model.shortcode = masked.shortcode
            model.isTill = masked.isTill
            model.partyB = masked.partyB
            model.maskedKey = masked.consumerKey
            model.maskedSecret = masked.consumerSecret
            model.maskedPasskey = masked.passkey
            model.unreadable = masked.unreadable
        }
        return context.page(.paymentsSettings, model)
    }

    private static func save(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws -> Response
    {
        let form = try request.form()
        let (typed, errors) = try MpesaSettingsUpdate(db: context.db, config: context.config).save(
            form, landlord: landlord.id)
        guard errors.isEmpty else {
            var model = MpesaSettingsPage(layout: try context.layout(title, landlord))
            model.hasDefaults = context.config.daraja != nil
            model.hasOwn = typed.hadOwn
            model.shortcode = typed.shortcode
            model.isTill = typed.isTill
            model.partyB = typed.partyB
            model.errors = errors.messages
            return context.page(.paymentsSettings, model, status: 400)
        }
        return .redirect(to: "/landlord/mpesa?done=saved")
    }
}
