import Web

/// `GET/POST /landlord/mpesa`: the landlord's own shortcode and Daraja app, so rent reaches
/// their account. Secrets are sealed before they are stored and only ever shown masked.
enum MpesaSettingsRoutes {
    static let title = "M-Pesa settings"

    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/landlord/mpesa", access: .landlord) { request, session, context in
            let notice: String? =
                switch request.query["done"] {
                case "saved": "Saved. Your tenants now pay into your own shortcode."
                case "removed": "Removed. The default M-Pesa settings of this service apply again."
                default: nil
                }
            return try page(session, context, notice: notice)
        }
        router.page("POST", "/landlord/mpesa", access: .landlord, save)
        router.page("POST", "/landlord/mpesa/remove", access: .landlord) { _, session, context in
            try MpesaSettingsStore(db: context.db).delete(landlord: try PropertyRoutes.landlordID(session))
            return .redirect(to: "/landlord/mpesa?done=removed")
        }
    }

    /// The page with what is stored now (secrets masked).
    private static func page(_ session: RequestSession, _ context: AppContext, notice: String? = nil) throws
        -> Response
    {
        let landlord = try PropertyRoutes.landlordID(session)
        var model = MpesaSettingsPage(layout: try context.layout(title, session, notice: notice))
        model.hasDefaults = context.config.daraja != nil
        if let masked = try MpesaSettingsUpdate(db: context.db, config: context.config).masked(landlord: landlord) {
            model.hasOwn = true
            model.shortcode = masked.shortcode
            model.isTill = masked.isTill
            model.partyB = masked.partyB
            model.maskedKey = masked.consumerKey
            model.maskedSecret = masked.consumerSecret
            model.maskedPasskey = masked.passkey
            model.unreadable = masked.unreadable
        }
        return context.page("payments/settings", model)
    }

    private static func save(_ request: Request, _ session: RequestSession, _ context: AppContext) throws -> Response {
        let landlord = try PropertyRoutes.landlordID(session)
        let form = try request.form()
        let (typed, errors) = try MpesaSettingsUpdate(db: context.db, config: context.config).save(
            form, landlord: landlord)
        guard errors.isEmpty else {
            var model = MpesaSettingsPage(layout: try context.layout(title, session))
            model.hasDefaults = context.config.daraja != nil
            model.hasOwn = typed.hadOwn
            model.shortcode = typed.shortcode
            model.isTill = typed.isTill
            model.partyB = typed.partyB
            model.errors = errors.messages
            return context.page("payments/settings", model, status: 400)
        }
        return .redirect(to: "/landlord/mpesa?done=saved")
    }
}
