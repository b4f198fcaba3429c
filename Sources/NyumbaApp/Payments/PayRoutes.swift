import Daraja
import Web

/// The tenant pays rent: `GET/POST /tenant/pay` sends an STK push to their phone, and
/// `GET /tenant/payments/requests/:id` follows it until Daraja reports the outcome.
enum PayRoutes {
    static let title = "Pay rent"

    static func register(in router: inout Router<AppContext>) {
        router.page("GET", "/tenant/pay", access: .tenant) { _, session, context in
            var page = try payPage(session, context)
            if page.unavailable == nil, page.pendingURL == nil {
                page.phone = PhoneDisplay.local(session.user?.phone ?? "")
            }
            return context.page("payments/pay", page)
        }
        router.page("POST", "/tenant/pay", access: .tenant, pay)
        router.page("GET", "/tenant/payments/requests/:id", access: .tenant, status)
    }

    /// The form with the balance prefilled, or why M-Pesa is not available.
    private static func payPage(_ session: RequestSession, _ context: AppContext) throws -> PayPage {
        var page = PayPage(layout: try context.layout(title, session))
        guard let tenant = session.user,
            let lease = try PaymentRequestStore(db: context.db).payableLease(tenant: tenant.id)
        else {
            page.unavailable = RentPayment.noLease
            return page
        }
        page.unitLabel = lease.unitLabel
        page.propertyName = lease.propertyName
        let balance = try LedgerStore(db: context.db).balance(lease: lease.leaseID)
        page.balance = Money.kes(balance)
        page.hasBalance = balance > 0
        page.paybill = try PaybillInstructions(db: context.db, config: context.config)
            .words(lease: lease.leaseID, landlord: lease.landlordID)
        page.amount = balance > 0 ? String(min(balance, 250_000)) : ""
        do {
            _ = try MpesaAccounts(db: context.db, config: context.config).account(landlord: lease.landlordID)
        } catch let problem as MpesaAccountProblem {
            page.unavailable = problem.tenantMessage
        }
        if let blocking = try PaymentRequestStore(db: context.db).blockingRequest(lease: lease.leaseID) {
            page.pendingURL = "/tenant/payments/requests/\(blocking.id.raw)"
            page.pendingUnconfirmed = blocking.status == .unconfirmed
        }
        return page
    }

    private static func pay(_ request: Request, _ session: RequestSession, _ context: AppContext) throws -> Response {
        guard let tenant = session.user else { throw HTTPError.notFound }
        let form = try request.form()
        let attempt = try RentPayment(context: context).start(
            tenant: tenant.id, amount: form["amount"], phone: form["phone"])
        if case .started(let id) = attempt { return .redirect(to: "/tenant/payments/requests/\(id.raw)") }
        var page = try payPage(session, context)
        page.amount = form["amount"] ?? ""
        page.phone = form["phone"] ?? ""
        switch attempt {
        case .started: throw HTTPError.notFound
        case .unavailable(let message):
            page.unavailable = page.unavailable ?? message
            return context.page("payments/pay", page, status: 409)
        case .invalid(let errors):
            page.errors = errors.messages
            return context.page("payments/pay", page, status: 400)
        case .alreadyPending(let message):
            page.errors = ["amount": message]
            return context.page("payments/pay", page, status: 409)
        }
    }

    /// The tenant's own request only; "check your phone" (refreshing itself) until it is settled.
    private static func status(_ request: Request, _ session: RequestSession, _ context: AppContext) throws
        -> Response
    {
        guard let tenant = session.user, let id = PaymentRequestID(segment: request.parameters["id"]),
            let record = try PaymentRequestStore(db: context.db).request(id, tenant: tenant.id)
        else { throw HTTPError.notFound }
        let page = PaymentStatusPage(layout: try context.layout("Payment", session), record)
        var response = context.page("payments/status", page)
        if page.isPending || page.isUnconfirmed {
            response.setHeader("Refresh", page.isPending ? "3" : "10")
            response.setHeader("Cache-Control", "no-store")
        }
        return response
    }
}
