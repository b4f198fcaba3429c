import Foundation
import SMS

/// The simulator's JSON: the gateway's send answer, and the `GET /sim/messages` listing.
enum SMSSimulatorListing {
    /// `{"SMSMessageData":{"Message":"Sent to n/m Total Cost: KES x","Recipients":[…]}}`.
    static func sendAnswer(_ results: [SMSRecipientResult]) -> String {
        let accepted = results.filter(\.isAccepted)
        let total = accepted.compactMap { Double($0.cost.dropFirst(4)) }.reduce(0, +)
        let message = "Sent to \(accepted.count)/\(results.count) Total Cost: KES \(String(format: "%.4f", total))"
        return text(["SMSMessageData": ["Message": message, "Recipients": results.map(recipient)]])
    }

    /// Every message received, oldest first.
    static func json(_ received: [SimulatedSMS]) -> String {
        text(
            received.map { sms in
                var object: [String: Any] = [
                    "to": sms.to, "message": sms.message, "recipients": sms.results.map(recipient),
                ]
                if let from = sms.from { object["from"] = from }
                return object
            })
    }

    private static func recipient(_ result: SMSRecipientResult) -> [String: Any] {
        var object: [String: Any] = [
            "statusCode": result.statusCode, "number": result.number, "status": result.status,
            "messageId": result.messageID, "cost": result.cost,
        ]
        if let parts = result.parts { object["messageParts"] = parts }
        return object
    }

    private static func text(_ object: Any) -> String {
        // Only strings, integers, arrays and objects: JSONSerialization always accepts them.
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
