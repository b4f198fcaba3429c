import Web

/// The caller's choice of SMS, as on `/account/sms`: `GET` reads it, `PUT {"sms": "on"|"off"}` sets it.
enum APISMSRoutes {
    /// Whether Nyumba texts the caller, and at which number.
    struct Choice: Encodable {
        let sms: String
        let phone: String
    }

    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/account/sms", access: .signedIn) { _, caller, context in
            APIJSON.response(try choice(try caller.required(), context))
        }
        router.api("PUT", "/account/sms", access: .signedIn) { request, caller, context in
            let user = try caller.required()
            guard let on = SMSChoice.read(try APIBody(request).form) else {
                throw APIError.validation(["sms": Words("api.error.on_off")])
            }
            try AccountStore(db: context.db).setSMS(on, for: user.id)
            return APIJSON.response(try choice(user, context))
        }
    }

    private static func choice(_ user: CurrentUser, _ context: AppContext) throws -> Choice {
        let enabled = try UserStore(db: context.db).smsContact(id: user.id)?.enabled ?? true
        return Choice(sms: enabled ? "on" : "off", phone: user.phone)
    }
}
