import Foundation

/// Reads Africa's Talking's answer to a send:
/// `{"SMSMessageData":{"Message":"Sent to 1/1 Total Cost: KES 0.8000","Recipients":[…]}}`.
public enum AfricasTalkingResponse {
    /// One result per entry of `SMSMessageData.Recipients`. Throws `.rejected` with the
    /// gateway's `Message` (e.g. `InvalidSenderId`) when the list is empty, and
    /// `.malformedResponse` when the answer is not that shape.
    public static func recipients(_ body: [UInt8]) throws(SMSError) -> [SMSRecipientResult] {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
            let data = root["SMSMessageData"] as? [String: Any]
        else { throw .malformedResponse("no SMSMessageData object") }
        guard let list = data["Recipients"] as? [Any] else {
            throw .malformedResponse("missing SMSMessageData.Recipients")
        }
        guard !list.isEmpty else { throw .rejected(data["Message"] as? String ?? "no recipients and no message") }
        var results: [SMSRecipientResult] = []
        for entry in list {
            guard let item = entry as? [String: Any], let number = item["number"] as? String,
                let code = integer(item["statusCode"]), let status = item["status"] as? String
            else { throw .malformedResponse("a recipient without number, statusCode or status") }
            results.append(
                SMSRecipientResult(
                    number: number, statusCode: code, status: status, messageID: item["messageId"] as? String ?? "",
                    cost: item["cost"] as? String ?? "", parts: integer(item["messageParts"])))
        }
        return results
    }

    /// A whole JSON number or a string of digits (gateways are not always consistent).
    private static func integer(_ value: Any?) -> Int? {
        if let text = value as? String { return Int(text) }
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, abs(double) < 1e9 else { return nil }
        return Int(double)
    }
}
