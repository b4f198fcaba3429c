/// One text to one or more Kenyan mobile numbers, checked when it is made.
public struct SMSMessage: Sendable, Equatable {
    /// The most parts one message may take (a guard against sending a page by mistake).
    public static let maximumSegments = 10

    /// The recipients, in the order given, without repeats.
    public let recipients: [SMSNumber]
    /// The text as it will be sent.
    public let text: String
    /// The registered alphanumeric sender ID or short code; nil for the gateway's default.
    public let senderID: String?

    /// Throws `.noRecipients`, `.emptyText`, `.tooLong` or `.invalidSenderID` for a message
    /// no gateway should be asked to send.
    public init(to recipients: [SMSNumber], text: String, senderID: String? = nil) throws(SMSError) {
        var seen = Set<SMSNumber>()
        let unique = recipients.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { throw .noRecipients }
        guard !text.isEmpty, !text.unicodeScalars.contains("\0") else { throw .emptyText }
        let segments = SMSSegments(text)
        guard segments.count <= Self.maximumSegments else { throw .tooLong(segments: segments.count) }
        if let senderID { guard Self.isValidSenderID(senderID) else { throw .invalidSenderID(senderID) } }
        self.recipients = unique
        self.text = text
        self.senderID = senderID
    }

    /// Parses each of `numbers` (see `SMSNumber`) and builds the message; `.invalidNumber`
    /// names the first that is not a Kenyan mobile number.
    public init(to numbers: [String], text: String, senderID: String? = nil) throws(SMSError) {
        var parsed: [SMSNumber] = []
        for number in numbers {
            guard let valid = SMSNumber(number) else { throw .invalidNumber(number) }
            parsed.append(valid)
        }
        try self.init(to: parsed, text: text, senderID: senderID)
    }

    /// How the text is encoded and how many parts it takes.
    public var segments: SMSSegments { SMSSegments(text) }

    /// 1–11 ASCII letters and digits: the GSM limit for alphanumeric originators (short codes fit too).
    public static func isValidSenderID(_ text: String) -> Bool {
        (1...11).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            }
    }
}
