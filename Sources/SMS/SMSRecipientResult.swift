/// What the gateway said about one recipient of a message.
public struct SMSRecipientResult: Sendable, Equatable {
    /// The number as the gateway wrote it back.
    public let number: String
    /// Africa's Talking's per-recipient code: 100 Processed, 101 Sent, 102 Queued; 401 and above failed.
    public let statusCode: Int
    /// The gateway's word for it (`Success`, `InvalidPhoneNumber`, …).
    public let status: String
    /// The gateway's id, which its delivery reports name; empty when nothing was sent.
    public let messageID: String
    /// The gateway's cost text as given (`KES 0.8000`), or "".
    public let cost: String
    /// Parts billed, when the gateway says (`messageParts`).
    public let parts: Int?

    /// Creates a result (transports and tests do).
    public init(number: String, statusCode: Int, status: String, messageID: String, cost: String, parts: Int? = nil) {
        self.number = number
        self.statusCode = statusCode
        self.status = status
        self.messageID = messageID
        self.cost = cost
        self.parts = parts
    }

    /// Accepted for delivery (100, 101 or 102).
    public var isAccepted: Bool { (100...102).contains(statusCode) }

    /// Failed now but may succeed later without changing the message: the account's sender ID
    /// or balance (402, 405) or the gateway itself (500–502), as cht-core's integration treats them.
    public var isRetryable: Bool { [402, 405, 500, 501, 502].contains(statusCode) }
}

/// Something that sends an SMS: Africa's Talking for real, a folder of files for development.
public protocol SMSTransport: Sendable {
    /// Sends `message` and returns one result per recipient the gateway answered for. Throws
    /// when there is no per-recipient answer at all; `SMSError.isPermanent` says whether
    /// trying again later can help.
    func send(_ message: SMSMessage) throws(SMSError) -> [SMSRecipientResult]

    /// Makes every message sent so far durable, for transports that hand messages over
    /// lazily (the file transport writes without syncing each file); call it before
    /// recording them as sent.
    func flush() throws(SMSError)

    /// True when `send` hands messages over without making them durable (files): the sender
    /// then records a batch as sent after one `flush`, instead of each message as it goes.
    var sendsLazily: Bool { get }
}

extension SMSTransport {
    /// Nothing to do: each `send` completes the delivery (the gateway).
    public func flush() throws(SMSError) {}

    /// A gateway's `send` completes the delivery.
    public var sendsLazily: Bool { false }
}
