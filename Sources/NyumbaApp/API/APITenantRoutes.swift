import Web

/// The tenant's side: who they are, their lease and balance, their own payments and
/// receipts, paying by STK push and following the push.
enum APITenantRoutes {
    /// The balance of the tenant's current lease.
    struct Balance: Encodable {
        let leaseId: Int64
        let balance: Int
        let monthlyRent: Int
        let nextDueDate: String?

        private enum CodingKeys: String, CodingKey { case leaseId, balance, monthlyRent, nextDueDate }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(leaseId, forKey: .leaseId)
            try c.encode(balance, forKey: .balance)
            try c.encode(monthlyRent, forKey: .monthlyRent)
            try c.encode(nextDueDate, forKey: .nextDueDate)
        }
    }

    static let noLease = APIError(status: 404, code: "not_found", message: "api.error.no_lease")

    static func register(in router: inout Router<AppContext>) {
        router.api("GET", "/me", access: .signedIn) { _, caller, _ in
            APIJSON.response(APIUser(try caller.required()))
        }
        router.api("GET", "/tenant/lease", access: .tenant) { _, caller, context in
            APIJSON.response(APILease(try currentLease(try caller.tenant(), context)))
        }
        router.api("GET", "/tenant/balance", access: .tenant) { _, caller, context in
            let lease = APILease(try currentLease(try caller.tenant(), context))
            return APIJSON.response(
                Balance(
                    leaseId: lease.id, balance: lease.balance, monthlyRent: lease.monthlyRent,
                    nextDueDate: lease.nextDueDate))
        }
        router.api("GET", "/tenant/payments", access: .tenant) { request, caller, context in
            let page = try APIPage.read(request.query)
            let lines = try LedgerStore(db: context.db).payments(
                tenant: try caller.tenant(), offset: page.offset, limit: page.perPage + 1)
            return APIJSON.response(page.list(fetched: lines, APIPayment.init))
        }
        router.api("GET", "/tenant/payments/:id/receipt", access: .tenant) { request, caller, context in
            guard let id = PaymentID(segment: request.parameters["id"]),
                let record = try LedgerStore(db: context.db).receipt(id, tenant: try caller.tenant())
            else { throw APIError.notFound }
            return APIJSON.response(APIReceipt(record))
        }
        router.api("POST", "/tenant/pay", access: .tenant, pay)
        router.api("GET", "/tenant/payment-requests/:id", access: .tenant) { request, caller, context in
            guard let id = PaymentRequestID(segment: request.parameters["id"]),
                let record = try PaymentRequestStore(db: context.db).request(id, tenant: try caller.tenant())
            else { throw APIError.notFound }
            return APIJSON.response(APIPaymentRequest(record, context.say))
        }
    }

    private static func currentLease(_ tenant: UserID, _ context: AppContext) throws -> LeaseDetails {
        guard let lease = try LedgerStore(db: context.db).leases(tenant: tenant).first(where: \.isOpen) else {
            throw noLease
        }
        return lease
    }

    /// `{"amount", "phone", "password"?}` → 201 with the push to follow, as the pay page does
    /// (`password` confirms a number other than the tenant's own, once).
    private static func pay(_ request: Request, _ caller: APICaller, _ context: AppContext) throws -> Response {
        let tenant = try caller.tenant()
        let body = try APIBody(request)
        guard let user = caller.user else { throw APIError.unauthorized }
        let payer = RentPayment.Payer(user: user, family: caller.family, address: request.remoteAddress)
        switch try RentPayment(context: context).start(
            payer, amount: body["amount"], phone: body["phone"], password: body["password"])
        {
        case .started(let id):
            guard let record = try PaymentRequestStore(db: context.db).request(id, tenant: tenant) else {
                throw APIError.notFound
            }
            var response = APIJSON.response(APIPaymentRequest(record, context.say), status: 201)
            response.setHeader("Location", "/api/v1/tenant/payment-requests/\(id.raw)")
            return response
        case .unavailable(let message): throw APIError.conflict(message)
        case .invalid(let errors): throw APIError.validation(body.fields(errors))
        case .alreadyPending(let message):
            throw APIError.conflict(message, fields: ["amount": message])
        case .tooMany(let message):
            throw APIError.tooManyRequests(message)
        }
    }
}
