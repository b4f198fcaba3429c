import Foundation

/// Africa's Talking's delivery report for one message to one number, POSTed to the callback URL.
public struct SMSDeliveryReport: Sendable, Equatable {
    /// Where the message is: `Sent`, `Submitted` and `Buffered` are on the way; `Success`
    /// (on the handset), `Rejected` and `Failed` are final.
    public enum Status: String, Sendable, CaseIterable {
        case sent = "Sent"
        case submitted = "Submitted"
        case buffered = "Buffered"
        case rejected = "Rejected"
        case success = "Success"
        case failed = "Failed"

        /// No later report will change it.
        public var isFinal: Bool { self == .rejected || self == .success || self == .failed }
    }

    /// The `messageId` the send answer gave.
    public let messageID: String
    /// Where the message is.
    public let status: Status
    /// The recipient.
    public let phoneNumber: SMSNumber
    /// The operator's mobile network code (e.g. `63902`), when given.
    public let networkCode: String?
    /// Why it failed, as the gateway wrote it (values are not a closed list), for Rejected/Failed.
    public let failureReason: String?
    /// How many times the gateway retried, when given.
    public let retryCount: Int?

    /// The largest body read; a report is a few hundred bytes.
    public static let maximumBody = 8 * 1024

    /// Parses a form-encoded report strictly: `id`, `status` (one of `Status`) and
    /// `phoneNumber` (a Kenyan mobile number) required; `networkCode` digits and `retryCount`
    /// a non-negative number when present; a field given twice, a broken escape or an
    /// oversized body is refused. Unknown fields are ignored.
    public static func parse(formBody body: [UInt8]) throws(SMSError) -> SMSDeliveryReport {
        guard body.count <= maximumBody else { throw .invalidDeliveryReport("body larger than \(maximumBody) bytes") }
        guard let text = String(validating: body, as: UTF8.self), let pairs = SMSForm.decode(text) else {
            throw .invalidDeliveryReport("not a form-encoded body")
        }
        var fields: [String: String] = [:]
        for (name, value) in pairs {
            guard fields.updateValue(value, forKey: name) == nil else {
                throw .invalidDeliveryReport("field \(SMSError.printable(name)) given twice")
            }
        }
        return try parse(fields: fields)
    }

    /// Parses a JSON report (an object with the same fields; numbers may be JSON numbers).
    public static func parse(jsonBody body: [UInt8]) throws(SMSError) -> SMSDeliveryReport {
        guard body.count <= maximumBody else { throw .invalidDeliveryReport("body larger than \(maximumBody) bytes") }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw .invalidDeliveryReport("not a JSON object")
        }
        var fields: [String: String] = [:]
        for (name, value) in object {
            if let text = value as? String {
                fields[name] = text
            } else if let number = value as? NSNumber, String(cString: number.objCType) != "c" {
                fields[name] = number.stringValue
            } else if !(value is NSNull) {
                throw .invalidDeliveryReport("field \(SMSError.printable(name)) is not a string or number")
            }
        }
        return try parse(fields: fields)
    }

    private static func parse(fields: [String: String]) throws(SMSError) -> SMSDeliveryReport {
        guard let id = fields["id"], (1...100).contains(id.utf8.count),
            id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { throw .invalidDeliveryReport("missing or malformed id") }
        guard let raw = fields["status"], let status = Status(rawValue: raw) else {
            throw .invalidDeliveryReport("unknown status \(SMSError.printable(fields["status"] ?? "(none)"))")
        }
        guard let phone = fields["phoneNumber"].flatMap(SMSNumber.init) else {
            throw .invalidDeliveryReport("missing or malformed phoneNumber")
        }
        let network = try optional(fields["networkCode"], "networkCode") { text in
            (1...8).contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) } ? text : nil
        }
        let reason = try optional(fields["failureReason"], "failureReason") { text in
            text.utf8.count <= 100 && text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
                ? text : nil
        }
        let retries = try optional(fields["retryCount"], "retryCount") { text in
            text.utf8.count <= 6 && text.utf8.allSatisfy { (0x30...0x39).contains($0) } ? Int(text) : nil
        }
        return SMSDeliveryReport(
            messageID: id, status: status, phoneNumber: phone, networkCode: network, failureReason: reason,
            retryCount: retries)
    }

    /// Nil for a missing or empty field; the converted value, or an error naming the field.
    private static func optional<T>(
        _ text: String?, _ name: String, _ convert: (String) -> T?
    ) throws(SMSError) -> T? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = convert(text) else { throw .invalidDeliveryReport("malformed \(name)") }
        return value
    }
}
