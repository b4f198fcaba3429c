import Foundation
import SMS

/// What the simulator reports after accepting a message, chosen by the number's last four
/// digits: `…0600` Failed (`DeliveryFailure`), `…0601` Rejected (`UserInBlackList`),
/// `…0602` no report at all; anything else Success.
enum SimulatedReport {
    static func fields(for result: SMSRecipientResult) -> [(String, String)]? {
        var fields = [("id", result.messageID)]
        switch result.number.suffix(4) {
        case "0600": fields += [("status", "Failed"), ("failureReason", "DeliveryFailure")]
        case "0601": fields += [("status", "Rejected"), ("failureReason", "UserInBlackList")]
        case "0602": return nil
        default: fields += [("status", "Success")]
        }
        return fields + [("phoneNumber", result.number), ("networkCode", "63902"), ("retryCount", "0")]
    }
}

extension SMSSimulatorEngine {
    /// POSTs a form-encoded delivery report for each accepted recipient to `reportURL`, after `reportDelay`.
    func scheduleReports(_ results: [SMSRecipientResult]) {
        guard let reportURL else { return }
        for result in results where result.isAccepted {
            guard let fields = SimulatedReport.fields(for: result) else { continue }
            // A thread that sleeps, as the Daraja simulator's callbacks do: dispatch timers never
            // fire under libfaketime (`make test-calendar`), a sleeping thread does.
            let thread = Thread { [self] in
                Thread.sleep(forTimeInterval: reportDelay)
                let status: Int
                do {
                    status = try SMSHTTP.postForm(fields, to: reportURL, timeout: .seconds(5)).status
                } catch {
                    status = 0
                    log("sms-sim: delivery report for \(result.messageID) not delivered: \(error)")
                }
                state.withLock {
                    $0.reports.append(SimulatedDeliveryReport(messageID: result.messageID, httpStatus: status))
                }
            }
            thread.name = "sms-sim-report"
            thread.start()
        }
    }
}

/// A delivery report the simulator posted, and the HTTP status it got back (0: no answer).
public struct SimulatedDeliveryReport: Sendable, Equatable {
    /// The message's id.
    public let messageID: String
    /// The callback's HTTP status, or 0 when it could not be reached.
    public let httpStatus: Int
}
