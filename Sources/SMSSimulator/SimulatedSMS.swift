import SMS

/// One send request the simulator accepted (right key and username, every field present).
public struct SimulatedSMS: Sendable, Equatable {
    /// The numbers of the `to` field, as sent.
    public let to: [String]
    /// The `message` field.
    public let message: String
    /// The `from` field, if any.
    public let from: String?
    /// What the simulator answered per recipient (empty when the sender ID was refused).
    public let results: [SMSRecipientResult]

    /// Creates a record (the simulator does; tests compare with one).
    public init(to: [String], message: String, from: String?, results: [SMSRecipientResult]) {
        self.to = to
        self.message = message
        self.from = from
        self.results = results
    }
}

/// The per-recipient answer the simulator gives a number: its last four digits choose.
///
/// `…0100` Processed, `…0102` Queued, `…0401` RiskHold, `…0402` InvalidSenderId,
/// `…0403` InvalidPhoneNumber, `…0404` UnsupportedNumberType, `…0405` InsufficientBalance,
/// `…0406` UserInBlacklist, `…0407` CouldNotRoute, `…0500`–`…0502` gateway errors; a number
/// that is not a Kenyan mobile number gets 403; anything else 101 Success.
public enum SimulatedRecipientStatus {
    static let bySuffix: [String: (Int, String)] = [
        "0100": (100, "Processed"), "0102": (102, "Queued"), "0401": (401, "RiskHold"),
        "0402": (402, "InvalidSenderId"), "0403": (403, "InvalidPhoneNumber"), "0404": (404, "UnsupportedNumberType"),
        "0405": (405, "InsufficientBalance"), "0406": (406, "UserInBlacklist"), "0407": (407, "CouldNotRoute"),
        "0500": (500, "InternalServerError"), "0501": (501, "GatewayError"), "0502": (502, "RejectedByGateway"),
    ]

    /// The status code and word for `number`.
    public static func status(for number: String) -> (code: Int, status: String) {
        guard SMSNumber(number) != nil else { return (403, "InvalidPhoneNumber") }
        return bySuffix[String(number.suffix(4))] ?? (101, "Success")
    }
}
