import Web

/// `sms=on` or `sms=off` from a form; nil for anything else.
enum SMSChoice {
    static func read(_ form: FormData) -> Bool? {
        switch form["sms"] {
        case "on": true
        case "off": false
        default: nil
        }
    }
}

/// `/account/sms`: each person turns SMS from Nyumba on or off (emails keep coming).
enum SMSPreferenceRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/account/sms", access: .signedIn) { request, session, context in
            guard let user = session.user else { return .redirect(to: "/login") }
            let notice = request.query["saved"] == "1" ? context.say("common.saved") : nil
            return try page(user, session, context, notice: notice)
        }
        router.page("POST", "/account/sms", access: .signedIn) { request, session, context in
            guard let user = session.user else { return .redirect(to: "/login") }
            guard let on = SMSChoice.read(try request.form()) else {
                return try page(user, session, context, status: 400, error: context.text("sms.choose"))
            }
            try AccountStore(db: context.db).setSMS(on, for: user.id)
            return .redirect(to: "/account/sms?saved=1")
        }
    }

    private static func page(
        _ user: CurrentUser, _ session: RequestSession, _ context: AppContext, notice: String? = nil,
        status: Int = 200, error: String? = nil
    ) throws -> Response {
        let contact = try UserStore(db: context.db).smsContact(id: user.id)
        let layout = try context.layout(session, notice: notice)
        return context.page(
            .accountsSMS,
            SMSPreferencePage(layout: layout, enabled: contact?.enabled ?? true, phone: user.phone, error: error),
            status: status)
    }
}

/// The view model of `accounts/sms.mustache`.
struct SMSPreferencePage {
    let layout: Layout
    let enabled: Bool
    let phone: String
    let error: String?
}
