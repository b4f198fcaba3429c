import Web

/// Messages between a tenant and their landlord, as on the message pages: a tenant writes to
/// the landlord of their current lease, a landlord to the tenant of one of their leases; the
/// same hourly limits (429) and the same emails.
enum APIMessageRoutes {
    /// One message of a conversation.
    struct Message: Encodable {
        /// `to_landlord` or `to_tenant`.
        let direction: String
        let subject: String
        let text: String
        let createdAt: String

        init(_ message: StoredMessage) {
            direction = message.direction.rawValue
            subject = message.subject
            text = message.body
            createdAt = APIJSON.instant(message.createdAt)
        }
    }

    static let noLease = APIError.conflict("api.error.no_landlord")

    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/tenant/messages", access: .tenant) { request, caller, context in
            let page = try APIPage.read(request.query)
            let messages = try MessageStore(db: context.db).conversation(
                tenant: try caller.tenant(), offset: page.offset, limit: page.perPage + 1)
            return APIJSON.response(page.list(fetched: messages, Message.init))
        }
        router.api("POST", "/tenant/messages", access: .tenant) { request, caller, context in
            let tenant = try caller.tenant()
            let store = MessageStore(db: context.db)
            guard let lease = try store.openLease(tenant: tenant) else { throw noLease }
            try send(request, .toLandlord, lease: lease, context)
            return try created(try store.conversation(tenant: tenant, limit: 1))
        }
        router.api("GET", "/landlord/leases/:id/messages", access: .landlord) { request, caller, context in
            let lease = try lease(request, caller, context)
            let page = try APIPage.read(request.query)
            let messages = try MessageStore(db: context.db).conversation(
                lease: lease.id, landlord: lease.landlordID, offset: page.offset, limit: page.perPage + 1)
            return APIJSON.response(page.list(fetched: messages, Message.init))
        }
        router.api("POST", "/landlord/leases/:id/messages", access: .landlord) { request, caller, context in
            let lease = try lease(request, caller, context)
            try send(request, .toTenant, lease: lease, context)
            return try created(
                try MessageStore(db: context.db).conversation(lease: lease.id, landlord: lease.landlordID, limit: 1))
        }
    }

    /// The caller's lease of the route's `:id` (open or ended, as on the page); otherwise 404.
    private static func lease(_ request: Request, _ caller: APICaller, _ context: AppContext) throws -> LeaseDetails {
        guard let id = LeaseID(segment: request.parameters["id"]),
            let lease = try LedgerStore(db: context.db).lease(id, landlord: try caller.landlord())
        else { throw APIError.notFound }
        return lease
    }

    /// Checks `subject` and `text` with the form's rules and sends the message.
    private static func send(
        _ request: Request, _ direction: MessageDirection, lease: LeaseDetails, _ context: AppContext
    ) throws {
        let body = try APIBody(request)
        let (typed, message) = MessageForm.read(body.form)
        guard let message else { throw APIError.validation(body.fields(typed.errors)) }
        do {
            try MessageSender(db: context.db, views: context.views, config: context.config)
                .send(
                    direction, lease: lease, subject: message.subject, text: message.text,
                    key: OneTimeKey.read(request.headers["idempotency-key"]))
        } catch MessageRefusal.tooMany(let limit) {
            throw APIError.tooManyRequests(Words("msg.too_many", ["limit": "\(limit)"]))
        }
    }

    /// 201 with the message just stored (the newest of the conversation).
    private static func created(_ newest: [StoredMessage]) throws -> Response {
        guard let message = newest.first else { throw APIError.notFound }
        return APIJSON.response(Message(message), status: 201)
    }
}
