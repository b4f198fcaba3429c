import Web

/// Messages between a tenant and their landlord: a tenant writes to the landlord of their
/// current lease; a landlord writes to the tenant of one of their own leases.
enum MessageRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.tenant("GET", "/tenant/messages") { request, tenant, context in
            let lease = try MessageStore(db: context.db).openLease(tenant: tenant.id)
            return try tenantPage(lease, MessageForm(), tenant, context, notice: notice(request, context))
        }
        router.tenant("POST", "/tenant/messages", tenantSends)
        router.landlord("GET", "/landlord/leases/:id/message") { request, landlord, context in
            let lease = try landlordLease(request, landlord, context)
            return try landlordPage(lease, MessageForm(), landlord, context, notice: notice(request, context))
        }
        router.landlord("POST", "/landlord/leases/:id/message", landlordSends)
    }

    /// Fixed messages after a redirect; never text taken from the address.
    private static func notice(_ request: Request, _ context: AppContext) -> String? {
        request.query["done"] == "sent" ? context.say("msg.done.sent") : nil
    }

    /// The landlord's lease of the route's `:id`; 404 for another landlord's or an unknown id.
    private static func landlordLease(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> LeaseDetails
    {
        guard let id = LeaseID(segment: request.parameters["id"]),
            let lease = try LedgerStore(db: context.db).lease(id, landlord: landlord.id)
        else { throw HTTPError.notFound }
        return lease
    }

    private static func tenantPage(
        _ lease: LeaseDetails?, _ form: MessageForm, _ tenant: SignedInTenant, _ context: AppContext,
        notice: String? = nil, alert: String? = nil, status: Int = 200
    ) throws -> Response {
        let messages = try MessageStore(db: context.db).conversation(tenant: tenant.id)
        let layout = try context.layout(tenant, notice: notice)
        return context.page(
            .messagesTenant,
            MessagePage(layout: layout, lease: lease, reader: .toTenant, form: form, alert: alert, messages: messages),
            status: status)
    }

    private static func landlordPage(
        _ lease: LeaseDetails, _ form: MessageForm, _ landlord: SignedInLandlord, _ context: AppContext,
        notice: String? = nil, alert: String? = nil, status: Int = 200
    ) throws -> Response {
        let messages = try MessageStore(db: context.db).conversation(lease: lease.id, landlord: lease.landlordID)
        let layout = try context.layout(landlord, notice: notice)
        return context.page(
            .messagesLandlord,
            MessagePage(
                layout: layout, lease: lease, reader: .toLandlord, form: form, alert: alert, messages: messages),
            status: status)
    }

    private static func tenantSends(_ request: Request, _ tenant: SignedInTenant, _ context: AppContext) throws
        -> Response
    {
        guard let lease = try MessageStore(db: context.db).openLease(tenant: tenant.id) else {
            return try tenantPage(
                nil, MessageForm(), tenant, context, alert: context.say("msg.no_lease"),
                status: 409)
        }
        let (typed, message) = MessageForm.read(try request.form())
        guard let message else { return try tenantPage(lease, typed, tenant, context, status: 400) }
        do {
            try MessageSender(db: context.db, views: context.views, config: context.config)
                .send(
                    .toLandlord, lease: lease, subject: message.subject, text: message.text,
                    key: typed.key)
        } catch MessageRefusal.tooMany(let limit) {
            return try tenantPage(lease, typed, tenant, context, alert: tooMany(limit, context), status: 429)
        }
        return .redirect(to: "/tenant/messages?done=sent")
    }

    private static func landlordSends(_ request: Request, _ landlord: SignedInLandlord, _ context: AppContext) throws
        -> Response
    {
        let lease = try landlordLease(request, landlord, context)
        let (typed, message) = MessageForm.read(try request.form())
        guard let message else { return try landlordPage(lease, typed, landlord, context, status: 400) }
        do {
            try MessageSender(db: context.db, views: context.views, config: context.config)
                .send(
                    .toTenant, lease: lease, subject: message.subject, text: message.text,
                    key: typed.key)
        } catch MessageRefusal.tooMany(let limit) {
            return try landlordPage(lease, typed, landlord, context, alert: tooMany(limit, context), status: 429)
        }
        return .redirect(to: "/landlord/leases/\(lease.id)/message?done=sent")
    }

    private static func tooMany(_ limit: Int, _ context: AppContext) -> String {
        context.say("msg.too_many", ["limit": String(limit)])
    }
}
