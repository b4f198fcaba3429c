import Daraja
import Web

/// The tenant pays rent: `GET/POST /tenant/pay` sends an STK push to their phone, and
/// `GET /tenant/payments/requests/:id` follows it until Daraja reports the outcome.
enum PayRoutes {
    static func register(in router: inout Router<AppContext>) {
        router.tenant("GET", "/tenant/pay") { _, tenant, context in
            var page = try payPage(tenant, context)
            if page.unavailable == nil, page.pendingURL == nil {
                page.phone = PhoneDisplay.local(tenant.user.phone)
            }
            return context.page(.paymentsPay, page)
        }
        router.tenant("POST", "/tenant/pay", pay)
        router.tenant("GET", "/tenant/payments/requests/:id", status)
    }

    /// The form with the balance prefilled, or why M-Pesa is not available.
    private static func payPage(_ tenant: SignedInTenant, _ context: AppContext) throws -> PayPage {
        var page = PayPage(layout: try context.layout(tenant))
        guard let lease = try PaymentRequestStore(db: context.db).payableLease(tenant: tenant.id)
        else {
            page.unavailable = context.say(RentPayment.noLease)
            return page
        }
        page.unitLabel = lease.unitLabel
        page.propertyName = lease.propertyName
        let balance = try LedgerStore(db: context.db).balance(lease: lease.leaseID)
        page.balance = context.say.money(balance)
        page.hasBalance = balance > 0
        page.paybill = try PaybillInstructions(db: context.db, config: context.config)
            .words(lease: lease.leaseID, landlord: lease.landlordID, say: context.say)
        page.amount = balance > 0 ? String(min(balance, 250_000)) : ""
        do {
            _ = try MpesaAccounts(db: context.db, config: context.config).account(landlord: lease.landlordID)
        } catch let problem as MpesaAccountProblem {
            page.unavailable = context.say(problem.tenantMessage)
        }
        if let blocking = try PaymentRequestStore(db: context.db).blockingRequest(lease: lease.leaseID) {
            page.pendingURL = "/tenant/payments/requests/\(blocking.id.raw)"
            page.pendingUnconfirmed = blocking.status == .unconfirmed
        }
        return page
    }

    private static func pay(_ request: Request, _ tenant: SignedInTenant, _ context: AppContext) throws -> Response {
        let form = try request.form()
        let payer = RentPayment.Payer(user: tenant.user, family: tenant.session.family, address: request.remoteAddress)
        let attempt = try RentPayment(context: context).start(
            payer, amount: form["amount"], phone: form["phone"], password: form["password"])
        if case .started(let id) = attempt { return .redirect(to: "/tenant/payments/requests/\(id.raw)") }
        var page = try payPage(tenant, context)
        page.amount = form["amount"] ?? ""
        page.phone = form["phone"] ?? ""
        switch attempt {
        case .started: throw HTTPError.notFound
        case .unavailable(let message):
            page.unavailable = page.unavailable ?? context.say(message)
            return context.page(.paymentsPay, page, status: 409)
        case .invalid(let errors):
            page.errors = context.say(errors)
            return context.page(.paymentsPay, page, status: 400)
        case .alreadyPending(let message):
            page.errors = ["amount": context.say(message)]
            return context.page(.paymentsPay, page, status: 409)
        case .tooMany(let message):
            page.errors = ["phone": context.say(message)]
            return context.page(.paymentsPay, page, status: 429)
        }
    }

    /// The tenant's own request only; "check your phone" (refreshing itself) until it is settled.
    private static func status(_ request: Request, _ tenant: SignedInTenant, _ context: AppContext) throws
        -> Response
    {
        guard let id = PaymentRequestID(segment: request.parameters["id"]),
            let record = try PaymentRequestStore(db: context.db).request(id, tenant: tenant.id)
        else { throw HTTPError.notFound }
        let page = PaymentStatusPage(layout: try context.layout(tenant), record)
        var response = context.page(.paymentsStatus, page)
        if page.isPending || page.isUnconfirmed {
            response.setHeader("Refresh", page.isPending ? "3" : "10")
            response.setHeader("Cache-Control", "no-store")
        }
        return response
    }
}
