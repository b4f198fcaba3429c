import Daraja
import Foundation

extension SimulatorEngine {
    /// After `delay`, posts the callback (none, once or twice) on a background thread.
    func scheduleCallbacks(for push: SimulatedPush, after callbackDelay: Duration) {
        let outcome = SimulatedOutcome(name: push.outcome)
        let count = push.resultCode == 2028 ? 1 : outcome.callbackCount
        guard count > 0 else { return }
        let body = Array(
            Self.callbackBody(push, amount: outcome.callbackAmount(requested: push.amount), date: Date()).utf8)
        let delay = Self.seconds(callbackDelay)
        let thread = Thread { [self] in
            Thread.sleep(forTimeInterval: delay)
            for _ in 0..<count { deliver(body, of: push) }
        }
        thread.name = "sim-callback"
        thread.start()
    }

    /// A duration in seconds, for `Thread.sleep`.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private func deliver(_ body: [UInt8], of push: SimulatedPush) {
        var status = 0  // 0: the callback URL could not be reached
        do {
            status = try DarajaHTTP.postJSON(body, to: push.callbackURL, timeout: .seconds(10)).status
            log("callback \(push.checkoutRequestID) ResultCode \(push.resultCode) → HTTP \(status)")
        } catch {
            log("callback \(push.checkoutRequestID) to \(push.callbackURL) failed: \(error)")
        }
        state.withLock { state in
            state.pushes[push.checkoutRequestID]?.callbacksSent += 1
            state.pushes[push.checkoutRequestID]?.callbackStatuses.append(status)
        }
    }

    /// The documented callback JSON; written by hand so Amount reads `1.00` and Balance has no Value.
    static func callbackBody(_ push: SimulatedPush, amount: Int, date: Date) -> String {
        let code = push.resultCode
        var fields =
            #""MerchantRequestID":\#(SimJSON.quoted(push.merchantRequestID)),"#
            + #""CheckoutRequestID":\#(SimJSON.quoted(push.checkoutRequestID)),"#
            + #""ResultCode":\#(code),"ResultDesc":\#(SimJSON.quoted(SimulatedOutcome.resultDesc(code)))"#
        if code == 0, let receipt = push.receipt {
            fields +=
                #","CallbackMetadata":{"Item":[{"Name":"Amount","Value":\#(amount).00},"#
                + #"{"Name":"MpesaReceiptNumber","Value":\#(SimJSON.quoted(receipt))},{"Name":"Balance"},"#
                + #"{"Name":"TransactionDate","Value":\#(DarajaPassword.timestamp(date))},"#
                + #"{"Name":"PhoneNumber","Value":\#(push.phone)}]}"#
        }
        return #"{"Body":{"stkCallback":{\#(fields)}}}"#
    }
}
