import Foundation

extension STKCallback {
    /// Parses a callback body strictly: the documented `Body.stkCallback` shape, a numeric
    /// ResultCode, metadata read by Name (any item may be missing, `Balance` may lack a Value).
    /// Throws `.malformedResponse` for anything else, including a fractional Amount.
    public static func parse(_ body: [UInt8]) throws(DarajaError) -> STKCallback {
        guard let root = JSONValue.object(body) else { throw .malformedResponse("callback is not a JSON object") }
        guard let outer = root["Body"] as? [String: Any], let callback = outer["stkCallback"] as? [String: Any] else {
            throw .malformedResponse("callback without Body.stkCallback")
        }
        guard let checkout = JSONValue.string(callback["CheckoutRequestID"]), !checkout.isEmpty else {
            throw .malformedResponse("callback without CheckoutRequestID")
        }
        guard let merchant = JSONValue.string(callback["MerchantRequestID"]) else {
            throw .malformedResponse("callback \(checkout) without MerchantRequestID")
        }
        guard let rawCode = callback["ResultCode"], !(rawCode is NSNull) else {
            throw .malformedResponse("callback \(checkout) without ResultCode")
        }
        let code = DarajaResponse.resultCode(rawCode)
        guard code != DarajaResponse.unknownResultCode else {
            throw .malformedResponse("callback \(checkout) with unreadable ResultCode \(rawCode)")
        }
        let items = try metadata(callback["CallbackMetadata"], checkout: checkout)
        return STKCallback(
            merchantRequestID: merchant, checkoutRequestID: checkout, resultCode: code,
            resultDesc: JSONValue.string(callback["ResultDesc"]) ?? "",
            amount: try read(items, "Amount", checkout, as: "a whole number", JSONValue.integer),
            receipt: try read(items, "MpesaReceiptNumber", checkout, as: "a string", JSONValue.string),
            transactionDate: try read(items, "TransactionDate", checkout, as: "14 digits") { value in
                JSONValue.digits(value).flatMap { $0.utf8.count == 14 ? $0 : nil }
            },
            phone: try read(items, "PhoneNumber", checkout, as: "digits", JSONValue.digits))
    }

    /// The `CallbackMetadata.Item` list as Name → Value (absent values left out).
    private static func metadata(_ value: Any?, checkout: String) throws(DarajaError) -> [String: Any] {
        guard let value, !(value is NSNull) else { return [:] }
        guard let object = value as? [String: Any], let list = object["Item"] as? [Any] else {
            throw .malformedResponse("callback \(checkout): CallbackMetadata without an Item list")
        }
        var items: [String: Any] = [:]
        for entry in list {
            guard let item = entry as? [String: Any], let name = JSONValue.string(item["Name"]) else {
                throw .malformedResponse("callback \(checkout): metadata item without a Name")
            }
            if let value = item["Value"], !(value is NSNull), items[name] == nil { items[name] = value }
        }
        return items
    }

    private static func read<T>(
        _ items: [String: Any], _ name: String, _ checkout: String, as kind: String, _ convert: (Any) -> T?
    ) throws(DarajaError) -> T? {
        guard let value = items[name] else { return nil }
        guard let converted = convert(value) else {
            throw .malformedResponse("callback \(checkout): \(name) is not \(kind): \(value)")
        }
        return converted
    }
}
