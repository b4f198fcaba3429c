import Crypto
import Daraja
import Foundation

extension SimulatorEngine {
    /// `POST /mpesa/stkpush/v1/processrequest`: checks it as Daraja does, accepts, schedules the callback.
    func push(_ request: SimpleHTTPRequest) -> SimpleHTTPResponse {
        do {
            return try acceptPush(request)
        } catch {
            return error.response
        }
    }

    private func acceptPush(_ request: SimpleHTTPRequest) throws(Refusal) -> SimpleHTTPResponse {
        let body = try darajaBody(request)
        let shortcode = try checkCredentials(body)
        let type = body["TransactionType"] as? String
        guard type == "CustomerPayBillOnline" || type == "CustomerBuyGoodsOnline" else {
            throw Refusal(invalid("TransactionType"))
        }
        guard let amount = Self.amount(body["Amount"]) else { throw Refusal(invalid("Amount")) }
        guard Self.isPhone(SimJSON.digits(body["PartyA"])) else { throw Refusal(invalid("PartyA")) }
        let phone = SimJSON.digits(body["PhoneNumber"]) ?? ""
        guard Self.isPhone(phone) else { throw Refusal(invalid("PhoneNumber")) }
        guard let partyB = SimJSON.digits(body["PartyB"]), (5...7).contains(partyB.count) else {
            throw Refusal(invalid("PartyB"))
        }
        guard let url = body["CallBackURL"] as? String, url.hasPrefix("https://") || url.hasPrefix("http://"),
            !url.contains(where: \.isWhitespace)
        else { throw Refusal(invalid("CallBackURL")) }
        guard let reference = body["AccountReference"] as? String ?? SimJSON.digits(body["AccountReference"]),
            (1...12).contains(reference.count)
        else { throw Refusal(invalid("AccountReference")) }
        // A paybill push whose PartyB is not the paybill fails later, as on Daraja (ResultCode 2028).
        let misconfigured = type == "CustomerPayBillOnline" && partyB != shortcode
        let push = record(
            phone: phone, amount: amount, reference: reference, url: url, forcedCode: misconfigured ? 2028 : nil)
        log("push \(push.checkoutRequestID) \(phone) KSh \(amount) ref \(reference) → outcome \(push.outcome)")
        let outcome = SimulatedOutcome(name: push.outcome)
        scheduleCallbacks(
            for: push, after: outcome.callsBackAfterAnswer ? lateAnswerDelay + callbackDelay : callbackDelay)
        if outcome.answersLate {
            // Runs on the connection's own thread: the client has given up by the time this returns.
            Thread.sleep(forTimeInterval: Self.seconds(lateAnswerDelay))
            log("push \(push.checkoutRequestID) answered late")
        }
        let message = "Success. Request accepted for processing"
        return .json(
            200,
            SimJSON.text([
                "MerchantRequestID": push.merchantRequestID, "CheckoutRequestID": push.checkoutRequestID,
                "ResponseCode": "0", "ResponseDescription": message, "CustomerMessage": message,
            ]))
    }

    private func record(phone: String, amount: Int, reference: String, url: String, forcedCode: Int?) -> SimulatedPush {
        let decidedAt = ContinuousClock.now + callbackDelay
        let timestamp = DarajaPassword.timestamp(Date())
        return state.withLock { state in
            let serial = state.nextSerial()
            let outcome = SimulatedOutcome(phone: phone, overrides: state.overrides)
            let code = forcedCode ?? outcome.resultCode
            var receipt: String?
            if code == 0 {
                var candidate = Self.receiptNumber()
                while state.receipts.contains(candidate) { candidate = Self.receiptNumber() }
                state.receipts.insert(candidate)
                receipt = candidate
            }
            let serialText = String(serial)
            let push = SimulatedPush(
                checkoutRequestID:
                    "ws_CO_\(timestamp)\(String(repeating: "0", count: max(0, 8 - serialText.count)))\(serialText)",
                merchantRequestID: "\(Int.random(in: 10_000...99_999))-\(serial)-1", phone: phone, amount: amount,
                accountReference: reference, callbackURL: url, outcome: forcedCode.map(String.init) ?? outcome.name,
                resultCode: code, receipt: receipt, callbacksSent: 0, callbackStatuses: [], queries: 0)
            state.pushes[push.checkoutRequestID] = push
            state.order.append(push.checkoutRequestID)
            state.decidedAt[push.checkoutRequestID] = decidedAt
            return push
        }
    }

    /// 10 uppercase letters and digits, starting with a letter like real receipts.
    static func receiptNumber() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let random = SecureRandom.bytes(10)
        return String(alphabet[Int(random[0]) % 26]) + String(random.dropFirst().map { alphabet[Int($0) % 36] })
    }
}
