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
        router.landlord("POST", "/landlord/mpesa/remove") { request, landlord, context in
            let password = try request.form()["password"]
            switch try change(request, landlord, context).remove(password: password) {
            case .done: return .redirect(to: "/landlord/mpesa?done=removed")
            case .invalid(let typed, let errors):
                return try formAgain(typed, ["removePassword": errors["password"] ?? ""], landlord, context, 400)
            case .refused(let typed, let wait):
                return try formAgain(typed, ["removePassword": wait], landlord, context, 429)
            }
        }
    }

    private static func change(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> MpesaSettingsChange
    {
        MpesaSettingsChange(
            context: context, landlord: landlord.user, family: landlord.session.family, address: request.remoteAddress)
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
        switch try change(request, landlord, context).save(try request.form()) {
        case .done: return .redirect(to: "/landlord/mpesa?done=saved")
        case .invalid(let typed, let errors): return try formAgain(typed, errors.messages, landlord, context, 400)
        case .refused(let typed, let wait): return try formAgain(typed, ["password": wait], landlord, context, 429)
        }
    }

    /// The form again with what was typed (never the secrets) and why nothing changed.
    private static func formAgain(
        _ typed: MpesaSettingsUpdate.Typed, _ errors: [String: String], _ landlord: SignedInLandlord,
        _ context: AppContext, _ status: Int
    ) throws -> Response {
        var model = MpesaSettingsPage(layout: try context.layout(title, landlord))
        model.hasDefaults = context.config.daraja != nil
        model.hasOwn = typed.hadOwn
        model.shortcode = typed.shortcode
        model.isTill = typed.isTill
        model.partyB = typed.partyB
        model.errors = errors
        return context.page(.paymentsSettings, model, status: status)
    }
}
