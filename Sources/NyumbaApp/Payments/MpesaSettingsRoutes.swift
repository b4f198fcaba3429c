import Daraja
import Web

/// `GET/POST /landlord/mpesa`: the landlord's own shortcode and Daraja app, so rent reaches
/// their account. Secrets are sealed before they are stored and only ever shown masked.
enum MpesaSettingsRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/mpesa") { request, landlord, context in
            let known = ["saved", "removed", "registered", "validation"]
            let notice = request.query["done"].flatMap { known.contains($0) ? context.say("mpesa.done.\($0)") : nil }
            return try page(landlord, context, notice: notice)
        }
        router.landlord("POST", "/landlord/mpesa", save)
        router.landlord("POST", "/landlord/mpesa/c2b-register", registerC2B)
        router.landlord("POST", "/landlord/mpesa/c2b-validation") { request, landlord, context in
            let on = try request.form()["reject"] == "on"
            try MpesaSettingsStore(db: context.db).setRejectsUnknownAccounts(on, landlord: landlord.id)
            return .redirect(to: "/landlord/mpesa?done=validation")
        }
        router.landlord("POST", "/landlord/mpesa/remove") { request, landlord, context in
            let password = try request.form()["password"]
            switch try change(request, landlord, context).remove(password: password) {
            case .done: return .redirect(to: "/landlord/mpesa?done=removed")
            case .invalid(let typed, let errors):
                return try formAgain(
                    typed, ["removePassword": errors["password"].map { context.say($0) } ?? ""], landlord, context, 400)
            case .refused(let typed, let wait):
                return try formAgain(typed, ["removePassword": context.say(wait)], landlord, context, 429)
            }
        }
    }

    private static func change(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> MpesaSettingsChange
    {
        MpesaSettingsChange(
            context: context, landlord: landlord.user, family: landlord.session.family, address: request.remoteAddress)
    }

    /// Registers the C2B URLs of the landlord's own paybill with Daraja (v1 or v2 by
    /// `NYUMBA_DARAJA_C2B_VERSION`); a refusal is shown in plain words.
    private static func registerC2B(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        guard
            let account = try? MpesaAccounts(db: context.db, config: context.config).account(landlord: landlord.id),
            account.isOwn, account.shortcode.transactionType == .payBill
        else {
            return try page(landlord, context, error: context.say("mpesa.own_first"), status: 409)
        }
        let version = context.config.daraja?.c2bVersion ?? .v2
        do {
            try context.daraja.registerC2B(
                C2BUrls.registration(config: context.config, shortcode: account.shortcode.partyB, version: version),
                credentials: account.credentials)
        } catch {
            Log.warning("daraja: C2B registration for landlord \(landlord.id) refused: \(error)")
            return try page(
                landlord, context, error: context.say("mpesa.register_failed", ["reason": C2BUrls.plainWords(error)]),
                status: 502)
        }
        return .redirect(to: "/landlord/mpesa?done=registered")
    }

    /// The page with what is stored now (secrets masked).
    private static func page(
        _ landlord: SignedInLandlord, _ context: AppContext, notice: String? = nil, error: String? = nil,
        status: Int = 200
    ) throws -> Response {
        var model = MpesaSettingsPage(layout: try context.layout(landlord, notice: notice))
        model.hasDefaults = context.config.daraja != nil
        model.error = error
        model.rejectsUnknownAccounts = try MpesaSettingsStore(db: context.db).rejectsUnknownAccounts(
            landlord: landlord.id)
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
        return context.page(.paymentsSettings, model, status: status)
    }

    private static func save(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws -> Response
    {
        switch try change(request, landlord, context).save(try request.form()) {
        case .done: return .redirect(to: "/landlord/mpesa?done=saved")
        case .invalid(let typed, let errors): return try formAgain(typed, context.say(errors), landlord, context, 400)
        case .refused(let typed, let wait):
            return try formAgain(typed, ["password": context.say(wait)], landlord, context, 429)
        }
    }

    /// The form again with what was typed (never the secrets) and why nothing changed.
    private static func formAgain(
        _ typed: MpesaSettingsUpdate.Typed, _ errors: [String: String], _ landlord: SignedInLandlord,
        _ context: AppContext, _ status: Int
    ) throws -> Response {
        var model = MpesaSettingsPage(layout: try context.layout(landlord))
        model.hasDefaults = context.config.daraja != nil
        model.hasOwn = typed.hadOwn
        model.shortcode = typed.shortcode
        model.isTill = typed.isTill
        model.partyB = typed.partyB
        model.errors = errors
        return context.page(.paymentsSettings, model, status: status)
    }
}
