import Crypto
import Daraja
import Web

/// `POST /daraja/c2b/<token>/confirmation` and `…/validation`: M-Pesa's paybill (C2B)
/// notifications. As with the STK callback, the secret token in the path is the only
/// credential (M-Pesa does not sign); every body is kept as received and parsed strictly.
/// A confirmation is acknowledged once stored, whether it matched a lease or not.
enum C2BCallbackRoutes {
    /// Larger bodies are refused unread (a real notification is well under 1 KB).
    static let maxBodyBytes = 8 * 1024

    static func register(in router: inout Router<AppContext>) {
        router.post("/daraja/c2b/:token/confirmation") { request, context in try confirmation(request, context) }
        router.post("/daraja/c2b/:token/validation") { request, context in try validation(request, context) }
    }

    /// Daraja's acknowledgement of a confirmation: ResultCode 0, always.
    struct Confirmed: Encodable {
        let resultCode = 0
        let resultDesc = "Success"

        enum CodingKeys: String, CodingKey {
            case resultCode = "ResultCode"
            case resultDesc = "ResultDesc"
        }
    }

    /// The validation answer: `"0"` accepts, a `C2B000…` code rejects.
    struct ValidationAnswer: Encodable {
        let resultCode: String
        let resultDesc: String

        enum CodingKeys: String, CodingKey {
            case resultCode = "ResultCode"
            case resultDesc = "ResultDesc"
        }
    }

    /// Encoded once: it never changes, and M-Pesa posts many.
    private static let confirmed = Response.json(Confirmed())

    /// Stored and settled in one transaction (one commit, maybe with other confirmations'): the raw
    /// body, the payment row and its ledger entry together. Only a malformed body is kept on its own.
    private static func confirmation(_ request: Request, _ context: AppContext) throws -> Response {
        let notification = try parsed(request, context, kind: "confirmation")
        let store = C2BStore(db: context.db)
        let outcome: C2BPayments.Outcome
        do {
            let arrival = DarajaArrival(
                notification: notification, body: request.body, remoteAddress: request.remoteAddress)
            outcome = try context.settlements.c2b.submit(arrival) { batch in confirm(batch, context) }
        } catch is C2BPayments.AlreadyStored {
            // Stored before without a ledger entry: rolled back, kept as a duplicate.
            _ = try store.saveCallback(
                kind: "confirmation", body: request.body, remoteAddress: request.remoteAddress,
                transID: notification.transID, outcome: C2BPayments.Outcome.duplicate.rawValue)
            outcome = .duplicate
        } catch {
            // Rolled back (a deadlock, a lost connection…): the body is still kept, to replay.
            _ = try? store.saveCallback(
                kind: "confirmation", body: request.body, remoteAddress: request.remoteAddress,
                transID: notification.transID, outcome: "failed")
            throw error
        }
        Log.info(
            "daraja: C2B confirmation \(notification.transID) KSh \(notification.amount) to "
                + "\(notification.businessShortCode): \(outcome.rawValue)")
        return confirmed
    }

    /// Settles the confirmations and keeps each body with its outcome, in the transaction of its
    /// settlement.
    private static func confirm(_ batch: [DarajaArrival<C2BNotification>], _ context: AppContext) -> [Result<
        C2BPayments.Outcome, any Error
    >] {
        let store = C2BStore(db: context.db)
        return C2BPayments(db: context.db, views: context.views, config: context.config, versions: context.versions)
            .confirm(batch: batch.map(\.notification)) { index, outcome in
                let arrival = batch[index]
                try store.saveCallbackAtCommit(
                    kind: "confirmation", body: arrival.body, remoteAddress: arrival.remoteAddress,
                    transID: arrival.notification.transID, outcome: outcome.rawValue)
            }
    }

    /// Accepts every well-formed payment, except one whose account number matches no lease
    /// when the paybill's landlord asked for those to be refused (`C2B00012`): by default an
    /// unmatched payment is better fixed by hand than sent back to the tenant.
    private static func validation(_ request: Request, _ context: AppContext) throws -> Response {
        let notification = try parsed(request, context, kind: "validation")
        let matches = try C2BPayments(
            db: context.db, views: context.views, config: context.config, versions: context.versions
        )
        .matches(notification)
        var refuse = false
        if !matches, let owner = try C2BStore(db: context.db).owner(shortcode: notification.businessShortCode) {
            refuse = try MpesaSettingsStore(db: context.db).rejectsUnknownAccounts(landlord: owner)
        }
        _ = try C2BStore(db: context.db).saveCallback(
            kind: "validation", body: request.body, remoteAddress: request.remoteAddress,
            transID: notification.transID, outcome: matches ? "accepted" : refuse ? "rejected" : "unmatched")
        return .json(
            refuse
                ? ValidationAnswer(resultCode: "C2B00012", resultDesc: "Rejected")
                : ValidationAnswer(resultCode: "0", resultDesc: "Accepted"))
    }

    /// Checks the token and size and parses the body; a malformed one is kept as received
    /// (outcome `malformed`) and answered 400.
    private static func parsed(_ request: Request, _ context: AppContext, kind: String) throws -> C2BNotification {
        guard let expected = context.config.daraja?.callbackToken, let token = request.parameters["token"],
            constantTimeEquals(Array(token.utf8), Array(expected.utf8))
        else { throw HTTPError.notFound }
        guard request.body.count <= maxBodyBytes else { throw HTTPError.payloadTooLarge }
        do {
            guard request.contentType == "application/json" else {
                throw DarajaError.malformedResponse(.contentType(request.contentType))
            }
            return try C2BNotification.parse(request.body)
        } catch {
            let rowID = try C2BStore(db: context.db).saveCallback(
                kind: kind, body: request.body, remoteAddress: request.remoteAddress, transID: nil,
                outcome: "malformed")
            Log.warning("daraja: malformed C2B \(kind) #\(rowID) from \(request.remoteAddress): \(error)")
            throw HTTPError.badRequest("daraja.c2b_invalid")
        }
    }
}
