import DarajaSimulator
import Foundation
import Locking
import SMS

/// Answers the simulator's HTTP requests; all state behind one mutex.
final class SMSSimulatorEngine: Sendable {
    struct State {
        var received: [SimulatedSMS] = []
        var reports: [SimulatedDeliveryReport] = []
        var failuresLeft = 0
        var serial = 0
    }

    let username: String
    let apiKey: String
    let senderIDs: Set<String>?
    let reportURL: String?
    /// Seconds between accepting a message and posting its report.
    let reportDelay: Double
    let log: @Sendable (String) -> Void
    let state = Locked(State())

    init(
        username: String, apiKey: String, senderIDs: Set<String>?, reportURL: String?, reportDelay: Duration,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.username = username
        self.apiKey = apiKey
        self.senderIDs = senderIDs
        self.reportURL = reportURL
        let (seconds, attoseconds) = reportDelay.components
        self.reportDelay = Double(seconds) + Double(attoseconds) / 1e18
        self.log = log
    }

    func handle(_ request: SimpleHTTPRequest) -> SimpleHTTPResponse {
        switch (request.method, request.path) {
        case ("POST", "/version1/messaging"): return send(request)
        case ("GET", "/sim/messages"): return .json(200, SMSSimulatorListing.json(state.withLock { $0.received }))
        case ("DELETE", "/sim/messages"):
            state.withLock { $0.received = [] }
            return .json(200, "[]")
        case ("POST", "/sim/fail"):
            let count = SMSForm.decode(String(decoding: request.body, as: UTF8.self))?.first { $0.0 == "count" }
            guard let count, let number = Int(count.1), number >= 0 else { return Self.text(400, "count=N needed") }
            state.withLock { $0.failuresLeft = number }
            return .json(200, #"{"failNext":\#(number)}"#)
        default: return Self.text(404, "Not found")
        }
    }

    private func send(_ request: SimpleHTTPRequest) -> SimpleHTTPResponse {
        let failing = state.withLock { state -> Bool in
            guard state.failuresLeft > 0 else { return false }
            state.failuresLeft -= 1
            return true
        }
        if failing {
            log("sms-sim: answered 503 (failure asked for)")
            return Self.text(503, "Service Unavailable")
        }
        guard request.header("apiKey") == apiKey else {
            return Self.text(401, "The supplied authentication is invalid")
        }
        // The real API answers XML without it; a client that forgot it should fail here too.
        guard request.header("Accept")?.contains("application/json") == true else {
            return Self.text(406, "Send Accept: application/json")
        }
        guard let pairs = SMSForm.decode(String(decoding: request.body, as: UTF8.self)) else {
            return Self.text(400, "Malformed form body")
        }
        let fields = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        guard fields["username"] == username else { return Self.text(401, "The supplied authentication is invalid") }
        for name in ["to", "message"] where (fields[name] ?? "").isEmpty {
            return Self.text(400, "Request is missing required form field '\(name)'")
        }
        let to = fields["to"]!.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let from = fields["from"].flatMap { $0.isEmpty ? nil : $0 }
        if let from, let senderIDs, !senderIDs.contains(from) {
            record(SimulatedSMS(to: to, message: fields["message"]!, from: from, results: []))
            return .json(201, #"{"SMSMessageData":{"Message":"InvalidSenderId","Recipients":[]}}"#)
        }
        let results = answer(to: to, text: fields["message"]!)
        record(SimulatedSMS(to: to, message: fields["message"]!, from: from, results: results))
        scheduleReports(results)
        return .json(201, SMSSimulatorListing.sendAnswer(results))
    }

    /// One result per number: the status its suffix chooses, KES 0.80 per part when accepted.
    private func answer(to numbers: [String], text: String) -> [SMSRecipientResult] {
        let parts = SMSSegments(text).count
        return numbers.map { number in
            let (code, status) = SimulatedRecipientStatus.status(for: number)
            let accepted = (100...102).contains(code)
            let serial = state.withLock { state -> Int in
                state.serial += 1
                return state.serial
            }
            return SMSRecipientResult(
                number: SMSNumber(number)?.international ?? number, statusCode: code, status: status,
                messageID: accepted ? "ATXid_sim\(serial)" : "None",
                cost: accepted ? String(format: "KES %.4f", 0.8 * Double(parts)) : "0", parts: parts)
        }
    }

    private func record(_ sms: SimulatedSMS) {
        state.withLock { $0.received.append(sms) }
        let codes = sms.results.map { "\($0.number) \($0.statusCode)" }.joined(separator: ", ")
        log("sms-sim: \(sms.to.count) recipient(s), \(SMSSegments(sms.message).count) part(s): \(codes)")
    }

    static func text(_ status: Int, _ text: String) -> SimpleHTTPResponse {
        SimpleHTTPResponse(status: status, contentType: "text/plain", body: Array(text.utf8))
    }
}
