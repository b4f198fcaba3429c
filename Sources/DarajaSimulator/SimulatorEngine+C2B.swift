import Crypto
import Daraja
import Foundation

extension SimulatorEngine {
    /// `POST /mpesa/c2b/{v1,v2}/registerurl`: checks the body as Daraja does and remembers the URLs
    /// (overwriting, as the sandbox allows).
    func registerC2B(_ request: SimpleHTTPRequest, version: String) -> SimpleHTTPResponse {
        do {
            return try acceptRegistration(request, version: version)
        } catch {
            return error.response
        }
    }

    private func acceptRegistration(_ request: SimpleHTTPRequest, version: String) throws(Refusal)
        -> SimpleHTTPResponse
    {
        let body = try darajaBody(request)
        guard let shortcode = SimJSON.digits(body["ShortCode"]), (5...7).contains(shortcode.count) else {
            throw Refusal(invalid("ShortCode"))
        }
        guard let type = body["ResponseType"] as? String, type == "Completed" || type == "Cancelled" else {
            throw Refusal(invalid("ResponseType"))
        }
        let confirmation = try Self.checkedURL(body["ConfirmationURL"], "ConfirmationURL", engine: self)
        let validation = try Self.checkedURL(body["ValidationURL"], "ValidationURL", engine: self)
        state.withLock {
            $0.c2bRegistrations[shortcode] = SimulatedC2BRegistration(
                confirmationURL: confirmation, validationURL: validation, version: version, responseType: type)
        }
        log("C2B \(version) URLs registered for \(shortcode): \(confirmation)")
        let id = state.withLock { $0.nextSerial() }
        return .json(
            200,
            SimJSON.text([
                "OriginatorCoversationID": "sim-\(id)", "ResponseCode": "0", "ResponseDescription": "Success",
            ]))
    }

    private static func checkedURL(_ value: Any?, _ field: String, engine: SimulatorEngine) throws(Refusal) -> String {
        guard let url = value as? String, url.hasPrefix("https://") || url.hasPrefix("http://"),
            !url.contains(where: \.isWhitespace),
            !C2BRegistration.forbiddenURLWords.contains(where: { url.lowercased().contains($0) })
        else { throw Refusal(engine.invalid(field)) }
        return url
    }

    /// `POST /sim/c2b/pay` `{"shortcode","account","amount","phone","msisdn":"plain|masked|hashed",
    /// "transID"?, "validate"?}`: a customer pays the paybill from the M-Pesa menu. Posts the
    /// validation (unless `"validate":false`) then, if accepted, the confirmation to the URLs
    /// registered for the shortcode; answers what each returned.
    func payBill(_ request: SimpleHTTPRequest) -> SimpleHTTPResponse {
        guard let body = SimJSON.object(request.body), let shortcode = SimJSON.digits(body["shortcode"]),
            let amount = Self.amount(body["amount"]), let phone = SimJSON.digits(body["phone"]), Self.isPhone(phone)
        else {
            return .json(400, #"{"error":"expected {\"shortcode\",\"account\",\"amount\",\"phone\"}"}"#)
        }
        guard let registration = state.withLock({ $0.c2bRegistrations[shortcode] }) else {
            return .json(409, #"{"error":"no C2B URLs registered for this shortcode"}"#)
        }
        let style = body["msisdn"] as? String ?? (registration.version == "v1" ? "hashed" : "masked")
        let transID = (body["transID"] as? String) ?? uniqueReceipt()
        let payment = C2BNotification(
            transID: transID, transTime: DarajaPassword.timestamp(Date()), amount: amount,
            businessShortCode: shortcode, billRefNumber: body["account"] as? String ?? "",
            orgAccountBalance: "", msisdn: Self.msisdn(phone, style: style), firstName: "JANE",
            middleName: "W", lastName: "DOE")
        var answer: [String: Any] = ["transID": transID]
        if body["validate"] as? Bool != false {
            let validation = post(payment.body, to: registration.validationURL)
            answer["validation"] = validation.status
            answer["validationBody"] = String(decoding: validation.body, as: UTF8.self)
            let accepted = (SimJSON.object(validation.body)?["ResultCode"]).map { "\($0)" } == "0"
            // A refusal cancels the payment; no answer at all applies the registered ResponseType.
            if validation.status == 200 ? !accepted : registration.responseType == "Cancelled" {
                log("C2B \(transID) to \(shortcode) cancelled by validation")
                return .json(200, SimJSON.text(answer))
            }
        }
        let confirmation = post(payment.body, to: registration.confirmationURL)
        answer["confirmation"] = confirmation.status
        answer["confirmationBody"] = String(decoding: confirmation.body, as: UTF8.self)
        log("C2B \(transID) KSh \(amount) to \(shortcode) account \(payment.billRefNumber) → \(confirmation.status)")
        return .json(200, SimJSON.text(answer))
    }

    func c2bRegistrations() -> SimpleHTTPResponse {
        let all = state.withLock { $0.c2bRegistrations }
        let listing = all.mapValues {
            [
                "confirmationURL": $0.confirmationURL, "validationURL": $0.validationURL, "version": $0.version,
                "responseType": $0.responseType,
            ]
        }
        return .json(200, SimJSON.text(listing))
    }

    private func post(_ body: [UInt8], to url: String) -> (status: Int, body: [UInt8]) {
        (try? DarajaHTTP.postJSON(body, to: url, timeout: .seconds(10))) ?? (0, [])
    }

    /// A receipt number no push or payment has used.
    private func uniqueReceipt() -> String {
        state.withLock { state in
            var candidate = Self.receiptNumber()
            while state.receipts.contains(candidate) { candidate = Self.receiptNumber() }
            state.receipts.insert(candidate)
            return candidate
        }
    }

    /// The MSISDN as C2B v1 (hashed), v2 (masked) or an old integration (plain) gives it.
    static func msisdn(_ phone: String, style: String) -> String {
        switch style {
        case "plain": return phone
        case "hashed": return SHA256.hash(Array(phone.utf8)).map { String(format: "%02x", $0) }.joined()
        default: return "\(phone.prefix(4)) ***** \(phone.suffix(3))"
        }
    }
}
