import Foundation
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
        if let stored = try MpesaSettingsStore(db: context.db).settings(landlord: landlord) {
            model.hasOwn = true
            model.shortcode = stored.shortcode
            model.isTill = stored.transactionType == "CustomerBuyGoodsOnline"
            model.partyB = stored.partyB
            let secrets = MpesaSecrets(key: context.config.encryptionKey)
            do {
                model.maskedKey = MpesaSecrets.masked(
                    try secrets.open(stored.consumerKey, landlord: landlord, field: "consumer_key"))
                model.maskedSecret = MpesaSecrets.masked(
                    try secrets.open(stored.consumerSecret, landlord: landlord, field: "consumer_secret"))
                model.maskedPasskey = MpesaSecrets.masked(
                    try secrets.open(stored.passkey, landlord: landlord, field: "passkey"))
            } catch {
                model.unreadable = true
                (model.maskedKey, model.maskedSecret, model.maskedPasskey) = (nil, nil, nil)
            }
        }
        return context.page("payments/settings", model)
    }

    private static func save(_ request: Request, _ session: RequestSession, _ context: AppContext) throws -> Response {
        let landlord = try PropertyRoutes.landlordID(session)
        let form = try request.form()
        let store = MpesaSettingsStore(db: context.db)
        let secrets = MpesaSecrets(key: context.config.encryptionKey)
        let stored = try store.settings(landlord: landlord)
        var errors = FieldErrors()
        var model = MpesaSettingsPage(layout: try context.layout(title, session))
        model.hasDefaults = context.config.daraja != nil
        model.hasOwn = stored != nil
        model.shortcode = (form["shortcode"] ?? "").trimmingCharacters(in: .whitespaces)
        model.isTill = form["type"] == "till"
        model.partyB = (form["partyB"] ?? "").trimmingCharacters(in: .whitespaces)
        if !MpesaFormat.isShortcode(model.shortcode) {
            errors.add("shortcode", "Enter the shortcode: 5 to 7 digits.")
        }
        if model.isTill, !MpesaFormat.isShortcode(model.partyB) {
            errors.add("partyB", "Enter the till number: 5 to 7 digits.")
        } else if !model.isTill, !model.partyB.isEmpty, !MpesaFormat.isShortcode(model.partyB) {
            errors.add("partyB", "Enter 5 to 7 digits, or leave empty to use the shortcode.")
        }
        // A blank secret keeps the stored one, if it can still be read.
        func sealed(_ field: String, _ column: String, _ old: [UInt8]?) throws -> [UInt8]? {
            let typed = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
            if typed.isEmpty {
                guard let old, (try? secrets.open(old, landlord: landlord, field: column)) != nil else {
                    errors.add(field, "Required.")
                    return nil
                }
                return old
            }
            guard typed.count <= 200, typed.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                errors.add(field, "At most 200 letters, digits or symbols, without spaces.")
                return nil
            }
            return try secrets.seal(typed, landlord: landlord, field: column)
        }
        let key = try sealed("consumerKey", "consumer_key", stored?.consumerKey)
        let secret = try sealed("consumerSecret", "consumer_secret", stored?.consumerSecret)
        let passkey = try sealed("passkey", "passkey", stored?.passkey)
        guard errors.isEmpty, let key, let secret, let passkey else {
            model.errors = errors.messages
            return context.page("payments/settings", model, status: 400)
        }
        try store.save(
            SealedMpesaSettings(
                shortcode: model.shortcode,
                transactionType: model.isTill ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline",
                partyB: model.partyB.isEmpty ? model.shortcode : model.partyB, consumerKey: key,
                consumerSecret: secret, passkey: passkey),
            landlord: landlord)
        return .redirect(to: "/landlord/mpesa?done=saved")
    }
}
