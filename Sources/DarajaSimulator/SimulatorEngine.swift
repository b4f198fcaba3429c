import Crypto
import Daraja
import Foundation
import Locking

/// The simulator's behaviour: routes each request to OAuth, push, query or a control endpoint.
final class SimulatorEngine: Sendable {
    let consumerKey: String
    let consumerSecret: String
    let passkey: String
    let callbackDelay: Duration
    /// How long a push with a late-answer outcome (9995, 9994) waits before answering.
    let lateAnswerDelay: Duration
    let log: @Sendable (String) -> Void
    let state = Locked(SimulatorState())

    init(
        consumerKey: String, consumerSecret: String, passkey: String, callbackDelay: Duration,
        lateAnswerDelay: Duration = .seconds(20), log: @escaping @Sendable (String) -> Void
    ) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.passkey = passkey
        self.callbackDelay = callbackDelay
        self.lateAnswerDelay = lateAnswerDelay
        self.log = log
    }

    func handle(_ request: SimpleHTTPRequest) -> SimpleHTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/oauth/v1/generate"): return oauth(request)
        case ("POST", "/mpesa/stkpush/v1/processrequest"): return push(request)
        case ("POST", "/mpesa/stkpushquery/v1/query"): return query(request)
        case ("POST", "/mpesa/c2b/v1/registerurl"): return registerC2B(request, version: "v1")
        case ("POST", "/mpesa/c2b/v2/registerurl"): return registerC2B(request, version: "v2")
        case ("POST", "/sim/c2b/pay"): return payBill(request)
        case ("GET", "/sim/c2b/registrations"): return c2bRegistrations()
        case ("GET", "/sim/requests"): return .json(200, SimJSON.text(pushes().map(Self.listing)))
        case ("GET", "/sim/stats"): return stats()
        case ("POST", "/sim/outcomes"): return setOutcome(request)
        case ("POST", "/sim/expire-tokens"):
            expireTokens()
            return .json(200, #"{"ok":true}"#)
        default: return error(404, "404.001.01", "Resource not found")
        }
    }

    /// Daraja's error shape.
    func error(_ status: Int, _ code: String, _ message: String) -> SimpleHTTPResponse {
        let id = state.withLock { $0.nextSerial() }
        return .json(
            status,
            SimJSON.text(["requestId": "sim-\(id)", "errorCode": code, "errorMessage": message]))
    }

    /// 400.002.02 "Bad Request - Invalid <field>".
    func invalid(_ field: String) -> SimpleHTTPResponse {
        error(400, "400.002.02", "Bad Request - Invalid \(field)")
    }

    func pushes() -> [SimulatedPush] {
        state.withLock { state in state.order.compactMap { state.pushes[$0] } }
    }

    func expireTokens() {
        state.withLock { $0.tokens.removeAll() }
    }

    func setOutcome(_ outcome: String?, forPhone phone: String) {
        state.withLock { $0.overrides[phone] = outcome }
    }

    private func stats() -> SimpleHTTPResponse {
        let (oauth, pushes) = state.withLock { ($0.oauthCalls, $0.order.count) }
        return .json(200, SimJSON.text(["oauthCalls": oauth, "pushes": pushes]))
    }

    private func setOutcome(_ request: SimpleHTTPRequest) -> SimpleHTTPResponse {
        guard let body = SimJSON.object(request.body), let phone = SimJSON.digits(body["phone"]) else {
            return .json(400, #"{"error":"expected {\"phone\":\"2547…\",\"outcome\":\"1032\"}"}"#)
        }
        let outcome = (body["outcome"] as? String) ?? (body["outcome"] as? NSNumber).map { "\($0)" }
        setOutcome(outcome.flatMap { $0.isEmpty ? nil : $0 }, forPhone: phone)
        return .json(200, #"{"ok":true}"#)
    }

    private static func listing(_ push: SimulatedPush) -> [String: Any] {
        [
            "checkoutRequestID": push.checkoutRequestID, "merchantRequestID": push.merchantRequestID,
            "phone": push.phone, "amount": push.amount, "accountReference": push.accountReference,
            "callbackURL": push.callbackURL, "outcome": push.outcome, "resultCode": push.resultCode,
            "receipt": push.receipt ?? NSNull(), "callbacksSent": push.callbacksSent,
            "callbackStatuses": push.callbackStatuses, "queries": push.queries,
        ]
    }
}
