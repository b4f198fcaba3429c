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
        router.page("POST", "/landlord/mpesa/remove", access: .landlord) { request, session, context in
            let password = try request.form()["password"]
            switch try change(request, session, context).remove(password: password) {
            case .done: return .redirect(to: "/landlord/mpesa?done=removed")
            case .invalid(let typed, let errors):
                return try formAgain(typed, ["removePassword": errors["password"] ?? ""], session, context, 400)
            case .refused(let typed, let wait):
                return try formAgain(typed, ["removePassword": wait], session, context, 429)
            }
        }
    }

    private static func change(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> MpesaSettingsChange
    {
        guard let landlord = session.user, landlord.role == .landlord else { throw HTTPError.notFound }
        return MpesaSettingsChange(
            context: context, landlord: landlord, family: session.family, address: request.remoteAddress)
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
        switch try change(request, session, context).save(try request.form()) {
        case .done: return .redirect(to: "/landlord/mpesa?done=saved")
        case .invalid(let typed, let errors): return try formAgain(typed, errors.messages, session, context, 400)
        case .refused(let typed, let wait): return try formAgain(typed, ["password": wait], session, context, 429)
        }
    }

    /// The form again with what was typed (never the secrets) and why nothing changed.
    private static func formAgain(
        _ typed: MpesaSettingsUpdate.Typed, _ errors: [String: String], _ session: RequestSession,
        _ context: AppContext, _ status: Int
    ) throws -> Response {
        var model = MpesaSettingsPage(layout: try context.layout(title, session))
        model.hasDefaults = context.config.daraja != nil
        model.hasOwn = typed.hadOwn
        model.shortcode = typed.shortcode
        model.isTill = typed.isTill
        model.partyB = typed.partyB
        model.errors = errors
        return context.page("payments/settings", model, status: status)
    }
}
