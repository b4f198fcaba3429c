import Web

/// The landlord's own M-Pesa shortcode and Daraja app, as on the settings page: read back
/// with every secret masked, replaced, or removed (the deployment's defaults apply again).
/// No answer ever carries a secret.
enum APIMpesaRoutes {
    /// The settings as they may be shown.
    struct Settings: Encodable {
        /// The landlord saved settings of their own.
        let own: Bool
        /// The deployment's default settings apply to landlords without their own.
        let defaultsAvailable: Bool
        let shortcode: String?
        /// `paybill` or `till`.
        let type: String?
        let partyB: String?
        /// `••••1234`: the last four characters only; null when none is stored or it cannot be read.
        let consumerKey: String?
        let consumerSecret: String?
        let passkey: String?
        /// The stored secrets cannot be opened with this deployment's key: type them again.
        let unreadable: Bool

        init(_ masked: MpesaSettingsUpdate.Masked?, defaultsAvailable: Bool) {
            own = masked != nil
            self.defaultsAvailable = defaultsAvailable
            shortcode = masked?.shortcode
            type = masked.map { $0.isTill ? "till" : "paybill" }
            partyB = masked?.partyB
            consumerKey = masked?.consumerKey
            consumerSecret = masked?.consumerSecret
            passkey = masked?.passkey
            unreadable = masked?.unreadable ?? false
        }

        private enum CodingKeys: String, CodingKey {
            case own, defaultsAvailable, shortcode, type, partyB, consumerKey, consumerSecret, passkey, unreadable
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(own, forKey: .own)
            try c.encode(defaultsAvailable, forKey: .defaultsAvailable)
            try c.encode(shortcode, forKey: .shortcode)
            try c.encode(type, forKey: .type)
            try c.encode(partyB, forKey: .partyB)
            try c.encode(consumerKey, forKey: .consumerKey)
            try c.encode(consumerSecret, forKey: .consumerSecret)
            try c.encode(passkey, forKey: .passkey)
            try c.encode(unreadable, forKey: .unreadable)
        }
    }

    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/landlord/mpesa", access: .landlord) { _, caller, context in
            APIJSON.response(try settings(try caller.landlord(), context))
        }
        router.api("PUT", "/landlord/mpesa", access: .landlord) { request, caller, context in
            let landlord = try caller.landlord()
            let body = try APIBody(
                request,
                renaming: ["party_b": "partyB", "consumer_key": "consumerKey", "consumer_secret": "consumerSecret"])
            if let type = body["type"], type != "paybill", type != "till" {
                throw APIError.validation(["type": Words("api.error.mpesa_type")])
            }
            try check(try change(request, caller, context).save(body.form), body, context)
            return APIJSON.response(try settings(landlord, context))
        }
        router.api("DELETE", "/landlord/mpesa", access: .landlord) { request, caller, context in
            let landlord = try caller.landlord()
            let body = try APIBody(request)
            try check(try change(request, caller, context).remove(password: body["password"]), body, context)
            return APIJSON.response(try settings(landlord, context))
        }
    }

    private static func change(_ request: Request, _ caller: APICaller, _ context: AppContext) throws
        -> MpesaSettingsChange
    {
        guard let user = caller.user, user.role == .landlord else { throw APIError.notFound }
        return MpesaSettingsChange(
            context: context, landlord: user, family: caller.family, address: request.remoteAddress)
    }

    /// Throws the API error of a change that did not happen.
    private static func check(_ outcome: MpesaSettingsChange.Outcome, _ body: APIBody, _ context: AppContext) throws {
        switch outcome {
        case .done: return
        case .invalid(_, let errors): try body.check(errors)
        case .refused(_, let wait): throw APIError.tooManyRequests(wait)
        }
    }

    private static func settings(_ landlord: UserID, _ context: AppContext) throws -> Settings {
        Settings(
            try MpesaSettingsUpdate(db: context.db, config: context.config).masked(landlord: landlord),
            defaultsAvailable: context.config.daraja != nil)
    }
}
