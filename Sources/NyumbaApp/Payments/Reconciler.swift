import Daraja
import MariaDB
import Web

/// Asks Daraja's STK query API about pushes still pending, because Daraja may never call
/// back: the first query comes `baseSeconds` after the push, then after `base · 2^n`
/// seconds; a push still unanswered `timeoutSeconds` after it was sent is marked timed out.
/// Settling goes through `PaymentSettlement`, so a query never overturns a callback success.
/// A request whose result was unclear (`needs_review`) keeps being asked about with the same
/// back-off, without the deadline, for `reviewSeconds`.
struct Reconciler {
    let db: Connection
    let config: Config
    let views: Views
    let client: DarajaClient
    let versions: LandlordDataVersions

    /// Requests claimed at once.
    static let batchSize = 10
    /// How long a claim stays invisible to other nodes: longer than `batchSize` queries can
    /// take with Daraja's timeouts.
    static let leaseSeconds = 600
    /// The longest wait between two queries.
    static let maximumDelay = 3600
    /// What the tenant reads on a push whose answer never came and for which no payment arrived:
    /// stored as its catalogue key in `result_desc`, put into words when shown.
    static let unconfirmedExpired = "pay.status.no_payment_came"
    /// What the tenant reads on a push M-Pesa never confirmed in time (stored the same way).
    static let timedOut = "pay.status.timed_out"

    /// How long after the push an unclear result is still asked about (Daraja's query forgets).
    static let reviewSeconds = 3 * 24 * 3600

    /// Claims and settles one batch of due requests; returns how many were claimed. Also closes
    /// the unconfirmed pushes no payment came for.
    func reconcileBatch() throws -> Int {
        let expired = try PaymentRequestStore(db: db).expireUnconfirmed(message: Self.unconfirmedExpired)
        if expired > 0 { Log.info("reconciler: \(expired) unconfirmed payment request(s) closed: no payment came") }
        let queue = ReconcileQueue(db: db)
        let claimed: [ClaimedPaymentRequest]
        do {
            claimed = try queue.claimDue(limit: Self.batchSize, leaseSeconds: Self.leaseSeconds)
        } catch let error as DatabaseError where error.isLockConflict {
            return 0
        }
        for request in claimed { try reconcile(request, queue: queue) }
        return claimed.count
    }

    /// The wait after `attempts` unanswered queries: `base · 2^attempts`, at most an hour.
    static func delay(afterAttempts attempts: Int, base: Int) -> Int {
        min(base * (1 << min(attempts, 20)), maximumDelay)
    }

    private func reconcile(_ request: ClaimedPaymentRequest, queue: ReconcileQueue) throws {
        let settings = config.reconcile
        let expired = request.age >= settings.timeoutSeconds
        let settlement = PaymentSettlement(db: db, views: views, config: config, versions: versions)
        var answer: STKQueryResult? = nil
        if let checkout = request.checkoutRequestID,
            let account = try MpesaAccounts(db: db, config: config).account(
                landlord: request.landlordID, shortcode: request.shortcode)
        {
            do {
                answer = try client.stkQuery(
                    checkoutRequestID: checkout, shortcode: account.shortcode, credentials: account.credentials)
            } catch {
                Log.warning("reconciler: STK query for payment request \(request.id) failed: \(error)")
            }
        }
        if case .completed(let code, let description) = answer, let checkout = request.checkoutRequestID {
            try queue.countAttempt(request.id)
            let outcome = try settlement.settle(
                checkoutRequestID: checkout, STKResult(resultCode: code, resultDesc: description))
            Log.info("reconciler: payment request \(request.id) ResultCode \(code): \(outcome.rawValue)")
            if STKOutcome(resultCode: code) == .needsReview { try askAgainLater(request, queue: queue) }
        } else if request.status == .needsReview {
            try askAgainLater(request, queue: queue)
        } else if expired {
            try settlement.timeOut(request.id, message: Self.timedOut)
            Log.info("reconciler: payment request \(request.id) timed out after \(request.age) s")
        } else {
            try queue.reschedule(
                request.id, delay: Self.delay(afterAttempts: request.queryAttempts + 1, base: settings.baseSeconds),
                deadline: settings.timeoutSeconds)
        }
    }

    /// Still unclear: the next query after the usual back-off, none after `reviewSeconds`.
    private func askAgainLater(_ request: ClaimedPaymentRequest, queue: ReconcileQueue) throws {
        try queue.rescheduleReview(
            request.id,
            delay: Self.delay(afterAttempts: request.queryAttempts + 1, base: config.reconcile.baseSeconds),
            giveUp: request.age >= Self.reviewSeconds)
    }
}
