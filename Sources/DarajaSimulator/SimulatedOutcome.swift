/// What the simulator does with a push, chosen by the phone's last four digits or a test override.
struct SimulatedOutcome {
    /// The code as given ("0", "1032", "9998", …).
    let name: String

    init(name: String) {
        self.name = name
    }

    /// The outcome for `phone`: an override if any, else its last four digits.
    init(phone: String, overrides: [String: String]) {
        if let override = overrides[phone] {
            name = override
            return
        }
        let suffix = String(phone.suffix(4))
        switch suffix {
        case "1032", "1037", "2001", "0001", "9998", "9997", "9996", "9995", "9994", "4999", "5001": name = suffix
        default: name = "0"
        }
    }

    /// The ResultCode the callback and the final query answer carry.
    var resultCode: Int {
        switch name {
        case "9998", "9997", "9996", "9995", "9994", "4999", "5001": return 0
        default: return Int(name) ?? 0
        }
    }

    /// How many times the callback is posted.
    var callbackCount: Int {
        switch name {
        case "9998", "5001": return 0
        case "9997": return 2
        default: return 1
        }
    }

    /// The push's answer comes only after the simulator's late-answer delay (longer than a
    /// client's timeout), while the prompt is paid: 9995 calls back at the usual delay, before
    /// the answer; 9994 calls back after the answer.
    var answersLate: Bool { name == "9995" || name == "9994" }

    /// The callback waits for the late answer too.
    var callsBackAfterAnswer: Bool { name == "9994" }

    /// What the callback's Amount says, given the amount asked for.
    func callbackAmount(requested: Int) -> Int {
        name == "9996" ? requested + 1 : requested
    }

    /// The special answer to query number `number` (1-based), if this outcome has one.
    func specialQueryAnswer(number: Int) -> SpecialQueryAnswer? {
        guard number <= 2 else { return nil }
        switch name {
        case "4999": return .resultCode4999
        case "5001": return .http500
        default: return nil
        }
    }

    enum SpecialQueryAnswer {
        case resultCode4999
        case http500
    }

    /// Daraja's usual ResultDesc for `code` (texts vary in reality; clients must map on the code).
    static func resultDesc(_ code: Int) -> String {
        switch code {
        case 0: return "The service request is processed successfully."
        case 1: return "The balance is insufficient for the transaction."
        case 17: return "Rule limited."
        case 1001: return "Unable to lock subscriber, a transaction is already in process for the current subscriber"
        case 1019: return "Transaction has expired"
        case 1025, 9999: return "An error occurred while sending a push request"
        case 1032: return "Request cancelled by user"
        case 1037: return "DS timeout user cannot be reached"
        case 2001: return "The initiator information is invalid."
        case 2028: return "The request is not permitted according to product assignment"
        default: return "Simulated result \(code)"
        }
    }
}
