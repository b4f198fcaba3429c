import Foundation

extension SimulatorEngine {
    /// `POST /mpesa/stkpushquery/v1/query`: "still processing" until the outcome is decided.
    func query(_ request: SimpleHTTPRequest) -> SimpleHTTPResponse {
        do {
            return try answerQuery(request)
        } catch {
            return error.response
        }
    }

    private func answerQuery(_ request: SimpleHTTPRequest) throws(Refusal) -> SimpleHTTPResponse {
        let body = try darajaBody(request)
        _ = try checkCredentials(body)
        guard let checkout = body["CheckoutRequestID"] as? String, !checkout.isEmpty else {
            throw Refusal(invalid("CheckoutRequestID"))
        }
        let found = state.withLock { state -> (push: SimulatedPush, decided: Bool)? in
            guard state.pushes[checkout] != nil else { return nil }
            state.pushes[checkout]!.queries += 1
            return (state.pushes[checkout]!, ContinuousClock.now >= state.decidedAt[checkout]!)
        }
        let processing = error(500, "500.001.1001", "The transaction is being processed")
        guard let (push, decided) = found else { return processing }
        switch SimulatedOutcome(name: push.outcome).specialQueryAnswer(number: push.queries) {
        case .http500: return processing
        case .resultCode4999: return answer(push, code: "4999", desc: "The transaction is being processed")
        case nil:
            guard decided else { return processing }
            return answer(push, code: String(push.resultCode), desc: SimulatedOutcome.resultDesc(push.resultCode))
        }
    }

    private func answer(_ push: SimulatedPush, code: String, desc: String) -> SimpleHTTPResponse {
        .json(
            200,
            SimJSON.text([
                "ResponseCode": "0", "ResponseDescription": "The service request has been accepted successsfully",
                "MerchantRequestID": push.merchantRequestID, "CheckoutRequestID": push.checkoutRequestID,
                "ResultCode": code, "ResultDesc": desc,
            ]))
    }
}
