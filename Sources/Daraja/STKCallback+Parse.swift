import Foundation

extension STKCallback {
    /// Parses a callback body strictly: the documented `Body.stkCallback` shape, a numeric
    /// ResultCode, metadata read by Name (any item may be missing, `Balance` may lack a Value).
    /// Throws `.malformedResponse` for anything else, including a fractional Amount.
    public static func parse(_ body: [UInt8]) throws(DarajaError) -> STKCallback {
        guard let root = JSONValue.object(body) else { throw .malformedResponse(.notAnObject) }
        guard let outer = root["Body"] as? [String: Any], let callback = outer["stkCallback"] as? [String: Any] else {
            throw .malformedResponse(.missing(field: "Body.stkCallback"))
        }
        guard let checkout = JSONValue.string(callback["CheckoutRequestID"]), !checkout.isEmpty else {
            throw .malformedResponse(.missing(field: "CheckoutRequestID"))
        }
        guard let merchant = JSONValue.string(callback["MerchantRequestID"]) else {
            throw .malformedResponse(.missing(field: "MerchantRequestID", answer: checkout))
        }
        guard let rawCode = callback["ResultCode"], !JSONValue.isNull(rawCode) else {
            throw .malformedResponse(.missing(field: "ResultCode", answer: checkout))
        }
        let code = DarajaResponse.resultCode(rawCode)
        guard code != DarajaResponse.unknownResultCode else {
            throw .malformedResponse(.invalid(field: "ResultCode", value: "\(rawCode)"))
        }
        let items = try metadata(callback["CallbackMetadata"], checkout: checkout)
        return STKCallback(
            merchantRequestID: merchant, checkoutRequestID: checkout, resultCode: code,
            resultDesc: JSONValue.string(callback["ResultDesc"]) ?? "",
            amount: try read(items, "Amount", JSONValue.integer),
            receipt: try read(items, "MpesaReceiptNumber", JSONValue.string),
            transactionDate: try read(items, "TransactionDate") { value in
                JSONValue.digits(value).flatMap { $0.utf8.count == 14 ? $0 : nil }
            },
            phone: try read(items, "PhoneNumber", JSONValue.digits))
    }

    /// The `CallbackMetadata.Item` list as Name → Value (absent values left out).
    private static func metadata(_ value: Any?, checkout: String) throws(DarajaError) -> [String: Any] {
        guard let value, !JSONValue.isNull(value) else { return [:] }
        guard let object = value as? [String: Any], let list = object["Item"] as? [Any] else {
            throw .malformedResponse(.missing(field: "CallbackMetadata.Item", answer: checkout))
        }
        var items: [String: Any] = [:]
        for entry in list {
            guard let item = entry as? [String: Any], let name = JSONValue.string(item["Name"]) else {
                throw .malformedResponse(.missing(field: "CallbackMetadata.Item.Name", answer: checkout))
            }
            if let value = item["Value"], !JSONValue.isNull(value), items[name] == nil { items[name] = value }
        }
        return items
    }

    private static func read<T>(
        _ items: [String: Any], _ name: String, _ convert: (Any) -> T?
    ) throws(DarajaError) -> T? {
        guard let value = items[name] else { return nil }
        guard let converted = convert(value) else {
            throw .malformedResponse(.invalid(field: name, value: "\(value)"))
        }
        return converted
    }
}
