import Daraja
import Web

/// Starts a tenant's rent payment by STK push, for the pay page and the API alike:
/// the open lease, the landlord's M-Pesa account, the fields, one pending push per lease.
struct RentPayment {
    /// What came of one attempt.
    enum Attempt {
        case started(PaymentRequestID)
        /// No lease, or the landlord's M-Pesa is not usable: the message says so.
        case unavailable(Words)
        case invalid(FieldErrors)
        /// A push still waits for the PIN.
        case alreadyPending(Words)
        /// The tenant had `promptsPerHour` prompts in the last hour: the message says when to try again.
        case tooMany(Words)
    }

    /// M-Pesa prompts a tenant may ask for in an hour: enough for retries, too few to pester anyone.
    static let promptsPerHour = 5

    static let noLease = Words("pay.no_lease")
    static let pendingMessage = Words("pay.already_pending")
    /// What the tenant is told when the push got no clear answer (status page and a second attempt).
    static let unconfirmedMessage = Words("pay.unconfirmed")

    static let confirmNumber = Words("pay.confirm_number")
    static let wrongPassword = Words("password.wrong")

    let context: AppContext

    /// Who asks: the tenant, their login (the throttle's known device) and their address.
    struct Payer {
        let user: CurrentUser
        let family: String?
        let address: String
    }

    /// Checks the amount and phone as typed (a number other than the tenant's own needs
    /// `password` once, to confirm it), opens the request and sends the push.
    func start(_ payer: Payer, amount amountText: String?, phone phoneText: String?, password: String?) throws
        -> Attempt
    {
        let tenant = payer.user.id
        var errors = FieldErrors()
        let amount = Validate.integer(amountText, "amount", 1...250_000, into: &errors)
        let phone = Validate.phone(phoneText, into: &errors)
        let store = PaymentRequestStore(db: context.db)
        guard let lease = try store.payableLease(tenant: tenant) else { return .unavailable(Self.noLease) }
        let account: MpesaAccount
        do {
            account = try MpesaAccounts(db: context.db, config: context.config).account(landlord: lease.landlordID)
        } catch let problem as MpesaAccountProblem {
            return .unavailable(problem.tenantMessage)
        }
        guard errors.isEmpty else { return .invalid(errors) }
        if let wait = try store.promptLimitWait(tenant: tenant, limit: Self.promptsPerHour, window: 3600) {
            let minutes = max(1, (wait + 59) / 60)
            return .tooMany(
                Words(
                    minutes == 1 ? "pay.too_many_prompts_minute" : "pay.too_many_prompts_minutes",
                    ["limit": "\(Self.promptsPerHour)", "minutes": "\(minutes)"]))
        }
        if let refusal = try confirmPhone(phone, payer, password: password) { return refusal }
        let opened = try store.open(
            lease, tenant: tenant, amount: amount, phone: phone, shortcode: account.shortcode.shortcode,
            firstQueryAfter: context.config.reconcile.baseSeconds)
        switch opened {
        case .failure(let blocked):
            return .alreadyPending(blocked.status == .unconfirmed ? Self.unconfirmedMessage : Self.pendingMessage)
        case .success(let id):
            try push(id, lease: lease, amount: amount, phone: phone, account: account)
            return .started(id)
        }
    }

    /// Nil when prompts may go to `phone`: the tenant's own, one they confirmed before, or one
    /// they confirm now with their password (then remembered). The refusal otherwise.
    private func confirmPhone(_ phone: String, _ payer: Payer, password: String?) throws -> Attempt? {
        if Phone.normalize(payer.user.phone) == phone { return nil }
        let store = PaymentRequestStore(db: context.db)
        if try store.isConfirmedPhone(phone, tenant: payer.user.id) { return nil }
        guard let password, !password.isEmpty else {
            var errors = FieldErrors()
            errors.add("password", Self.confirmNumber)
            return .invalid(errors)
        }
        switch try PasswordRecheck(context: context).check(
            password, of: payer.user, family: payer.family, address: payer.address)
        {
        case .confirmed:
            try store.confirmPhone(phone, tenant: payer.user.id)
            return nil
        case .wrong:
            var errors = FieldErrors()
            errors.add("password", Self.wrongPassword)
            return .invalid(errors)
        case .refused(let wait): return .tooMany(wait)
        }
    }

    /// Sends the push. A refusal settles the request as failed with Daraja's reason in plain
    /// words; no clear answer leaves it unconfirmed, since the prompt may be on the phone.
    private func push(
        _ id: PaymentRequestID, lease: PayableLease, amount: Int, phone: String, account: MpesaAccount
    ) throws {
        let store = PaymentRequestStore(db: context.db)
        let callbackURL = context.config.link("/daraja/stk/" + (context.config.daraja?.callbackToken ?? ""))
        let push = STKPushRequest(
            phone: phone, amount: amount, callbackURL: callbackURL, accountReference: lease.unitLabel,
            description: "Rent")
        let accepted: STKPushAccepted
        do {
            accepted = try context.daraja.stkPush(push, shortcode: account.shortcode, credentials: account.credentials)
        } catch  where error.mayHaveBeenApplied {
            Log.warning("daraja: STK push for payment request \(id) got no clear answer, unconfirmed: \(error)")
            try store.markUnconfirmed(id, message: Self.unconfirmedMessage.key)
            try replayUnlinkedCallbacks()
            return
        } catch {
            Log.warning("daraja: STK push for payment request \(id) refused: \(error)")
            try store.markRefused(id, message: "daraja.\(error.problem.rawValue)")
            return
        }
        try store.markAccepted(
            id, merchantRequestID: accepted.merchantRequestID, checkoutRequestID: accepted.checkoutRequestID)
        Log.info("daraja: STK push for payment request \(id) accepted as \(accepted.checkoutRequestID)")
        try replayEarlyCallback(accepted.checkoutRequestID)
    }

    /// Paid callbacks that matched no request while the push waited for its answer: applied
    /// now that the request is unconfirmed (the settlement matches them by phone and amount).
    private func replayUnlinkedCallbacks() throws {
        let callbacks = DarajaCallbackStore(db: context.db)
        for early in try callbacks.recentUnmatched(withinSeconds: PaymentRequestStore.unconfirmedMatchSeconds) {
            guard let callback = try? STKCallback.parse(early.body), callback.resultCode == 0 else { continue }
            let outcome = try PaymentSettlement(
                db: context.db, views: context.views, config: context.config, versions: context.versions
            )
            .settle(checkoutRequestID: callback.checkoutRequestID, STKResult(callback: callback))
            if outcome != .unknown {
                try callbacks.update(early.id, checkoutRequestID: callback.checkoutRequestID, outcome: outcome.rawValue)
            }
        }
    }

    /// A callback that overtook the storing of its CheckoutRequestID was kept as unknown: apply it now.
    private func replayEarlyCallback(_ checkoutRequestID: String) throws {
        let callbacks = DarajaCallbackStore(db: context.db)
        guard let early = try callbacks.unmatchedBody(checkoutRequestID: checkoutRequestID),
            let callback = try? STKCallback.parse(early.body)
        else { return }
        let outcome = try PaymentSettlement(
            db: context.db, views: context.views, config: context.config, versions: context.versions
        )
        .settle(checkoutRequestID: checkoutRequestID, STKResult(callback: callback))
        try callbacks.update(early.id, checkoutRequestID: checkoutRequestID, outcome: outcome.rawValue)
    }
}
