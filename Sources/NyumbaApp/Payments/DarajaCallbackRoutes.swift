import Crypto
import Daraja
import Web

/// `POST /daraja/stk/<token>`: Daraja's STK callback. Not a page (no session, no CSRF):
/// the secret token in the path is the only credential, since Daraja does not sign.
/// Every body is kept as received; the answer is always Accepted once the token matched
/// and the body parsed, because Daraja does not retry anyway (the reconciler covers gaps).
enum DarajaCallbackRoutes {
    /// Larger bodies are refused unread (a real callback is well under 2 KB).
    static let maxBodyBytes = 16 * 1024

    static func register(in router: inout Router<AppContext>) {
        router.post("/daraja/stk/:token") { request, context in try receive(request, context) }
    }

    /// Daraja's acknowledgement shape.
    struct Accepted: Encodable {
        let resultCode = 0
        let resultDesc = "Accepted"

        enum CodingKeys: String, CodingKey {
            case resultCode = "ResultCode"
            case resultDesc = "ResultDesc"
        }
    }

    /// Encoded once: it never changes, and Daraja posts many.
    private static let accepted = Response.json(Accepted())

    private static func receive(_ request: Request, _ context: AppContext) throws -> Response {
        guard let expected = context.config.daraja?.callbackToken, let token = request.parameters["token"],
            constantTimeEquals(Array(token.utf8), Array(expected.utf8))
        else { throw HTTPError.notFound }
        guard request.body.count <= maxBodyBytes else { throw HTTPError.payloadTooLarge }
        let callbacks = DarajaCallbackStore(db: context.db)
        let callback: STKCallback
        do {
            guard request.contentType == "application/json" else {
                throw DarajaError.malformedResponse(.contentType(request.contentType))
            }
            callback = try STKCallback.parse(request.body)
        } catch {
            let rowID = try callbacks.save(
                body: request.body, remoteAddress: request.remoteAddress, outcome: "malformed")
            Log.warning("daraja: malformed STK callback #\(rowID) from \(request.remoteAddress): \(error)")
            throw HTTPError.badRequest("daraja.callback_invalid")
        }
        // The body and the settlement in one transaction (one commit, maybe with other callbacks'); kept on its
        // own if that fails.
        let outcome: SettlementOutcome
        do {
            let arrival = DarajaArrival(
                notification: callback, body: request.body, remoteAddress: request.remoteAddress)
            outcome = try context.settlements.stk.submit(arrival) { batch in settle(batch, context) }
        } catch {
            _ = try? callbacks.save(
                body: request.body, remoteAddress: request.remoteAddress,
                checkoutRequestID: callback.checkoutRequestID, outcome: "failed")
            throw error
        }
        let line = "daraja: STK callback for \(callback.checkoutRequestID) ResultCode \(callback.resultCode)"
        if outcome == .unknown {
            Log.warning("\(line): no payment request has this CheckoutRequestID; stored, no payment recorded")
        } else {
            Log.info("\(line): \(outcome.rawValue)")
        }
        return accepted
    }

    /// Settles the callbacks and keeps each body with its outcome, in the transaction of its settlement.
    private static func settle(_ batch: [DarajaArrival<STKCallback>], _ context: AppContext) -> [Result<
        SettlementOutcome, any Error
    >] {
        let callbacks = DarajaCallbackStore(db: context.db)
        return PaymentSettlement(
            db: context.db, views: context.views, config: context.config, versions: context.versions
        )
        .settle(batch: batch.map { ($0.notification.checkoutRequestID, STKResult(callback: $0.notification)) }) {
            index, outcome in
            let arrival = batch[index]
            try callbacks.saveAtCommit(
                body: arrival.body, remoteAddress: arrival.remoteAddress,
                checkoutRequestID: arrival.notification.checkoutRequestID, outcome: outcome.rawValue)
        }
    }
}
