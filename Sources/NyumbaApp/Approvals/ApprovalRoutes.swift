import MariaDB
import Web

/// The landlord's notifications tab: approve or reject tenants who signed up.
enum ApprovalRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.landlord("GET", "/landlord/notifications") { request, landlord, context in
            try notificationsPage(landlord, context, notice: notice(request, context))
        }
        router.landlord("POST", "/landlord/requests/:id/approve", approve)
        router.landlord("POST", "/landlord/requests/:id/reject", reject)
    }

    /// Fixed messages after a redirect, in the page's words; never text taken from the address.
    private static func notice(_ request: Request, _ context: AppContext) -> String? {
        guard let done = request.query["done"], ["approved", "rejected"].contains(done) else { return nil }
        return context.say("approval.done.\(done)")
    }

    /// The page; `form` re-shows one request with what the landlord typed and its errors.
    private static func notificationsPage(
        _ landlord: SignedInLandlord, _ context: AppContext, notice: String? = nil, status: Int = 200,
        form: (TenancyRequestID, ApproveForm?, RejectForm?)? = nil
    ) throws -> Response {
        let store = ApprovalStore(db: context.db)
        var unitsByProperty: [PropertyID: [UnitChoice]] = [:]
        let builder = RequestCardBuilder(today: NairobiTime.today(), say: context.say)
        let cards = try store.pendingRequests(landlord: landlord.id).map { request in
            if unitsByProperty[request.propertyID] == nil {
                unitsByProperty[request.propertyID] = try store.unitChoices(
                    property: request.propertyID, landlord: landlord.id)
            }
            let units = unitsByProperty[request.propertyID] ?? []
            guard let form, form.0 == request.id else { return builder.card(request, units: units) }
            return builder.card(request, units: units, approve: form.1, reject: form.2)
        }
        let renderer = NoticeRenderer(views: context.views, config: context.config)
        let language = context.language
        let lines = try store.recentNotifications(landlord: landlord.id).map {
            NotificationsPage.Line(
                kind: $0.kind, message: $0.message(renderer, language: language), link: $0.link,
                date: context.say.dateTime($0.createdAt))
        }
        let layout = try context.layout(landlord, notice: notice)
        return context.page(
            .approvalsNotifications, NotificationsPage(layout: layout, requests: cards, notifications: lines),
            status: status)
    }

    private static func alreadyDecided(_ status: String, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        try notificationsPage(
            landlord, context,
            notice: context.say(
                context.say.knows("approval.already.\(status)")
                    ? "approval.already.\(status)" : "approval.already.decided"), status: 409)
    }

    private static func approve(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        guard let id = TenancyRequestID(segment: request.parameters["id"]) else { throw HTTPError.notFound }
        let (outcome, typed) = try TenancyDecisions(context: context).approve(
            id, landlord: landlord.id, form: try request.form())
        switch outcome {
        case .done: return .redirect(to: "/landlord/notifications?done=approved")
        case .alreadyDecided(let status): return try alreadyDecided(status, landlord, context)
        case .invalid: return try notificationsPage(landlord, context, status: 400, form: (id, typed, nil))
        }
    }

    private static func reject(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        guard let id = TenancyRequestID(segment: request.parameters["id"]) else { throw HTTPError.notFound }
        let (outcome, typed) = try TenancyDecisions(context: context).reject(
            id, landlord: landlord.id, form: try request.form())
        switch outcome {
        case .done: return .redirect(to: "/landlord/notifications?done=rejected")
        case .alreadyDecided(let status): return try alreadyDecided(status, landlord, context)
        case .invalid: return try notificationsPage(landlord, context, status: 400, form: (id, nil, typed))
        }
    }
}
