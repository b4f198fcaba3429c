import Daraja
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
                case "registered": "Registered. M-Pesa now tells us about payments to your paybill."
                case "validation": "Saved."
                default: nil
                }
            return try page(session, context, notice: notice)
        }
        router.page("POST", "/landlord/mpesa", access: .landlord, save)
        router.page("POST", "/landlord/mpesa/c2b-register", access: .landlord, registerC2B)
        router.page("POST", "/landlord/mpesa/c2b-validation", access: .landlord) { request, session, context in
            let landlord = try PropertyRoutes.landlordID(session)
            let on = try request.form()["reject"] == "on"
            try MpesaSettingsStore(db: context.db).setRejectsUnknownAccounts(on, landlord: landlord)
            return .redirect(to: "/landlord/mpesa?done=validation")
        }
        router.page("POST", "/landlord/mpesa/remove", access: .landlord) { _, session, context in
            try MpesaSettingsStore(db: context.db).delete(landlord: try PropertyRoutes.landlordID(session))
            return .redirect(to: "/landlord/mpesa?done=removed")
        }
    }

    /// Registers the C2B URLs of the landlord's own paybill with Daraja (v1 or v2 by
    /// `NYUMBA_DARAJA_C2B_VERSION`); a refusal is shown in plain words.
    private static func registerC2B(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        let landlord = try PropertyRoutes.landlordID(session)
        guard let account = try? MpesaAccounts(db: context.db, config: context.config).account(landlord: landlord),
            account.isOwn, account.shortcode.transactionType == .payBill
        else {
            return try page(session, context, error: "Save your own paybill settings first.", status: 409)
        }
        let version = context.config.daraja?.c2bVersion ?? .v2
        do {
            try context.daraja.registerC2B(
                C2BUrls.registration(config: context.config, shortcode: account.shortcode.partyB, version: version),
                credentials: account.credentials)
        } catch {
            Log.warning("daraja: C2B registration for landlord \(landlord) refused: \(error)")
            return try page(
                session, context, error: "M-Pesa did not register your paybill: \(C2BUrls.plainWords(error))",
                status: 502)
        }
        return .redirect(to: "/landlord/mpesa?done=registered")
    }

    /// The page with what is stored now (secrets masked).
    private static func page(
        _ session: RequestSession, _ context: AppContext, notice: String? = nil, error: String? = nil,
        status: Int = 200
    ) throws -> Response {
        let landlord = try PropertyRoutes.landlordID(session)
        var model = MpesaSettingsPage(layout: try context.layout(title, session, notice: notice))
        model.hasDefaults = context.config.daraja != nil
        model.error = error
        model.rejectsUnknownAccounts = try MpesaSettingsStore(db: context.db).rejectsUnknownAccounts(landlord: landlord)
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
        return context.page("payments/settings", model, status: status)
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
