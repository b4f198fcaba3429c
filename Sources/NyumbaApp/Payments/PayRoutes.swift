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
            page.unavailable = "You have no current lease, so there is no rent to pay."
            return page
        }
        page.unitLabel = lease.unitLabel
        page.propertyName = lease.propertyName
        let balance = try LedgerStore(db: context.db).balance(lease: lease.leaseID)
        page.balance = Money.kes(balance)
        page.hasBalance = balance > 0
        page.amount = balance > 0 ? String(min(balance, 250_000)) : ""
        do {
            _ = try MpesaAccounts(db: context.db, config: context.config).account(landlord: lease.landlordID)
        } catch let problem as MpesaAccountProblem {
            page.unavailable = problem.tenantMessage
        }
        if let pending = try PaymentRequestStore(db: context.db).pendingRequest(lease: lease.leaseID) {
            page.pendingURL = "/tenant/payments/requests/\(pending.raw)"
        }
        return page
    }

    private static func pay(_ request: Request, _ session: RequestSession, _ context: AppContext) throws -> Response {
        guard let tenant = session.user else { throw HTTPError.notFound }
        let form = try request.form()
        var page = try payPage(session, context)
        page.amount = form["amount"] ?? ""
        page.phone = form["phone"] ?? ""
        var errors = FieldErrors()
        let amount = Validate.integer(form["amount"], "amount", 1...250_000, into: &errors)
        let phone = Validate.phone(form["phone"], into: &errors)
        let store = PaymentRequestStore(db: context.db)
        guard page.unavailable == nil, let lease = try store.payableLease(tenant: tenant.id) else {
            return context.page("payments/pay", page, status: 409)
        }
        guard errors.isEmpty else {
            page.errors = errors.messages
            return context.page("payments/pay", page, status: 400)
        }
        let account: MpesaAccount
        do {
            account = try MpesaAccounts(db: context.db, config: context.config).account(landlord: lease.landlordID)
        } catch let problem as MpesaAccountProblem {
            page.unavailable = problem.tenantMessage
            return context.page("payments/pay", page, status: 409)
        }
        guard
            let id = try store.open(
                lease, tenant: tenant.id, amount: amount, phone: phone, shortcode: account.shortcode.shortcode,
                firstQueryAfter: context.config.reconcile.baseSeconds)
        else {
            page.errors = [
                "amount":
                    "A payment is already waiting for your M-Pesa PIN. Finish it on your phone, or wait until it "
                    + "times out, before you pay again."
            ]
            return context.page("payments/pay", page, status: 409)
        }
        try push(id, lease: lease, amount: amount, phone: phone, account: account, context)
        return .redirect(to: "/tenant/payments/requests/\(id.raw)")
    }

    /// Sends the push; a refusal settles the request as failed with Daraja's reason in plain words.
    private static func push(
        _ id: PaymentRequestID, lease: PayableLease, amount: Int, phone: String, account: MpesaAccount,
        _ context: AppContext
    ) throws {
        let store = PaymentRequestStore(db: context.db)
        let callbackURL = context.config.link("/daraja/stk/" + (context.config.daraja?.callbackToken ?? ""))
        let push = STKPushRequest(
            phone: phone, amount: amount, callbackURL: callbackURL, accountReference: lease.unitLabel,
            description: "Rent")
        let accepted: STKPushAccepted
        do {
            accepted = try context.daraja.stkPush(push, shortcode: account.shortcode, credentials: account.credentials)
        } catch {
            Log.warning("daraja: STK push for payment request \(id) refused: \(error)")
            try store.markRefused(id, message: error.tenantMessage)
            return
        }
        try store.markAccepted(
            id, merchantRequestID: accepted.merchantRequestID, checkoutRequestID: accepted.checkoutRequestID)
        Log.info("daraja: STK push for payment request \(id) accepted as \(accepted.checkoutRequestID)")
        try replayEarlyCallback(accepted.checkoutRequestID, context)
    }

    /// A callback that overtook the storing of its CheckoutRequestID was kept as unknown: apply it now.
    private static func replayEarlyCallback(_ checkoutRequestID: String, _ context: AppContext) throws {
        let callbacks = DarajaCallbackStore(db: context.db)
        guard let early = try callbacks.unmatchedBody(checkoutRequestID: checkoutRequestID),
            let callback = try? STKCallback.parse(early.body)
        else { return }
        let outcome = try PaymentSettlement(db: context.db, views: context.views, config: context.config)
            .settle(checkoutRequestID: checkoutRequestID, STKResult(callback: callback))
        try callbacks.update(early.id, checkoutRequestID: checkoutRequestID, outcome: outcome.rawValue)
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
        if page.isPending {
            response.setHeader("Refresh", "3")
            response.setHeader("Cache-Control", "no-store")
        }
        return response
    }
}
