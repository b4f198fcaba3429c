/// Reads Daraja's answers: the success shapes of each call and the shared error shape.
enum DarajaResponse {
    /// Daraja's `errorCode` in `body`, if it is the error shape.
    static func errorCode(_ body: [UInt8]) -> String? {
        JSONValue.object(body).flatMap { JSONValue.string($0["errorCode"]) }
    }

    /// `{"requestId","errorCode","errorMessage"}` as `.api`; any other body keeps a short excerpt.
    static func apiError(status: Int, body: [UInt8]) -> DarajaError {
        if let object = JSONValue.object(body), let code = JSONValue.string(object["errorCode"]) {
            return .api(httpStatus: status, errorCode: code, message: JSONValue.string(object["errorMessage"]) ?? "")
        }
        return .api(httpStatus: status, errorCode: "", message: "HTTP \(status): \(excerpt(body))")
    }

    /// The OAuth answer: `access_token` and `expires_in` (a number or a string).
    static func token(status: Int, body: [UInt8]) throws(DarajaError) -> (token: String, expiresIn: Int) {
        guard status == 200 else { throw apiError(status: status, body: body) }
        guard let object = JSONValue.object(body), let token = JSONValue.string(object["access_token"]),
            !token.isEmpty
        else { throw .malformedResponse(.missing(field: "access_token", answer: excerpt(body))) }
        guard let raw = object["expires_in"] else { return (token, 3599) }
        guard let seconds = JSONValue.integer(raw), seconds > 0 else {
            throw .malformedResponse(.invalid(field: "expires_in", value: "\(raw)"))
        }
        return (token, seconds)
    }

    /// The Register URL answer: `{"ResponseCode":"0",…}` (or `ResponseDescription` "Success").
    static func registered(status: Int, body: [UInt8]) throws(DarajaError) {
        guard status == 200, let object = JSONValue.object(body), object["errorCode"] == nil else {
            throw apiError(status: status, body: body)
        }
        guard let code = object["ResponseCode"], JSONValue.integer(code) == 0 else {
            throw .api(
                httpStatus: status, errorCode: "\(object["ResponseCode"] ?? "")",
                message: JSONValue.string(object["ResponseDescription"]) ?? excerpt(body))
        }
    }

    /// The push answer: accepted only with `ResponseCode` "0" and a CheckoutRequestID.
    static func pushAccepted(status: Int, body: [UInt8]) throws(DarajaError) -> STKPushAccepted {
        guard status == 200, let object = JSONValue.object(body), object["errorCode"] == nil else {
            throw apiError(status: status, body: body)
        }
        let description = JSONValue.string(object["ResponseDescription"]) ?? ""
        guard let code = object["ResponseCode"] else {
            throw .malformedResponse(.missing(field: "ResponseCode", answer: excerpt(body)))
        }
        guard JSONValue.integer(code) == 0 else {
            throw .api(httpStatus: status, errorCode: "\(code)", message: description)
        }
        guard let checkout = JSONValue.string(object["CheckoutRequestID"]), !checkout.isEmpty else {
            throw .malformedResponse(.missing(field: "CheckoutRequestID", answer: excerpt(body)))
        }
        return STKPushAccepted(
            merchantRequestID: JSONValue.string(object["MerchantRequestID"]) ?? "", checkoutRequestID: checkout,
            customerMessage: JSONValue.string(object["CustomerMessage"]) ?? description)
    }

    /// The query answer; "still processing" is ResultCode 4999 or errorCode 500.001.1001 (any status).
    static func queryResult(status: Int, body: [UInt8]) throws(DarajaError) -> STKQueryResult {
        if errorCode(body) == "500.001.1001" { return .stillProcessing }
        guard status == 200, let object = JSONValue.object(body), object["errorCode"] == nil else {
            throw apiError(status: status, body: body)
        }
        let description = JSONValue.string(object["ResultDesc"]) ?? ""
        guard let raw = object["ResultCode"] else {
            let responseCode = object["ResponseCode"].map { "\($0)" } ?? ""
            if !responseCode.isEmpty, responseCode != "0" {
                throw .api(
                    httpStatus: status, errorCode: responseCode,
                    message: JSONValue.string(object["ResponseDescription"]) ?? "")
            }
            throw .malformedResponse(.missing(field: "ResultCode", answer: excerpt(body)))
        }
        let code = resultCode(raw)
        if code == 4999 { return .stillProcessing }
        return .completed(
            resultCode: code, resultDesc: code == unknownResultCode ? "[\(raw)] \(description)" : description)
    }

    /// What an unreadable ResultCode becomes: no known meaning, so `STKOutcome` says "needs review".
    static let unknownResultCode = -1

    /// A ResultCode given as a number or a string; `SFC_IC0003` is the same misconfiguration as 2028.
    static func resultCode(_ raw: Any) -> Int {
        if let code = JSONValue.integer(raw) { return code }
        if JSONValue.string(raw) == "SFC_IC0003" { return 2028 }
        return unknownResultCode
    }

    /// At most 200 characters of `body`, for log lines.
    static func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return body.isEmpty ? "(empty body)" : (body.count > 200 ? text + "…" : text)
    }
}
