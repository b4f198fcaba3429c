import Web

/// The landlord's notifications tab as a list: tenants who signed up, payments received,
/// messages from tenants, newest first. (The pages have no "read" state, so neither has this.)
enum APINotificationRoutes {
    /// One notification; `link` is the page it is about.
    struct Notification: Encodable {
        let kind: String
        let message: String
        let link: String?
        let createdAt: String

        init(_ notification: LandlordNotification, _ renderer: NoticeRenderer, _ language: Language) {
            kind = notification.kind
            message = notification.message(renderer, language: language)
            link = notification.link
            createdAt = APIJSON.instant(notification.createdAt)
        }

        private enum CodingKeys: String, CodingKey { case kind, message, link, createdAt }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(message, forKey: .message)
            try c.encode(link, forKey: .link)
            try c.encode(createdAt, forKey: .createdAt)
        }
    }

    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/landlord/notifications", access: .landlord) { request, caller, context in
            let page = try APIPage.read(request.query)
            let notifications = try ApprovalStore(db: context.db).recentNotifications(
                landlord: try caller.landlord(), offset: page.offset, limit: page.perPage + 1)
            let renderer = NoticeRenderer(views: context.views, config: context.config)
            let language = context.language
            return APIJSON.response(page.list(fetched: notifications) { Notification($0, renderer, language) })
        }
    }
}
